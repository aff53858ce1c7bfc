package io.glyphwright.layout.lm;

import io.glyphwright.glyph.TextMeasurer;
import io.glyphwright.layout.LayoutPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the installed layout model is, and one loaded copy of it per process.
 *
 * <p>The package folder is, in this order: the system property {@value #PROPERTY}, the environment
 * variable {@value #ENV}, else {@code models/}{@value #DEFAULT_PACKAGE} in the working folder or
 * one above it, or in a folder above the Glyphwright jar or classes (so {@code ./glyphwright} finds
 * the checkout's package from anywhere). The engine is ONNX Runtime unless {@value
 * #ENGINE_PROPERTY} (or {@value #ENGINE_ENV}) says {@code djl}.
 */
public final class LayoutLmModels {
  public static final String DEFAULT_PACKAGE = "layout-lm-s";
  public static final String PROPERTY = "glyphwright.layout.model";
  public static final String ENV = "GLYPHWRIGHT_LAYOUT_MODEL";
  public static final String ENGINE_PROPERTY = "glyphwright.layout.engine";
  public static final String ENGINE_ENV = "GLYPHWRIGHT_LAYOUT_ENGINE";
  public static final String COORDINATES_PROPERTY = "glyphwright.layout.coordinates";

  private static final Map<Path, LayoutLmPlanner> LOADED = new ConcurrentHashMap<>();

  private LayoutLmModels() {}

  /** The package folder to use, if one is configured or found. */
  public static Optional<Path> find() {
    String configured = System.getProperty(PROPERTY);
    if (configured == null || configured.isBlank()) {
      configured = System.getenv(ENV);
    }
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured).toAbsolutePath().normalize());
    }
    Optional<Path> fromCwd = searchUp(Path.of("").toAbsolutePath());
    if (fromCwd.isPresent()) {
      return fromCwd;
    }
    try {
      Path code =
          Path.of(LayoutLmModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return searchUp(code.toAbsolutePath());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> searchUp(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("models").resolve(DEFAULT_PACKAGE);
      if (Files.isRegularFile(candidate.resolve(LayoutLmPackage.MODEL_JSON))) {
        return Optional.of(candidate.normalize());
      }
    }
    return Optional.empty();
  }

  /**
   * The layout LM planner on the installed package, loaded once per process and folder.
   *
   * @throws IllegalArgumentException when no package is installed (saying how to get one), or the
   *     package is damaged or altered (naming the file)
   */
  public static LayoutLmPlanner planner(TextMeasurer measurer) {
    Path dir =
        find()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no layout model is installed: train one with ./glyphwright train layout"
                            + " --data CORPUS --out models/"
                            + DEFAULT_PACKAGE
                            + ", or set "
                            + ENV
                            + " to a package folder"));
    return loaded(dir).withMeasurer(measurer);
  }

  /**
   * For {@code auto}: the layout LM planner, or empty when no package is installed.
   *
   * @throws IllegalArgumentException when a package is there but damaged or altered
   */
  public static Optional<LayoutPlanner> installed(TextMeasurer measurer) {
    return find().map(dir -> loaded(dir).withMeasurer(measurer));
  }

  private static LayoutLmPlanner loaded(Path dir) {
    try {
      return LOADED.computeIfAbsent(
          dir,
          d -> {
            try {
              return LayoutLmPlanner.load(
                  d, io.glyphwright.glyph.GlyphRenderer.system(), sampling(), engine());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * {@link LayoutLmPlanner#DEFAULT_SAMPLING}, or greedy with coordinates at the mode ({@code mode})
   * or the median ({@code median}) when {@value #COORDINATES_PROPERTY} says so.
   */
  static Sampling sampling() {
    String v = System.getProperty(COORDINATES_PROPERTY, "");
    return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "" -> LayoutLmPlanner.DEFAULT_SAMPLING;
      case "mode" -> Sampling.GREEDY;
      case "median" -> Sampling.GREEDY_MEDIAN;
      default ->
          throw new IllegalArgumentException(
              COORDINATES_PROPERTY + " is '" + v + "': use mode or median");
    };
  }

  static LayoutLmPlanner.Engine engine() {
    String name = System.getProperty(ENGINE_PROPERTY);
    if (name == null || name.isBlank()) {
      name = System.getenv(ENGINE_ENV);
    }
    return name == null || name.isBlank()
        ? LayoutLmPlanner.Engine.ONNXRUNTIME
        : LayoutLmPlanner.Engine.lookup(name);
  }
}
