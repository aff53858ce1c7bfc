package io.glyphwright.glyph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import org.junit.jupiter.api.Test;

class CharMapCanvasTest {
  @Test
  void everySixteenBitIndexIsDrawnExactly() {
    CharMapCanvas canvas = new CharMapCanvas(256, 256);
    Graphics2D g = canvas.createGraphics();
    for (int k = 0; k <= 0xFFFF; k++) {
      g.setColor(CharMapCanvas.colorFor(k));
      g.fillRect(k & 0xFF, k >> 8, 1, 1);
    }
    g.dispose();
    BufferedImage image = canvas.image();
    assertEquals(BufferedImage.TYPE_USHORT_GRAY, image.getType());
    Raster r = image.getRaster();
    for (int k = 0; k <= 0xFFFF; k++) {
      assertEquals(k, r.getSample(k & 0xFF, k >> 8, 0), "index " + k);
    }
  }

  @Test
  void indicesOutsideSixteenBitsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> CharMapCanvas.colorFor(0x10000));
  }
}
