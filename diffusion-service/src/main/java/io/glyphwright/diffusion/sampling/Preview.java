package io.glyphwright.diffusion.sampling;

import java.awt.image.BufferedImage;

/**
 * A cheap look at a run in progress: the current denoised estimate {@code x0} of each image, box-
 * downsampled by the unshuffle factor {@code r} (the mean of each channel's {@code r²} sub-pixels),
 * so a 256×256 image previews at 64×64 for {@code r = 4}. Nothing is computed until {@link #image}
 * is called. Valid only during the {@link ProgressListener#onStep} call that received it.
 */
public final class Preview {
  private final float[] denoised;
  private final int images;
  private final int channels;
  private final int factor;
  private final int height;
  private final int width;
  private boolean valid = true;

  Preview(float[] denoised, int images, int channels, int factor, int height, int width) {
    this.denoised = denoised;
    this.images = images;
    this.channels = channels;
    this.factor = factor;
    this.height = height;
    this.width = width;
  }

  /** Number of images in the run. */
  public int count() {
    return images;
  }

  /** Preview width: image width / r. */
  public int width() {
    return width;
  }

  /** Preview height: image height / r. */
  public int height() {
    return height;
  }

  /**
   * Image {@code k}'s preview, as {@code [C, h, w]} values in [−1, 1].
   *
   * @throws IllegalStateException after the listener call returned
   */
  public float[] values(int k) {
    if (!valid) {
      throw new IllegalStateException("a preview is valid only during its onStep call");
    }
    if (k < 0 || k >= images) {
      throw new IndexOutOfBoundsException("image " + k + " of " + images);
    }
    int plane = height * width;
    int blocks = factor * factor;
    float[] out = new float[channels * plane];
    float scale = 1f / blocks;
    for (int c = 0; c < channels; c++) {
      int base = (k * channels + c) * blocks * plane;
      for (int s = 0; s < blocks; s++) {
        int from = base + s * plane;
        for (int p = 0; p < plane; p++) {
          out[c * plane + p] += denoised[from + p];
        }
      }
      for (int p = 0; p < plane; p++) {
        out[c * plane + p] *= scale;
      }
    }
    return out;
  }

  /** Image {@code k}'s preview as an 8-bit RGB (or gray) image. */
  public BufferedImage image(int k) {
    return PixelImages.toImage(values(k), 0, channels, height, width);
  }

  void invalidate() {
    valid = false;
  }
}
