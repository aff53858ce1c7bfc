package io.glyphwright.web.generation;

import ai.djl.ndarray.NDManager;
import io.glyphwright.diffusion.export.UnetOnnxExporter;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import io.glyphwright.diffusion.text.PromptEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A tiny random glyph-unet package, made once per test JVM in a temporary folder (the logic of
 * diffusion-service's TinyGlyphUnetPackage): r = 4, 8 base channels, two levels (sides × 8), 8
 * prompt tokens of {@link PromptEncoder#WIDTH}, cosine schedule, v-prediction, "trained" at 32×32.
 * Its images are noise-like; nothing about it is committed.
 */
public final class TinyGlyphUnet {
  public static final int RESOLUTION = 32;
  public static final String NAME = "tiny-glyph-unet";

  static final UnetConfig CONFIG =
      new UnetConfig(4, 3, 1, 8, List.of(1, 2), 1, 16, PromptEncoder.WIDTH, 4, false);

  static final DenoiserSpec SPEC =
      CONFIG.denoiserSpec(
          8,
          SchedulerConfig.defaults()
              .withSchedule(NoiseSchedule.cosine(1000))
              .withPrediction(PredictionType.V_PREDICTION));

  private static Path root;

  private TinyGlyphUnet() {}

  /** The package folder (built on first call). */
  public static synchronized Path packageDir() {
    if (root == null) {
      try {
        Path dir = Files.createTempDirectory("gw-web-tiny-unet");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        Path onnx = dir.resolve("unet.onnx");
        GlyphUnet unet = new GlyphUnet(CONFIG, 11);
        try (NDManager m = NDManager.newBaseManager()) {
          unet.initialize(m);
          UnetOnnxExporter.write(
              unet, PredictionType.V_PREDICTION, Map.of("kind", "glyph-unet"), onnx);
        }
        GlyphUnetPackage.write(dir.resolve(NAME), onnx, SPEC, training(), Map.of(), null);
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root.resolve(NAME);
  }

  /**
   * Writes the tiny package to {@code args[0]} (a folder that must not exist yet); {@code
   * bench/web-generate.sh} runs this when models/glyph-unet-s is not installed.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: TinyGlyphUnet OUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[0]).toAbsolutePath();
    GlyphUnetPackage.write(
        out, packageDir().resolve("unet.onnx"), SPEC, training(), Map.of(), null);
    System.out.println(out);
  }

  /** A copy of the package in {@code target}, to damage. */
  public static Path copyTo(Path target) throws IOException {
    Path from = packageDir();
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, target.resolve(f.getFileName()));
        }
      }
    }
    return target;
  }

  /** An empty folder: a service pointed at it has no diffusion model. */
  public static Path emptyFolder() {
    try {
      Path dir = Files.createTempDirectory("gw-web-no-unet");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> training() {
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("unet", CONFIG.toString());
    recipe.put("size", RESOLUTION);
    recipe.put("batchSize", 2);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "web test fixture (random weights, not trained)");
    t.put("steps", 0);
    t.put("batch", 2);
    t.put("data", "none");
    t.put("seconds", 0);
    t.put("recipe", recipe);
    t.put("loss", Map.of("first", 1.0, "last", 1.0));
    return t;
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
