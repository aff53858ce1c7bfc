package io.glyphwright.dataset.build.bench;

import com.sun.management.OperatingSystemMXBean;
import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Tesseract in-process (Tess4J, long-lived handles) against one {@code tesseract} command-line
 * process per image, as pytesseract-based pipelines run it, on the same images in the same run.
 *
 * <p>Work per image, both sides: decode the PNG, OCR with {@code eng+chi_sim}, page segmentation 3,
 * LSTM, word-level results. In-process: {@code ImageIO.read} of the PNG bytes then {@code
 * OcrEngine.read} (lines, words, symbols with boxes). Per process: {@code tesseract IMG stdout -l
 * eng+chi_sim --psm 3 --oem 1 tsv} (what {@code pytesseract.image_to_data} runs; pytesseract also
 * writes the image to a temporary PNG first, which is not counted here), output read fully, run
 * from {@code sh} so that the shell's {@code times} reports its CPU time. {@code
 * OMP_THREAD_LIMIT=1} for both. 1 and 2 concurrent workers; each round runs both sides back to
 * back. Besides wall time, CPU time (user + system): the JVM's process CPU time in-process, the
 * {@code tesseract} children's per process. On a machine shared with other work, CPU time per image
 * is the steadier figure.
 *
 * <pre>TesseractProcessBench CORPUS COUNT ROUNDS RESULTS.json</pre>
 */
public final class TesseractProcessBench {
  private static final DoubleAdder CHILD_CPU = new DoubleAdder();
  private static final Pattern MIN_SEC = Pattern.compile("(\\d+)m([\\d.]+)s");

  private TesseractProcessBench() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Path results = Path.of(args[3]);
    Path work = Files.createTempDirectory("tess-bench");
    List<byte[]> pngs = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (CorpusReader reader = CorpusReader.open(corpus)) {
      for (CorpusRecord r : (Iterable<CorpusRecord>) reader.stream().limit(count)::iterator) {
        if (!r.imageExtension().equals("png")) {
          throw new IllegalArgumentException(
              "the bench wants a PNG corpus (dataset synth --format png)");
        }
        pngs.add(r.image());
        files.add(Files.write(work.resolve(r.key() + ".png"), r.image()));
      }
    }
    System.err.printf(Locale.ROOT, "tesseract-bench: %d images, %d rounds%n", pngs.size(), rounds);
    StringBuilder json = new StringBuilder("[\n");
    try (OcrEngine engine = OcrEngines.open("tesseract")) {
      // Warm-up: one handle per worker, the traineddata in the page cache for both sides.
      inProcess(engine, pngs.subList(0, 2), 2);
      perProcess(files.subList(0, 2), 2);
      for (int round = 1; round <= rounds; round++) {
        for (int workers : new int[] {1, 2}) {
          double cpu0 = processCpuSeconds();
          double a = inProcess(engine, pngs, workers);
          double aCpu = processCpuSeconds() - cpu0;
          CHILD_CPU.reset();
          double b = perProcess(files, workers);
          double bCpu = CHILD_CPU.sum();
          int n = pngs.size();
          String line =
              String.format(
                  Locale.ROOT,
                  "{\"round\":%d,\"workers\":%d,\"inProcessImagesPerSecond\":%.3f,"
                      + "\"perProcessImagesPerSecond\":%.3f,\"ratio\":%.2f,"
                      + "\"inProcessCpuMsPerImage\":%.1f,\"perProcessCpuMsPerImage\":%.1f,"
                      + "\"cpuRatio\":%.2f,\"loadAverage1m\":%.2f}",
                  round,
                  workers,
                  n / a,
                  n / b,
                  b / a,
                  1000 * aCpu / n,
                  1000 * bCpu / n,
                  bCpu / aCpu,
                  ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
          System.err.println("tesseract-bench: " + line);
          json.append("  ").append(line).append(",\n");
        }
      }
    }
    json.setLength(json.length() - 2);
    json.append("\n]\n");
    Files.createDirectories(results.toAbsolutePath().getParent());
    Files.writeString(results, json.toString(), StandardCharsets.UTF_8);
    for (Path f : files) {
      Files.deleteIfExists(f);
    }
    Files.deleteIfExists(work);
    System.out.print(json);
  }

  private static double processCpuSeconds() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  /** Seconds to decode and read every image on {@code workers} threads. */
  private static double inProcess(OcrEngine engine, List<byte[]> pngs, int workers)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    try {
      List<Future<OcrResult>> f = new ArrayList<>();
      for (byte[] png : pngs) {
        f.add(pool.submit(() -> engine.read(ImageIO.read(new ByteArrayInputStream(png)))));
      }
      for (Future<OcrResult> r : f) {
        r.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds to run one {@code tesseract} process per image, {@code workers} at a time. */
  private static double perProcess(List<Path> files, int workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    try {
      List<Future<Integer>> f = new ArrayList<>();
      for (Path file : files) {
        f.add(pool.submit(() -> tesseract(file)));
      }
      for (Future<Integer> r : f) {
        if (r.get() != 0) {
          throw new IOException("tesseract failed");
        }
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static int tesseract(Path file) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
            "sh",
            "-c",
            "tesseract \"$1\" stdout -l eng+chi_sim --psm 3 --oem 1 tsv 2>/dev/null; s=$?;"
                + " times >&2; exit $s",
            "sh",
            file.toString());
    pb.environment().put("OMP_THREAD_LIMIT", "1");
    Process p = pb.start();
    CompletableFuture<String> times =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
              } catch (IOException e) {
                return "";
              }
            });
    byte[] tsv = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("tesseract took over a minute on " + file);
    }
    CHILD_CPU.add(childCpu(times.join()));
    return tsv.length > 0 ? p.exitValue() : 1;
  }

  /** The children's user + system seconds from {@code times}: its last line, "0m0.12s 0m0.01s". */
  static double childCpu(String times) {
    String[] lines = times.strip().split("\n");
    if (lines.length < 2) {
      return 0;
    }
    double total = 0;
    Matcher m = MIN_SEC.matcher(lines[lines.length - 1]);
    while (m.find()) {
      total += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
    }
    return total;
  }
}
