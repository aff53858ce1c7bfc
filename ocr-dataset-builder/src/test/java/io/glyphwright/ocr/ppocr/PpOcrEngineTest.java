package io.glyphwright.ocr.ppocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.ocr.OcrSettings;
import io.glyphwright.ocr.TextImages;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What only PP-OCR does: rotated and upside-down lines, and its quads. */
class PpOcrEngineTest {
  private static PpOcrEngine engine;

  @BeforeAll
  static void open() {
    engine = (PpOcrEngine) OcrEngines.open("ppocr-v4", OcrSettings.defaults());
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void readsATiltedLineAndItsQuadFollowsTheTilt() {
    BufferedImage image = TextImages.white(512, 320);
    List<CharBox> truth =
        TextImages.draw(
            image,
            "GRAND OPENING",
            TextImages.font(TextImages.LATIN, Font.BOLD, 44),
            Color.BLACK,
            60,
            220,
            -12);
    OcrResult result = engine.read(image);
    assertEquals(1, result.lines().size(), result::toString);
    OcrLine line = result.lines().get(0);
    assertEquals("GRAND OPENING", line.text());
    double angle =
        Math.toDegrees(
            Math.atan2(line.quad().y2() - line.quad().y1(), line.quad().x2() - line.quad().x1()));
    assertEquals(-12, angle, 2.0);
    // Each character box holds the centre of the true glyph.
    for (int i = 0; i < truth.size(); i++) {
      Box t = truth.get(i).box();
      Box r = line.chars().get(i).box();
      int cx = (t.left() + t.right()) / 2;
      int cy = (t.top() + t.bottom()) / 2;
      assertTrue(
          r.left() <= cx && cx < r.right() && r.top() <= cy && cy < r.bottom(),
          () -> "char box " + r + " misses the glyph centre of " + t);
    }
  }

  @Test
  void readsUpsideDownTextThroughTheDirectionClassifier() {
    BufferedImage upright = TextImages.white(512, 160);
    TextImages.draw(
        upright,
        "HOT COFFEE",
        TextImages.font(TextImages.LATIN, Font.BOLD, 52),
        Color.BLACK,
        40,
        100,
        0);
    AffineTransform turn = AffineTransform.getRotateInstance(Math.PI, 256, 80);
    BufferedImage upsideDown =
        new AffineTransformOp(turn, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(upright, null);
    OcrLine line = engine.read(upsideDown).lines().get(0);
    assertEquals("HOT COFFEE", line.text());
    // The quad stays in image orientation (as PP-OCR reports it); the characters come in reading
    // order, so the first one is now the rightmost.
    assertTrue(
        line.chars().get(0).box().left() > line.chars().get(1).box().left(),
        "the first character is the rightmost");
  }
}
