package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.synth.Lang;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticCorpus;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain with the real PP-OCR engine: synthetic posters drawn at 384 px (exact ground
 * truth), built with {@code crop:512} (so every coordinate goes through the resize), and the
 * builder's TD2 layout compared with the drawn one — grid coordinates do not depend on the pixel
 * size. Needs the PP-OCR models ({@code ./glyphwright setup}).
 */
class RealOcrAnnotationTest {
  private static final int COUNT = 8;

  @TempDir Path tmp;

  @Test
  void ppocrAnnotationsMatchTheDrawnTextAndLayoutAfterResizing() throws IOException {
    Path posters = tmp.resolve("posters");
    SyntheticCorpus.run(
        SynthSettings.defaults(COUNT, 31)
            .withSize(384)
            .withLangs(EnumSet.of(Lang.EN))
            .withShardSize(COUNT)
            .withPhotoRoots(List.of())
            .withWorkers(2),
        posters,
        GlyphRenderer.system(),
        Progress.silent(COUNT));
    Map<String, CorpusSample> truth = new HashMap<>();
    try (CorpusReader reader = CorpusReader.open(posters)) {
      reader.forEachRemaining(r -> truth.put(r.key(), r.sample()));
    }
    Path out = tmp.resolve("corpus");
    BuildSettings settings =
        new BuildSettings(
            List.of(posters),
            PipelineSettings.defaults("ppocr").withResize(ResizePolicy.parse("crop:512")),
            4,
            2,
            EngineHandles.Mode.SHARED);
    LocalRunner.run(settings, out, Progress::silent);

    int truthLines = 0;
    int found = 0;
    int samples = 0;
    try (CorpusReader reader = CorpusReader.open(out)) {
      for (CorpusRecord r : (Iterable<CorpusRecord>) reader.stream()::iterator) {
        CorpusSample built = r.sample();
        assertEquals(512, built.width());
        String member = built.source().substring(built.source().indexOf('!') + 1);
        CorpusSample drawn = truth.get(member.substring(0, member.indexOf('.')));
        assertEquals(drawn.caption(), built.caption());
        samples++;
        Layout builtLayout = Td2Format.parse(built.layout(), new Canvas(512, 512));
        Layout drawnLayout = Td2Format.parse(drawn.layout(), new Canvas(384, 384));
        for (TextLine t : drawnLayout.lines()) {
          truthLines++;
          for (TextLine b : builtLayout.lines()) {
            if (b.text().equals(t.text())) {
              found++;
              assertNear(t.box(), b.box(), 4, t.text());
              break;
            }
          }
        }
      }
    }
    assertTrue(samples >= COUNT - 1, "kept " + samples + " of " + COUNT);
    assertTrue(found >= 0.8 * truthLines, found + " of " + truthLines + " lines read exactly");
  }

  private static void assertNear(Box expected, Box actual, int cells, String text) {
    boolean near =
        Math.abs(expected.left() - actual.left()) <= cells
            && Math.abs(expected.top() - actual.top()) <= cells
            && Math.abs(expected.right() - actual.right()) <= cells
            && Math.abs(expected.bottom() - actual.bottom()) <= cells;
    assertTrue(near, () -> "'" + text + "': drawn at " + expected + ", annotated at " + actual);
  }
}
