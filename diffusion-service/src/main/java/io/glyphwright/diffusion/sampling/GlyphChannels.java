package io.glyphwright.diffusion.sampling;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/** Glyph conditioning channels from the glyph renderer's images. */
public final class GlyphChannels {
  private GlyphChannels() {}

  /**
   * One channel from a glyph mask ({@code mask.png}: 8-bit gray, 255 = ink): {@code [1, H, W]},
   * value {@code gray/255} in [0, 1].
   */
  public static float[] fromMask(BufferedImage mask) {
    int width = mask.getWidth();
    int height = mask.getHeight();
    Raster raster = mask.getRaster();
    if (raster.getNumBands() != 1) {
      throw new IllegalArgumentException(
          "a glyph mask has one gray band, this image has " + raster.getNumBands());
    }
    int[] gray = raster.getSamples(0, 0, width, height, 0, (int[]) null);
    int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
    float[] channel = new float[width * height];
    for (int p = 0; p < channel.length; p++) {
      channel[p] = gray[p] / (float) max;
    }
    return channel;
  }
}
