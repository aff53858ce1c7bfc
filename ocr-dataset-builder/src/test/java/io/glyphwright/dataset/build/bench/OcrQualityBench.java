package io.glyphwright.dataset.build.bench;

import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.dataset.synth.PhotoLibrary;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticPosters;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrSettings;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * OCR quality on seeded synthetic posters, made for this measurement only (never written as a
 * corpus): both engines read the same images; word precision, recall and F against the drawn text,
 * English and Chinese apart (see {@link WordMatch}).
 *
 * <pre>OcrQualityBench COUNT SEED WORKERS RESULTS.json [ENGINES [verbose]]</pre>
 *
 * With {@code verbose}, every image whose words differ is printed with truth and reading.
 */
public final class OcrQualityBench {
  private OcrQualityBench() {}

  public static void main(String[] args) throws Exception {
    int count = Integer.parseInt(args[0]);
    long seed = Long.parseLong(args[1]);
    int workers = Integer.parseInt(args[2]);
    Path results = Path.of(args[3]);
    List<String> engines = List.of((args.length > 4 ? args[4] : "ppocr-v4,tesseract").split(","));
    boolean verbose = args.length > 5 && args[5].equals("verbose");
    SynthSettings settings = SynthSettings.defaults(count, seed).withWorkers(workers);
    PhotoLibrary photos =
        settings.photoRoots().isEmpty()
            ? PhotoLibrary.none()
            : PhotoLibrary.scan(settings.photoRoots());
    SyntheticPosters posters = new SyntheticPosters(GlyphRenderer.system(), settings, photos);
    System.err.printf(
        Locale.ROOT,
        "ocr-quality: %d posters, seed %d, %d photos available%n",
        count,
        seed,
        photos.files().size());
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<BufferedImage> images = new ArrayList<>();
    List<List<String>> truth = new ArrayList<>();
    List<Future<SyntheticPosters.Sample>> made = new ArrayList<>();
    for (int n = 0; n < count; n++) {
      long k = n;
      made.add(pool.submit(() -> posters.generate(k)));
    }
    for (Future<SyntheticPosters.Sample> f : made) {
      SyntheticPosters.Sample s = f.get();
      images.add(s.poster().image());
      truth.add(s.record().sample().ocr().lines().stream().map(CorpusLine::text).toList());
    }
    StringBuilder json = new StringBuilder("[\n");
    for (String name : engines) {
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
      WordMatch m = new WordMatch();
      long start = System.nanoTime();
      try (OcrEngine engine =
          OcrEngines.open(name, OcrSettings.defaults().withOnnxThreads(threads))) {
        List<Future<List<String>>> read = new ArrayList<>();
        for (BufferedImage img : images) {
          read.add(
              pool.submit(() -> engine.read(img).lines().stream().map(OcrLine::text).toList()));
        }
        for (int i = 0; i < images.size(); i++) {
          List<String> predicted = read.get(i).get();
          m.add(truth.get(i), predicted);
          if (verbose && !WordMatch.tokens(truth.get(i)).equals(WordMatch.tokens(predicted))) {
            System.err.println(name + " #" + i + " truth " + truth.get(i) + " read " + predicted);
          }
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      String line =
          String.format(
              Locale.ROOT,
              "{\"engine\":\"%s\",\"images\":%d,\"seconds\":%.1f,"
                  + "\"en\":{\"truth\":%d,\"predicted\":%d,\"matched\":%d,\"p\":%.4f,\"r\":%.4f,\"f\":%.4f},"
                  + "\"zh\":{\"truth\":%d,\"predicted\":%d,\"matched\":%d,\"p\":%.4f,\"r\":%.4f,\"f\":%.4f},"
                  + "\"zhChars\":{\"truth\":%d,\"predicted\":%d,\"matched\":%d,\"p\":%.4f,\"r\":%.4f,\"f\":%.4f},"
                  + "\"enChars\":{\"truth\":%d,\"predicted\":%d,\"matched\":%d,\"p\":%.4f,\"r\":%.4f,\"f\":%.4f}}",
              name,
              count,
              secs,
              m.english.truth,
              m.english.predicted,
              m.english.matched,
              m.english.precision(),
              m.english.recall(),
              m.english.f(),
              m.chinese.truth,
              m.chinese.predicted,
              m.chinese.matched,
              m.chinese.precision(),
              m.chinese.recall(),
              m.chinese.f(),
              m.chineseChars.truth,
              m.chineseChars.predicted,
              m.chineseChars.matched,
              m.chineseChars.precision(),
              m.chineseChars.recall(),
              m.chineseChars.f());
      System.err.println("ocr-quality: " + line);
      json.append("  ")
          .append(line)
          .append(name.equals(engines.get(engines.size() - 1)) ? "\n" : ",\n");
    }
    pool.shutdownNow();
    json.append("]\n");
    Files.createDirectories(results.toAbsolutePath().getParent());
    Files.writeString(results, json.toString(), StandardCharsets.UTF_8);
    try (PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8)) {
      out.print(json);
    }
  }
}
