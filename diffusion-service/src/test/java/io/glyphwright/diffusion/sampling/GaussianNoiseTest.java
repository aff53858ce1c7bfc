package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

  @Test
  void drawsAreStandardNormal() {
    float[] z = new float[200_000];
    GaussianNoise.forImages(1, 1).fill(z);
    double sum = 0;
    double squares = 0;
    double fourth = 0;
    int beyondTwo = 0;
    for (float v : z) {
      sum += v;
      squares += v * v;
      fourth += (double) v * v * v * v;
      if (Math.abs(v) > 2) {
        beyondTwo++;
      }
    }
    double n = z.length;
    assertEquals(0.0, sum / n, 0.01);
    assertEquals(1.0, squares / n, 0.02);
    assertEquals(3.0, fourth / n, 0.1);
    assertEquals(0.0455, beyondTwo / n, 0.003);
  }

  @Test
  void theSameSeedRepeatsAndAnotherDiffers() {
    float[] a = new float[101];
    float[] b = new float[101];
    float[] c = new float[101];
    GaussianNoise.forImages(9, 1).fill(a);
    GaussianNoise.forImages(9, 1).fill(b);
    GaussianNoise.forImages(10, 1).fill(c);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void imageKDependsOnTheSeedAndKOnly() {
    float[] one = new float[64];
    float[] three = new float[3 * 64];
    GaussianNoise.forImages(5, 1).fill(one);
    GaussianNoise.forImages(5, 3).fill(three);
    assertArrayEquals(one, Arrays.copyOfRange(three, 0, 64));
    assertFalse(Arrays.equals(one, Arrays.copyOfRange(three, 64, 128)));
    assertFalse(Arrays.equals(one, Arrays.copyOfRange(three, 128, 192)));
  }

  @Test
  void successiveFillsContinueTheStream() {
    GaussianNoise noise = GaussianNoise.forImages(5, 1);
    float[] first = new float[8];
    float[] second = new float[8];
    noise.fill(first);
    noise.fill(second);
    assertFalse(Arrays.equals(first, second));
  }

  @Test
  void anArrayThatDoesNotSplitIntoImagesIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> GaussianNoise.forImages(5, 3).fill(new float[10]));
    assertThrows(IllegalArgumentException.class, () -> GaussianNoise.forImages(5, 0));
  }
}
