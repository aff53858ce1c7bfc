package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImageResizerTest {
  /** Left third red, middle third green, right third blue. */
  private static BufferedImage bands(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, x < w / 3 ? 0xff0000 : x < 2 * w / 3 ? 0x00ff00 : 0x0000ff);
      }
    }
    return img;
  }

  @Test
  void cropKeepsTheCentreSquareAndScalesIt() {
    // 1536x512: the centre square is exactly the green third.
    BufferedImage out = ImageResizer.apply(bands(1536, 512), ResizePolicy.parse("crop:256"));
    assertEquals(256, out.getWidth());
    assertEquals(256, out.getHeight());
    assertArrayEquals(new int[] {0, 255, 0}, TestImages.rgb(out, 5, 5));
    assertArrayEquals(new int[] {0, 255, 0}, TestImages.rgb(out, 250, 250));
  }

  @Test
  void cropEnlargesSmallImages() {
    BufferedImage out = ImageResizer.apply(bands(300, 300), ResizePolicy.parse("crop:512"));
    assertEquals(512, out.getWidth());
    assertEquals(512, out.getHeight());
  }

  @Test
  void fitKeepsTheAspectRatioAndNeverEnlarges() {
    BufferedImage out = ImageResizer.apply(bands(2000, 1000), ResizePolicy.parse("fit:1024"));
    assertEquals(1024, out.getWidth());
    assertEquals(512, out.getHeight());
    BufferedImage small = bands(300, 200);
    assertEquals(small, ImageResizer.apply(small, ResizePolicy.parse("fit:1024")));
    assertEquals(small, ImageResizer.apply(small, ResizePolicy.parse("none")));
  }

  /** Shrinking 8× averages: a 1-pixel checkerboard becomes flat grey, not a random sample. */
  @Test
  void shrinkingAveragesEveryPixel() {
    BufferedImage checker = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        checker.setRGB(x, y, ((x + y) & 1) == 0 ? 0xffffff : 0x000000);
      }
    }
    BufferedImage out = ImageResizer.apply(checker, ResizePolicy.parse("crop:64"));
    for (int y = 0; y < 64; y += 7) {
      for (int x = 0; x < 64; x += 7) {
        int v = TestImages.rgb(out, x, y)[0];
        assertTrue(Math.abs(v - 128) <= 2, "pixel " + x + "," + y + " is " + v);
      }
    }
  }

  @Test
  void policiesParseAndPrint() {
    assertEquals("crop:512", ResizePolicy.parse(" CROP:512 ").toString());
    assertEquals("fit:1024", ResizePolicy.parse("fit:1024").toString());
    assertEquals("none", ResizePolicy.parse("none").toString());
    assertThrows(IllegalArgumentException.class, () -> ResizePolicy.parse("crop"));
    assertThrows(IllegalArgumentException.class, () -> ResizePolicy.parse("crop:8"));
    assertThrows(IllegalArgumentException.class, () -> ResizePolicy.parse("zoom:512"));
  }
}
