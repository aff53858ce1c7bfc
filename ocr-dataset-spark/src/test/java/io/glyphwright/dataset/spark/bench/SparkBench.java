package io.glyphwright.dataset.spark.bench;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.build.BuildSettings;
import io.glyphwright.dataset.build.EngineHandles;
import io.glyphwright.dataset.build.LocalRunner;
import io.glyphwright.dataset.build.PipelineSettings;
import io.glyphwright.dataset.spark.SparkCorpusBuild;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticCorpus;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The runs of {@code bench/dataset-spark.sh}, one per JVM:
 *
 * <pre>
 * SparkBench synth COUNT SEED DIR                  # 512 px PNG posters, 100 per shard
 * SparkBench local INPUT OUT WORKERS SHARD ENGINE  # LocalRunner, shared engine
 * SparkBench spark INPUT OUT MASTER SHARD ENGINE   # SparkCorpusBuild.run, as the command does
 * </pre>
 *
 * Each build prints one JSON line: runner, wall seconds from the start of {@code main} (Spark
 * context start included), and the corpus's {@code stats.json}.
 */
public final class SparkBench {
  private SparkBench() {}

  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    switch (args[0]) {
      case "synth" -> {
        long count = Long.parseLong(args[1]);
        SyntheticCorpus.run(
            SynthSettings.defaults(count, Long.parseLong(args[2]))
                .withSize(512)
                .withFormat("png")
                .withShardSize(100),
            Path.of(args[3]),
            GlyphRenderer.system(),
            Progress.onStderr("synth", count));
        return;
      }
      case "local", "spark" -> {
        BuildSettings settings =
            new BuildSettings(
                List.of(Path.of(args[1])),
                PipelineSettings.defaults(args[5]),
                Integer.parseInt(args[4]),
                args[0].equals("local") ? Integer.parseInt(args[3]) : 1,
                EngineHandles.Mode.SHARED);
        Path out = Path.of(args[2]);
        CorpusStats stats =
            args[0].equals("local")
                ? LocalRunner.run(settings, out, total -> Progress.onStderr("local", total))
                : SparkCorpusBuild.run(
                    settings, out, args[3], total -> Progress.onStderr("spark", total));
        System.out.printf(
            Locale.ROOT,
            "{\"runner\":\"%s %s\",\"wallSeconds\":%.2f,\"stats\":%s}%n",
            args[0],
            args[3],
            (System.nanoTime() - start) / 1e9,
            stats.toJson());
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }
}
