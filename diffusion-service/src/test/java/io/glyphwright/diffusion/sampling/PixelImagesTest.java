package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PixelImagesTest {
  @Test
  void rgbPlanesMapMinusOneToZeroAndOneTo255Clamped() {
    // 1×2 image: pixel 0 = (−1, 0, 1), pixel 1 = (2, −3, 0.5)
    float[] planes = {9f, -1f, 2f, 0f, -3f, 1f, 0.5f};
    BufferedImage image = PixelImages.toImage(planes, 1, 3, 1, 2);
    assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
    assertEquals((0 << 16) | (128 << 8) | 255, image.getRGB(0, 0) & 0xFFFFFF);
    assertEquals((255 << 16) | (0 << 8) | 191, image.getRGB(1, 0) & 0xFFFFFF);
  }

  @Test
  void onePlaneIsEightBitGray() {
    BufferedImage image = PixelImages.toImage(new float[] {-1f, 1f}, 0, 1, 2, 1);
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, image.getType());
    assertEquals(0, image.getRaster().getSample(0, 0, 0));
    assertEquals(255, image.getRaster().getSample(0, 1, 0));
  }

  @Test
  void otherChannelCountsAreABadArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PixelImages.toImage(new float[8], 0, 2, 2, 2));
    assertTrue(e.getMessage().contains("use 1 or 3"), e.getMessage());
  }
}
