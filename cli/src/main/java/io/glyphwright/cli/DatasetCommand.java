package io.glyphwright.cli;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.ShardNames;
import io.glyphwright.dataset.synth.Lang;
import io.glyphwright.dataset.synth.PhotoLibrary;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticCorpus;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./glyphwright dataset}: builds training corpora (WebDataset shards, see docs/DATASET.md).
 * Each way of making a corpus is a subcommand.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    subcommands = {DatasetCommand.Synth.class, DatasetBuildCommand.class},
    description = "Build training corpora as WebDataset shards with index.jsonl and stats.json.")
final class DatasetCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code dataset synth}: the synthetic poster corpus. */
  @Command(
      name = "synth",
      mixinStandardHelpOptions = true,
      description = {
        "Make synthetic posters with exact ground truth (text, quads, character boxes, TD2 layout)"
            + " and captions, written as a corpus. Same seed and count: byte-identical shards.",
        "A rerun into the same folder skips finished shards."
      })
  static final class Synth implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", required = true, paramLabel = "N", description = "samples to make")
    long count;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "corpus folder")
    Path out;

    @Option(
        names = "--seed",
        defaultValue = "0",
        paramLabel = "S",
        description = "seed of all randomness (default ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--lang",
        defaultValue = "en,zh",
        paramLabel = "LANGS",
        description = "en, zh or en,zh (mixed posters too) (default ${DEFAULT-VALUE})")
    String lang;

    @Option(
        names = "--size",
        defaultValue = "512",
        paramLabel = "PX",
        description = "side of the square images (default ${DEFAULT-VALUE})")
    int size;

    @Option(
        names = "--shard-size",
        defaultValue = "1000",
        paramLabel = "N",
        description = "samples per shard (default ${DEFAULT-VALUE})")
    int shardSize;

    @Option(
        names = "--format",
        defaultValue = "png",
        paramLabel = "FMT",
        description = "png (lossless) or jpg (quality 95) (default ${DEFAULT-VALUE})")
    String format;

    @Option(
        names = "--photos",
        defaultValue = "auto",
        paramLabel = "auto|none|DIR[,DIR]",
        description =
            "background photos: auto = Debian wallpaper folders when installed, none ="
                + " procedural only, or folders of JPEG/PNG files (default ${DEFAULT-VALUE})")
    String photos;

    @Option(
        names = "--workers",
        paramLabel = "N",
        description = "threads drawing posters; does not change the output (default: all cores)")
    Integer workers;

    @Override
    public Integer call() throws IOException {
      SynthSettings settings =
          new SynthSettings(
              count,
              seed,
              Lang.parseList(lang),
              size,
              shardSize,
              format.toLowerCase(Locale.ROOT),
              photoRoots(photos),
              workers == null ? Runtime.getRuntime().availableProcessors() : workers);
      CorpusStats stats =
          SyntheticCorpus.run(
              settings, out, GlyphRenderer.system(), Progress.onStderr("synth", count));
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "wrote %d samples in %s to %s (%s already there), %.1f samples/s; see %s%n",
              stats.inputsProcessed(),
              shards(stats.shardsWritten()),
              out,
              shards(stats.shardsSkipped()),
              stats.inputsPerSecond(),
              out.resolve(ShardNames.STATS));
      return 0;
    }

    private static String shards(int n) {
      return n + (n == 1 ? " shard" : " shards");
    }

    private static List<Path> photoRoots(String spec) {
      String s = spec.strip();
      if (s.equalsIgnoreCase("none")) {
        return List.of();
      }
      if (s.equalsIgnoreCase("auto")) {
        return PhotoLibrary.DEBIAN_FOLDERS;
      }
      List<Path> roots = new ArrayList<>();
      for (String part : s.split(",")) {
        Path p = Path.of(part.strip());
        if (!Files.isDirectory(p)) {
          throw new IllegalArgumentException(
              "--photos "
                  + part.strip()
                  + " is not a folder: give folders of photos, auto or none");
        }
        roots.add(p);
      }
      return roots;
    }
  }
}
