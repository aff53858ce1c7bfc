package io.glyphwright.diffusion.training;

import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.synth.Lang;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticCorpus;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

/** One small synthetic corpus (10 posters, 64 px, English and Chinese) per test JVM. */
final class TinyCorpus {
  private static Path dir;

  private TinyCorpus() {}

  static synchronized Path path() {
    if (dir == null) {
      try {
        Path root = Files.createTempDirectory("gw-tiny-corpus");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        SynthSettings settings =
            new SynthSettings(10, 3, EnumSet.of(Lang.EN, Lang.ZH), 64, 6, "png", List.of(), 1);
        SyntheticCorpus.run(
            settings, root.resolve("corpus"), GlyphRenderer.system(), Progress.silent(10));
        dir = root.resolve("corpus");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  private static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
