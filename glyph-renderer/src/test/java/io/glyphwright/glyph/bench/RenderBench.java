package io.glyphwright.glyph.bench;

import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.FontFace;
import io.glyphwright.glyph.FontRegistry;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The glyph rendering benchmark (see bench/glyph-render.sh).
 *
 * <pre>
 * RenderBench generate OUT.jsonl COUNT SEED   # seeded layouts, plus each character's face for Pillow
 * RenderBench run IN.jsonl PASSES WORKERS...  # times render() per layout at each thread count
 * </pre>
 *
 * The JSONL file starts with a header line {@code {"fonts":{id:[file,index]},...}}; each further
 * line is {@code {"layout":{...},"faces":[[face id per code point] per line]}}. The faces are the
 * ones the Java renderer resolves (line face or per-character fallback), so that Pillow, which has
 * no cmap query, draws each character with the same font file. {@code run} prints one JSON line per
 * worker count.
 */
public final class RenderBench {
  private RenderBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 4 && args[0].equals("generate")) {
      generate(Path.of(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
    } else if (args.length >= 4 && args[0].equals("run")) {
      int passes = Integer.parseInt(args[2]);
      int[] workers = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();
      run(Path.of(args[1]), passes, workers);
    } else {
      System.err.println(
          "usage: RenderBench generate OUT.jsonl COUNT SEED | run IN.jsonl PASSES WORKERS...");
      System.exit(2);
    }
  }

  static void generate(Path out, int count, long seed) throws IOException {
    FontRegistry fonts = FontRegistry.system();
    List<Layout> layouts = BenchLayouts.generate(count, seed);
    Map<String, FontFace> used = new LinkedHashMap<>();
    List<ObjectNode> rows = new ArrayList<>();
    for (Layout layout : layouts) {
      ObjectNode row = LayoutJson.mapper().createObjectNode();
      row.set("layout", LayoutJson.toTree(layout));
      ArrayNode faces = row.putArray("faces");
      for (TextLine line : layout.lines()) {
        FontFace face = fonts.resolve(line.font(), line.text());
        ArrayNode perChar = faces.addArray();
        line.text()
            .codePoints()
            .forEach(
                cp -> {
                  FontFace f = face.canDisplay(cp) ? face : fonts.fallbackFor(cp).orElseThrow();
                  used.putIfAbsent(f.id(), f);
                  perChar.add(f.id());
                });
      }
      rows.add(row);
    }
    ObjectNode header = LayoutJson.mapper().createObjectNode();
    header.put("count", count);
    header.put("seed", seed);
    ObjectNode table = header.putObject("fonts");
    used.values().forEach(f -> table.putArray(f.id()).add(f.file().toString()).add(f.index()));
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write(LayoutJson.mapper().writeValueAsString(header));
      w.write('\n');
      for (ObjectNode row : rows) {
        w.write(LayoutJson.mapper().writeValueAsString(row));
        w.write('\n');
      }
    }
  }

  static void run(Path in, int passes, int[] workerCounts) throws Exception {
    List<String> rows = Files.readAllLines(in, StandardCharsets.UTF_8);
    List<Layout> layouts = new ArrayList<>();
    for (String row : rows.subList(1, rows.size())) {
      if (!row.isBlank()) {
        JsonNode node = LayoutJson.mapper().readTree(row);
        layouts.add(LayoutJson.fromTree(node.get("layout")));
      }
    }
    GlyphRenderer renderer = new GlyphRenderer(FontRegistry.system());
    for (int workers : workerCounts) {
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        pass(renderer, layouts, pool, workers); // warm-up: JIT and glyph outlines
        long[] all = new long[layouts.size() * passes];
        long wall = 0;
        long chars = 0;
        for (int p = 0; p < passes; p++) {
          long t0 = System.nanoTime();
          Result r = pass(renderer, layouts, pool, workers);
          wall += System.nanoTime() - t0;
          System.arraycopy(r.nanos, 0, all, p * layouts.size(), layouts.size());
          chars = r.chars;
        }
        Arrays.sort(all);
        double median = all[all.length / 2] / 1e6;
        double p90 = all[(int) (all.length * 0.9)] / 1e6;
        double throughput = layouts.size() * (double) passes / (wall / 1e9);
        System.out.printf(
            Locale.ROOT,
            "{\"impl\":\"java2d\",\"workers\":%d,\"layouts\":%d,\"passes\":%d,"
                + "\"median_ms\":%.3f,\"p90_ms\":%.3f,\"throughput\":%.1f,\"chars\":%d}%n",
            workers,
            layouts.size(),
            passes,
            median,
            p90,
            throughput,
            chars);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private record Result(long[] nanos, long chars) {}

  private static Result pass(
      GlyphRenderer renderer, List<Layout> layouts, ExecutorService pool, int workers)
      throws Exception {
    long[] nanos = new long[layouts.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicLong chars = new AtomicLong();
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      futures.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement();
                    i < layouts.size();
                    i = next.getAndIncrement()) {
                  long t0 = System.nanoTime();
                  GlyphRendering r = renderer.render(layouts.get(i));
                  nanos[i] = System.nanoTime() - t0;
                  long n = 0;
                  for (TextLine l : r.layout().lines()) {
                    n += l.chars().size();
                  }
                  chars.addAndGet(n);
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    return new Result(nanos, chars.get());
  }
}
