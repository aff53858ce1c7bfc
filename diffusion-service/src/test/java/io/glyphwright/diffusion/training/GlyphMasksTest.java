package io.glyphwright.diffusion.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.glyph.GlyphRenderer;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlyphMasksTest {
  private static final GlyphRenderer RENDERER = GlyphRenderer.system();

  @Test
  void eachCharacterIsDrawnInsideItsOwnBoxAndEveryBoxGetsInk() throws Exception {
    List<CorpusSample> samples =
        CorpusReader.readSamples(CorpusReader.shards(TinyCorpus.path()).get(0));
    int checked = 0;
    for (CorpusSample s : samples) {
      BufferedImage mask = GlyphMasks.forSample(s, RENDERER);
      assertEquals(s.width(), mask.getWidth());
      Raster r = mask.getRaster();
      boolean[] inBox = new boolean[s.width() * s.height()];
      for (CorpusLine line : s.ocr().lines()) {
        for (CharBox c : line.chars()) {
          Box b = GlyphMasks.tallEnough(c.box(), line.box().height());
          long ink = 0;
          for (int y = Math.max(0, b.top()); y < Math.min(s.height(), b.bottom()); y++) {
            for (int x = Math.max(0, b.left()); x < Math.min(s.width(), b.right()); x++) {
              inBox[y * s.width() + x] = true;
              ink += r.getSample(x, y, 0);
            }
          }
          assertTrue(ink > 0, s.key() + ": no ink for '" + c.c() + "' in " + c.box());
        }
      }
      long inside = 0;
      long total = 0;
      for (int y = 0; y < s.height(); y++) {
        for (int x = 0; x < s.width(); x++) {
          int v = r.getSample(x, y, 0);
          total += v;
          if (inBox[y * s.width() + x]) {
            inside += v;
          }
        }
      }
      assertEquals(total, inside, s.key() + ": ink outside the character boxes");
      checked++;
    }
    assertTrue(checked >= 5);
  }

  @Test
  void aFlatCharacterBoxGrowsAboutItsCentreToAShareOfTheLineHeight() {
    Box dash = new Box(10, 20, 30, 22); // "一": 20 wide, 2 tall
    Box grown = GlyphMasks.tallEnough(dash, 30);
    assertEquals(18, grown.height());
    assertEquals(21, (grown.top() + grown.bottom()) / 2);
    assertEquals(dash.left(), grown.left());
    Box letter = new Box(0, 0, 10, 25);
    assertEquals(letter, GlyphMasks.tallEnough(letter, 30));
  }
}
