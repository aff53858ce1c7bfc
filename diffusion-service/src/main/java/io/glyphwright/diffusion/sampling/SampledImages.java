package io.glyphwright.diffusion.sampling;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * The images of one finished run, with the request that made them: {@code [n, C, H, W]} values in
 * [−1, 1] (not clamped).
 */
public final class SampledImages {
  private final SampleRequest request;
  private final int channels;
  private final float[] pixels;

  SampledImages(SampleRequest request, int channels, float[] pixels) {
    this.request = Objects.requireNonNull(request, "request");
    this.channels = channels;
    this.pixels = pixels;
  }

  /** The request, including the seed, from which these images can be made again. */
  public SampleRequest request() {
    return request;
  }

  public int count() {
    return request.images();
  }

  public int channels() {
    return channels;
  }

  public int width() {
    return request.width();
  }

  public int height() {
    return request.height();
  }

  /** Image {@code k} as {@code [C, H, W]} values (a copy). */
  public float[] values(int k) {
    int size = channels * width() * height();
    Objects.checkIndex(k, count());
    return Arrays.copyOfRange(pixels, k * size, (k + 1) * size);
  }

  /** Image {@code k} as an 8-bit RGB (or gray) image, [−1, 1] mapped to 0..255. */
  public BufferedImage image(int k) {
    Objects.checkIndex(k, count());
    return PixelImages.toImage(
        pixels, k * channels * width() * height(), channels, height(), width());
  }
}
