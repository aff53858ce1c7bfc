package io.glyphwright.eval.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.diffusion.generate.LineVerdict;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OCR text check with the real PP-OCR engine (models from {@code ./glyphwright setup}). */
class OcrTextCheckTest {
  private static OcrEngine ppocr;

  @BeforeAll
  static void open() {
    ppocr = OcrEngines.open("ppocr");
  }

  @AfterAll
  static void close() {
    ppocr.close();
  }

  private static BufferedImage drawn(String td2) {
    Layout layout = Td2Format.parse(td2, new Canvas(256, 256));
    return MaskImageSource.inkOnPaper(GlyphRenderer.system().render(layout).mask());
  }

  @Test
  void aDrawnLineIsReadAndAnAbsentLineIsNot() {
    BufferedImage image = drawn("SUMMER SALE 8,20,120,50\n");
    OcrTextCheck check = new OcrTextCheck(ppocr);
    List<LineVerdict> verdicts = check.check(image, List.of("SUMMER SALE", "50% OFF"));

    assertEquals(2, verdicts.size());
    LineVerdict drawn = verdicts.get(0);
    assertEquals("SUMMER SALE", drawn.text());
    assertTrue(drawn.read(), drawn::toString);
    assertEquals(1.0, drawn.score());
    assertEquals("SUMMER SALE", drawn.readAs());

    LineVerdict absent = verdicts.get(1);
    assertEquals("50% OFF", absent.text());
    assertFalse(absent.read(), absent::toString);
    assertTrue(absent.score() < 1.0, absent::toString);
    assertEquals("ppocr-v4", check.name());
  }

  @Test
  void aMisspeltLineIsNotReadButScoresByEditDistance() {
    // The same rule as sentence accuracy: a single wrong letter is not read.
    BufferedImage image = drawn("SUMMER SALF 8,40,120,80\n");
    LineVerdict v = new OcrTextCheck(ppocr).check(image, List.of("SUMMER SALE")).get(0);
    assertFalse(v.read(), v::toString);
    assertEquals("SUMMER SALF", v.readAs());
    assertTrue(v.score() > 0.8 && v.score() < 1.0, v::toString);
  }

  @Test
  void noLinesAskedNoVerdicts() {
    assertEquals(List.of(), new OcrTextCheck(ppocr).check(drawn("HELLO 8,20,120,50\n"), List.of()));
  }
}
