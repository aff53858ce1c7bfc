package io.glyphwright.dataset.spark;

import io.glyphwright.dataset.build.BuildSettings;
import io.glyphwright.dataset.build.EngineHandles;
import io.glyphwright.dataset.build.FilterSettings;
import io.glyphwright.dataset.build.PipelineSettings;
import io.glyphwright.dataset.build.ResizePolicy;
import io.glyphwright.ocr.OcrSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of the job jar's {@link SparkCorpusBuild#main}: those of {@code ./glyphwright dataset
 * build} with the same names and defaults, minus {@code --workers} and {@code --spark}.
 *
 * @param settings what to build
 * @param out the corpus folder, on the driver
 * @param help true for {@code --help}
 */
record JobOptions(BuildSettings settings, Path out, boolean help) {
  static final String USAGE =
      String.join(
          "\n",
          "usage: spark-submit --class io.glyphwright.dataset.spark.SparkCorpusBuild"
              + " glyphwright-ocr-dataset-spark-VERSION-job.jar",
          "         --input DIR|TAR... --out DIR [--engine ppocr|tesseract] [--shard-size 1000]",
          "         [--handles shared|per-worker] [--resize crop:512] [--format jpg|png]"
              + " [--quality 95]",
          "         [--min-side 256] [--max-lines 8] [--min-text-area 0.01] [--max-text-area 0.8]",
          "         [--min-conf 0.8] [--caption-match 0] [--max-pixels 40000000]"
              + " [--max-file-mb 32]",
          "         [--ppocr-models DIR] [--tessdata DIR]",
          "Inputs and --out are paths on the driver; --ppocr-models and --tessdata are paths on"
              + " the executors.");

  private static final Set<String> SINGLE =
      Set.of(
          "--out",
          "--engine",
          "--shard-size",
          "--handles",
          "--resize",
          "--format",
          "--quality",
          "--min-side",
          "--max-lines",
          "--min-text-area",
          "--max-text-area",
          "--min-conf",
          "--caption-match",
          "--max-pixels",
          "--max-file-mb",
          "--ppocr-models",
          "--tessdata");

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException for an unknown or malformed option
   */
  static JobOptions parse(String... args) {
    List<Path> inputs = new ArrayList<>();
    Map<String, String> v = new HashMap<>();
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
      } else if (a.equals("--input")) {
        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
          inputs.add(Path.of(args[++i]));
        }
      } else if (SINGLE.contains(a)) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        v.put(a, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (help) {
      return new JobOptions(null, null, true);
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("give at least one --input folder or tar");
    }
    if (!v.containsKey("--out")) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    FilterSettings filters =
        new FilterSettings(
            integer(v, "--min-side", 256),
            integer(v, "--max-lines", 8),
            real(v, "--min-text-area", 0.01),
            real(v, "--max-text-area", 0.8),
            real(v, "--min-conf", 0.8),
            real(v, "--caption-match", 0));
    PipelineSettings pipeline =
        PipelineSettings.defaults(v.getOrDefault("--engine", "ppocr"))
            .withLimits(
                whole(v, "--max-pixels", PipelineSettings.DEFAULT_MAX_PIXELS),
                whole(v, "--max-file-mb", 32) << 20)
            .withResize(ResizePolicy.parse(v.getOrDefault("--resize", "crop:512")))
            .withFilters(filters)
            .withImageFormat(v.getOrDefault("--format", "jpg"), integer(v, "--quality", 95));
    if (v.containsKey("--ppocr-models")) {
      pipeline = pipeline.withPpocrModels(v.get("--ppocr-models"));
    }
    if (v.containsKey("--tessdata")) {
      OcrSettings defaults = OcrSettings.defaults();
      pipeline =
          new PipelineSettings(
              pipeline.engine(),
              pipeline.ppocrModels(),
              v.get("--tessdata"),
              defaults.tesseractLanguages(),
              defaults.tesseractPageSegMode(),
              pipeline.maxPixels(),
              pipeline.maxFileBytes(),
              pipeline.resize(),
              pipeline.filters(),
              pipeline.imageFormat(),
              pipeline.jpegQuality());
    }
    BuildSettings settings =
        new BuildSettings(
            inputs,
            pipeline,
            integer(v, "--shard-size", 1000),
            1,
            EngineHandles.Mode.lookup(v.getOrDefault("--handles", "shared")));
    return new JobOptions(settings, Path.of(v.get("--out")), false);
  }

  private static int integer(Map<String, String> v, String name, int fallback) {
    return Math.toIntExact(whole(v, name, fallback));
  }

  private static long whole(Map<String, String> v, String name, long fallback) {
    String s = v.get(name);
    if (s == null) {
      return fallback;
    }
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " wants a whole number, got '" + s + "'", e);
    }
  }

  private static double real(Map<String, String> v, String name, double fallback) {
    String s = v.get(name);
    if (s == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " wants a number, got '" + s + "'", e);
    }
  }
}
