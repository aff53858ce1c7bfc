package io.glyphwright.cli;

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
 * A tiny random glyph UNet exported to ONNX once per test JVM, that takes the prompt encoder's real
 * tokens: r = 4, 8 base channels, two levels (sides × 8), 8 prompt tokens of {@link
 * PromptEncoder#WIDTH}, cosine schedule with v-prediction. Nothing is committed: it is made here.
 *
 * <p>A copy of diffusion-service's test fixture of the same name (test classes are not shared).
 */
public final class TinyGlyphUnetPackage {
  /** The side it is "trained" at. */
  public static final int RESOLUTION = 32;

  public static final UnetConfig CONFIG =
      new UnetConfig(4, 3, 1, 8, List.of(1, 2), 1, 16, PromptEncoder.WIDTH, 4, false);

  public static final DenoiserSpec SPEC =
      CONFIG.denoiserSpec(
          8,
          SchedulerConfig.defaults()
              .withSchedule(NoiseSchedule.cosine(1000))
              .withPrediction(PredictionType.V_PREDICTION));

  private static Path root;

  private TinyGlyphUnetPackage() {}

  /** The exported network, {@code unet.onnx} in a temporary folder. */
  public static synchronized Path onnx() {
    if (root == null) {
      try {
        Path dir = Files.createTempDirectory("gw-tiny-glyph-unet");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        GlyphUnet unet = new GlyphUnet(CONFIG, 11);
        try (NDManager m = NDManager.newBaseManager()) {
          unet.initialize(m);
          UnetOnnxExporter.write(
              unet,
              PredictionType.V_PREDICTION,
              Map.of("kind", "glyph-unet"),
              dir.resolve("unet.onnx"));
        }
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root.resolve("unet.onnx");
  }

  /** A training section as the trainer's caller would record it. */
  public static Map<String, Object> training() {
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("unet", CONFIG.toString());
    recipe.put("size", RESOLUTION);
    recipe.put("batchSize", 2);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("command", "test fixture (random weights, not trained)");
    t.put("steps", 0);
    t.put("batch", 2);
    t.put("data", "none");
    t.put("seconds", 0);
    t.put("recipe", recipe);
    t.put("loss", Map.of("first", 1.0, "last", 1.0));
    return t;
  }

  /** Writes the package to {@code dir/models/<name>} and returns that folder. */
  public static Path write(Path dir, String name) throws IOException {
    Path out = dir.resolve("models").resolve(name);
    GlyphUnetPackage.write(out, onnx(), SPEC, training(), Map.of(), null);
    return out;
  }

  public static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
