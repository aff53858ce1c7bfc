package io.glyphwright.layout.lm;

import io.glyphwright.core.Canvas;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.PlanRequest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Load time and planning latency of a layout model package on one engine (docs/BENCHMARKS.md,
 * "Layout LM"). Run once per engine, each in a fresh JVM, so that the load includes the engine's
 * start:
 *
 * <pre>
 * java -cp … io.glyphwright.layout.lm.LayoutLmBench PACKAGE_DIR onnxruntime|djl PROMPTS.jsonl [N]
 * </pre>
 *
 * PROMPTS.jsonl holds one JSON object per line with a {@code prompt} or {@code caption} field (a
 * corpus's {@code index.jsonl} or the eval prompt files). Prints one line per figure: load time,
 * then median, p95 and mean wall and thread-CPU milliseconds per planned layout (the first layout
 * planned once untimed), and model calls per layout.
 */
public final class LayoutLmBench {
  private LayoutLmBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    LayoutLmPlanner.Engine engine = LayoutLmPlanner.Engine.lookup(args[1]);
    List<String> prompts = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = LayoutLmPackage.json().readTree(line);
      String p = n.path("prompt").asString(n.path("caption").asString(""));
      if (!p.isBlank()) {
        prompts.add(p);
      }
    }
    int count =
        args.length > 3 ? Math.min(Integer.parseInt(args[3]), prompts.size()) : prompts.size();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    try (LayoutLmPlanner planner =
        LayoutLmPlanner.load(dir, GlyphRenderer.system(), Sampling.GREEDY, engine)) {
      double loadMs = (System.nanoTime() - t0) / 1e6;
      Canvas canvas = new Canvas(512, 512);
      planner.plan(new PlanRequest(prompts.get(0), canvas));
      List<Double> wall = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        PlanRequest request = new PlanRequest(prompts.get(i), canvas);
        long w = System.nanoTime();
        long c = mx.getCurrentThreadCpuTime();
        planner.plan(request);
        cpu.add((mx.getCurrentThreadCpuTime() - c) / 1e6);
        wall.add((System.nanoTime() - w) / 1e6);
      }
      System.out.printf("engine %s, %d layouts%n", engine, count);
      System.out.printf("load %.0f ms (hash check, read, engine start, model build)%n", loadMs);
      print("wall", wall);
      print("cpu ", cpu);
    }
  }

  private static void print(String what, List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    double mean = s.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    System.out.printf(
        "%s ms per layout: median %.1f  p95 %.1f  mean %.1f%n",
        what, s.get(s.size() / 2), s.get((int) Math.min(s.size() - 1, s.size() * 0.95)), mean);
  }
}
