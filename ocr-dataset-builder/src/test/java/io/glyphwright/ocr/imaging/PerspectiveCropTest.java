package io.glyphwright.ocr.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glyphwright.ocr.geometry.Point;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PerspectiveCropTest {

  private static BufferedImage randomImage(int w, int h, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  private static List<Point> rect(int l, int t, int r, int b) {
    return List.of(new Point(l, t), new Point(r, t), new Point(r, b), new Point(l, b));
  }

  @Test
  void axisAlignedQuadEqualsAPlainSubImage() {
    BufferedImage source = randomImage(120, 80, 5);
    PerspectiveCrop crop = PerspectiveCrop.of(RgbImage.of(source), rect(17, 9, 97, 41));
    assertEquals(80, crop.image().width());
    assertEquals(32, crop.image().height());
    BufferedImage expected = source.getSubimage(17, 9, 80, 32);
    double maxError = 0;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 80; x++) {
        int rgb = expected.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          int v = (rgb >> (16 - 8 * c)) & 0xff;
          maxError = Math.max(maxError, Math.abs(crop.image().get(x, y, c) - v));
        }
      }
    }
    assertEquals(0, maxError, 1e-3);
  }

  @Test
  void tallQuadIsTurnedAndItsTransformStillPointsAtTheSamePixels() {
    BufferedImage source = randomImage(60, 200, 9);
    RgbImage rgb = RgbImage.of(source);
    PerspectiveCrop crop = PerspectiveCrop.of(rgb, rect(10, 20, 40, 180));
    assertEquals(160, crop.image().width(), "turned: the long side runs along x");
    assertEquals(30, crop.image().height());
    assertPixelsMatchTheirSource(crop, rgb);
    assertPixelsMatchTheirSource(crop.rotated180(), rgb);
  }

  @Test
  void rotated180KeepsTheTransformInStep() {
    RgbImage rgb = RgbImage.of(randomImage(100, 50, 13));
    PerspectiveCrop crop = PerspectiveCrop.of(rgb, rect(5, 5, 85, 35)).rotated180();
    assertPixelsMatchTheirSource(crop, rgb);
  }

  private static void assertPixelsMatchTheirSource(PerspectiveCrop crop, RgbImage source) {
    for (int y = 0; y < crop.image().height(); y += 3) {
      for (int x = 0; x < crop.image().width(); x += 3) {
        Point p = crop.toSource().apply(x, y);
        int sx = (int) Math.round(p.x());
        int sy = (int) Math.round(p.y());
        assertEquals(sx, p.x(), 1e-6, "integer pixels map to integer pixels");
        for (int c = 0; c < 3; c++) {
          assertEquals(source.get(sx, sy, c), crop.image().get(x, y, c), 1e-3);
        }
      }
    }
  }

  @Test
  void resizeKeepsAConstantImageConstantAndShrinksByAveraging() {
    RgbImage flat = new RgbImage(64, 32);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 64; x++) {
        for (int c = 0; c < 3; c++) {
          flat.set(x, y, c, (x % 2 == 0) ? 200 : 100);
        }
      }
    }
    RgbImage small = flat.resize(16, 8);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        // A one-pixel stripe pattern averages to its mean instead of aliasing to one stripe.
        assertEquals(150, small.get(x, y, 0), 1e-3);
      }
    }
  }
}
