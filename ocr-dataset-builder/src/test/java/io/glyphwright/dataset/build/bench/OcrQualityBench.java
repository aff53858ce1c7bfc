package io.glyphwright.dataset.build.bench;

import io.glyphwright.core.LayoutJson;
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
import tools.jackson.databind.node.ObjectNode;

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

  private static void put(ObjectNode root, String field, WordMatch.Counts c) {
    ObjectNode o = root.putObject(field);
    o.put("truth", c.truth);
    o.put("predicted", c.predicted);
    o.put("matched", c.matched);
    o.put("p", Math.round(c.precision() * 1e4) / 1e4);
    o.put("r", Math.round(c.recall() * 1e4) / 1e4);
    o.put("f", Math.round(c.f() * 1e4) / 1e4);
  }

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
    // Daemon threads: a failure in main ends the JVM instead of leaving it waiting on the pool.
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "ocr-quality");
              t.setDaemon(true);
              return t;
            });
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
      ObjectNode r = LayoutJson.mapper().createObjectNode();
      r.put("engine", name);
      r.put("images", count);
      r.put("seconds", Math.round(secs * 10) / 10.0);
      put(r, "en", m.english);
      put(r, "zh", m.chinese);
      put(r, "enChars", m.englishChars);
      put(r, "zhChars", m.chineseChars);
      String line = r.toString();
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
