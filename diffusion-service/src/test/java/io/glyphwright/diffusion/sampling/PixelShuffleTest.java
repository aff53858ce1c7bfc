package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PixelShuffleTest {

  private static float[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }

  @Test
  void unshuffleMatchesTheNaiveIndexFormula() {
    int b = 2;
    int c = 3;
    int h = 12;
    int w = 8;
    int r = 4;
    float[] pixels = random(b * c * h * w, 1);
    float[] unshuffled = new float[pixels.length];
    PixelShuffle.unshuffle(pixels, b, c, h, w, r, unshuffled);
    int hs = h / r;
    int ws = w / r;
    for (int n = 0; n < b; n++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int outChannel = ch * r * r + (y % r) * r + (x % r);
            int out = ((n * c * r * r + outChannel) * hs + y / r) * ws + x / r;
            int in = ((n * c + ch) * h + y) * w + x;
            assertEquals(pixels[in], unshuffled[out], "pixel " + n + "," + ch + "," + y + "," + x);
          }
        }
      }
    }
  }

  @Test
  void theRoundTripIsExact() {
    for (int r : new int[] {1, 2, 4}) {
      float[] pixels = random(3 * 2 * 16 * 24, r);
      float[] unshuffled = new float[pixels.length];
      float[] back = new float[pixels.length];
      PixelShuffle.unshuffle(pixels, 3, 2, 16, 24, r, unshuffled);
      PixelShuffle.shuffle(unshuffled, 3, 2, 16, 24, r, back);
      assertArrayEquals(pixels, back);
    }
  }

  @Test
  void sizesThatDoNotSplitIntoBlocksAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PixelShuffle.unshuffle(new float[30], 1, 1, 5, 6, 4, new float[30]));
    assertTrue(e.getMessage().contains("4×4 blocks"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> PixelShuffle.shuffle(new float[16], 1, 1, 4, 4, 2, new float[15]));
  }
}
