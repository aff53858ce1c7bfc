package io.glyphwright.cli;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.ShardNames;
import io.glyphwright.dataset.build.BuildSettings;
import io.glyphwright.dataset.build.EngineHandles;
import io.glyphwright.dataset.build.FilterSettings;
import io.glyphwright.dataset.build.LocalRunner;
import io.glyphwright.dataset.build.PipelineSettings;
import io.glyphwright.dataset.build.ResizePolicy;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dataset build}: the MARIO-style corpus builder over img2dataset output, on the local
 * runner (see docs/DATASET.md, "Corpus builder").
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "OCR images with captions (img2dataset 'files' folders or WebDataset tars), filter them as"
          + " MARIO-10M does, annotate lines, characters and a TD2 layout, and write a corpus.",
      "Bad inputs are counted per reason in stats.json, never fatal. A rerun into the same"
          + " folder skips finished shards; the output does not depend on --workers."
    })
final class DatasetBuildCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      paramLabel = "DIR|TAR",
      description = "img2dataset output folders and .tar/.tar.gz shards, in this order")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus folder")
  Path out;

  @Option(
      names = "--engine",
      defaultValue = "ppocr",
      paramLabel = "NAME",
      description = "ppocr (PP-OCRv4, default) or tesseract")
  String engine;

  @Option(
      names = "--spark",
      paramLabel = "MASTER",
      description =
          "build on Spark (local[2], spark://HOST:7077): the same corpus, made by the Spark runner"
              + " (module ocr-dataset-spark); ./glyphwright puts Spark on the class path for it")
  String spark;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "threads processing images; does not change the output (default: all cores)")
  Integer workers;

  @Option(
      names = "--shard-size",
      defaultValue = "1000",
      paramLabel = "N",
      description = "inputs per shard, kept or rejected (default ${DEFAULT-VALUE})")
  int shardSize;

  @Option(
      names = "--handles",
      defaultValue = "shared",
      paramLabel = "MODE",
      description =
          "shared: one OCR engine for all workers; per-worker: one each (default ${DEFAULT-VALUE})")
  String handles;

  @Option(
      names = "--resize",
      defaultValue = "crop:512",
      paramLabel = "POLICY",
      description =
          "crop:N (centre square scaled to NxN), fit:N (longer side at most N) or none"
              + " (default ${DEFAULT-VALUE})")
  String resize;

  @Option(
      names = "--format",
      defaultValue = "jpg",
      paramLabel = "FMT",
      description = "stored image format, jpg or png (default ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--quality",
      defaultValue = "95",
      paramLabel = "Q",
      description = "JPEG quality (default ${DEFAULT-VALUE})")
  int quality;

  @Option(
      names = "--min-side",
      defaultValue = "256",
      paramLabel = "PX",
      description = "least shorter side of an input image (default ${DEFAULT-VALUE})")
  int minSide;

  @Option(
      names = "--max-lines",
      defaultValue = "8",
      paramLabel = "N",
      description = "most OCR lines (default ${DEFAULT-VALUE})")
  int maxLines;

  @Option(
      names = "--min-text-area",
      defaultValue = "0.01",
      paramLabel = "F",
      description = "least fraction of the image under text boxes (default ${DEFAULT-VALUE})")
  double minTextArea;

  @Option(
      names = "--max-text-area",
      defaultValue = "0.8",
      paramLabel = "F",
      description = "most fraction of the image under text boxes (default ${DEFAULT-VALUE})")
  double maxTextArea;

  @Option(
      names = "--min-conf",
      defaultValue = "0.8",
      paramLabel = "F",
      description = "least OCR confidence, averaged over characters (default ${DEFAULT-VALUE})")
  double minConf;

  @Option(
      names = "--caption-match",
      defaultValue = "0",
      paramLabel = "F",
      description =
          "least fraction of OCR'd words found in the caption; 0 = off (default ${DEFAULT-VALUE})")
  double captionMatch;

  @Option(
      names = "--max-pixels",
      defaultValue = "40000000",
      paramLabel = "N",
      description =
          "images whose header says more pixels are refused undecoded (default ${DEFAULT-VALUE})")
  long maxPixels;

  @Option(
      names = "--max-file-mb",
      defaultValue = "32",
      paramLabel = "MB",
      description = "images and sidecars larger than this are not read (default ${DEFAULT-VALUE})")
  long maxFileMb;

  /** The pipeline settings the options describe. */
  PipelineSettings pipelineSettings() {
    FilterSettings filters =
        new FilterSettings(minSide, maxLines, minTextArea, maxTextArea, minConf, captionMatch);
    return PipelineSettings.defaults(engine)
        .withLimits(maxPixels, maxFileMb << 20)
        .withResize(ResizePolicy.parse(resize))
        .withFilters(filters)
        .withImageFormat(format, quality);
  }

  @Override
  public Integer call() throws IOException {
    if (spark != null) {
      throw new IllegalArgumentException(
          "--spark runs through ./glyphwright, which starts the Spark runner with Spark on the"
              + " class path; this jar holds no Spark");
    }
    PipelineSettings pipeline = pipelineSettings();
    BuildSettings settings =
        new BuildSettings(
            inputs,
            pipeline,
            shardSize,
            workers == null ? Runtime.getRuntime().availableProcessors() : workers,
            EngineHandles.Mode.lookup(handles));
    PrintWriter err = spec.commandLine().getErr();
    if (pipeline.engine().equals(OcrEngines.Kind.TESSERACT.engineName())
        && System.getenv("OMP_THREAD_LIMIT") == null) {
      err.println(
          "note: set OMP_THREAD_LIMIT=1 for Tesseract batch work; its OpenMP threads otherwise"
              + " compete with the workers");
    }
    CorpusStats stats;
    try {
      stats = LocalRunner.run(settings, out, total -> Progress.onStderr("build", total));
    } catch (OcrException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "kept %d of %d inputs%s in %s (%s written now, %s already there), %.1f inputs/s;"
                + " see %s%n",
            stats.kept(),
            stats.total(),
            rejects(stats.rejects()),
            out,
            shards(stats.shardsWritten()),
            shards(stats.shardsSkipped()),
            stats.inputsPerSecond(),
            out.resolve(ShardNames.STATS));
    return 0;
  }

  private static String rejects(Map<String, Long> rejects) {
    if (rejects.isEmpty()) {
      return "";
    }
    return rejects.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", ", " (rejected: ", ")"));
  }

  private static String shards(int n) {
    return n + (n == 1 ? " shard" : " shards");
  }
}
