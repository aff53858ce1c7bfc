package io.glyphwright.diffusion.sampling;

/**
 * The lossless space-to-depth transform between pixels and the UNet's input, with PyTorch's index
 * convention ({@code torch.nn.functional.pixel_unshuffle}):
 *
 * <pre>{@code
 * unshuffled[b, c·r² + i·r + j, y, x] = pixels[b, c, y·r + i, x·r + j]
 * }</pre>
 *
 * for {@code 0 ≤ i, j < r}. Arrays are flattened NCHW; a batch of {@code b} images of {@code c}
 * channels and {@code h × w} pixels becomes {@code b × (c·r²) × (h/r) × (w/r)}. Pure permutations:
 * the round trip is exact.
 */
public final class PixelShuffle {
  private PixelShuffle() {}

  /**
   * Pixel-unshuffle {@code src} [b, c, h, w] into {@code dst} [b, c·r², h/r, w/r].
   *
   * @throws IllegalArgumentException if {@code h} or {@code w} is not a multiple of {@code r} or an
   *     array has the wrong length
   */
  public static void unshuffle(float[] src, int b, int c, int h, int w, int r, float[] dst) {
    check(src, dst, b, c, h, w, r);
    int hs = h / r;
    int ws = w / r;
    int o = 0;
    for (int n = 0; n < b; n++) {
      for (int ch = 0; ch < c; ch++) {
        int plane = (n * c + ch) * h * w;
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < r; j++) {
            for (int y = 0; y < hs; y++) {
              int row = plane + (y * r + i) * w + j;
              for (int x = 0; x < ws; x++) {
                dst[o++] = src[row + x * r];
              }
            }
          }
        }
      }
    }
  }

  /**
   * Pixel-shuffle {@code src} [b, c·r², h/r, w/r] back into {@code dst} [b, c, h, w]; the inverse
   * of {@link #unshuffle}.
   */
  public static void shuffle(float[] src, int b, int c, int h, int w, int r, float[] dst) {
    check(dst, src, b, c, h, w, r);
    int hs = h / r;
    int ws = w / r;
    int o = 0;
    for (int n = 0; n < b; n++) {
      for (int ch = 0; ch < c; ch++) {
        int plane = (n * c + ch) * h * w;
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < r; j++) {
            for (int y = 0; y < hs; y++) {
              int row = plane + (y * r + i) * w + j;
              for (int x = 0; x < ws; x++) {
                dst[row + x * r] = src[o++];
              }
            }
          }
        }
      }
    }
  }

  private static void check(float[] pixels, float[] unshuffled, int b, int c, int h, int w, int r) {
    if (r < 1 || b < 1 || c < 1 || h < 1 || w < 1) {
      throw new IllegalArgumentException(
          "batch, channels, size and factor must be positive: b="
              + b
              + " c="
              + c
              + " h="
              + h
              + " w="
              + w
              + " r="
              + r);
    }
    if (h % r != 0 || w % r != 0) {
      throw new IllegalArgumentException(
          "a " + w + "×" + h + " image does not split into " + r + "×" + r + " blocks");
    }
    long size = (long) b * c * h * w;
    if (pixels.length != size || unshuffled.length != size) {
      throw new IllegalArgumentException(
          "expected arrays of "
              + size
              + " values for ["
              + b
              + ", "
              + c
              + ", "
              + h
              + ", "
              + w
              + "], got "
              + pixels.length
              + " and "
              + unshuffled.length);
    }
  }
}
