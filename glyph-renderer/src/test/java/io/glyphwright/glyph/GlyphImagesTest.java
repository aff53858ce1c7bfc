package io.glyphwright.glyph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlyphImagesTest {
  @TempDir Path dir;

  @Test
  void sixteenBitValuesSurviveAPngRoundTrip() throws Exception {
    BufferedImage seg = new BufferedImage(20, 10, BufferedImage.TYPE_USHORT_GRAY);
    seg.getRaster().setSample(3, 4, 0, 300);
    seg.getRaster().setSample(19, 9, 0, 65535);
    Path file = dir.resolve("sub/charseg.png");
    GlyphImages.writePng(seg, file);
    BufferedImage back = GlyphImages.readPng(file);
    assertEquals(16, back.getColorModel().getComponentSize(0));
    assertEquals(300, back.getRaster().getSample(3, 4, 0));
    assertEquals(65535, back.getRaster().getSample(19, 9, 0));
    assertEquals(0, back.getRaster().getSample(0, 0, 0));
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void eightBitMaskRoundTrips() throws Exception {
    BufferedImage mask = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
    mask.getRaster().setSample(1, 2, 0, 255);
    mask.getRaster().setSample(2, 2, 0, 128);
    Path file = dir.resolve("mask.png");
    GlyphImages.writePng(mask, file);
    BufferedImage back = GlyphImages.readPng(file);
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, back.getType());
    assertEquals(255, back.getRaster().getSample(1, 2, 0));
    assertEquals(128, back.getRaster().getSample(2, 2, 0));
  }

  @Test
  void colourImagesAreRefused() {
    BufferedImage rgb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    assertThrows(IllegalArgumentException.class, () -> GlyphImages.pngBytes(rgb));
  }
}
