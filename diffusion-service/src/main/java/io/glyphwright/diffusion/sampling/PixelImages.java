package io.glyphwright.diffusion.sampling;

import java.awt.image.BufferedImage;

/** Conversion of model-range pixels ([−1, 1], CHW) to 8-bit images. */
final class PixelImages {
  private PixelImages() {}

  /**
   * An RGB ({@code channels} = 3) or gray ({@code channels} = 1) image from {@code [channels, h,
   * w]} values at {@code offset}, {@code −1 → 0}, {@code 1 → 255}, clamped.
   */
  static BufferedImage toImage(float[] data, int offset, int channels, int height, int width) {
    int plane = height * width;
    if (channels == 3) {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      int[] rgb = new int[plane];
      for (int p = 0; p < plane; p++) {
        int r = toByte(data[offset + p]);
        int g = toByte(data[offset + plane + p]);
        int b = toByte(data[offset + 2 * plane + p]);
        rgb[p] = (r << 16) | (g << 8) | b;
      }
      image.setRGB(0, 0, width, height, rgb, 0, width);
      return image;
    }
    if (channels == 1) {
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
      byte[] gray = new byte[plane];
      for (int p = 0; p < plane; p++) {
        gray[p] = (byte) toByte(data[offset + p]);
      }
      image.getRaster().setDataElements(0, 0, width, height, gray);
      return image;
    }
    throw new IllegalArgumentException(
        "images of " + channels + " channels have no 8-bit form; use 1 or 3");
  }

  static int toByte(float value) {
    float clamped = Math.max(-1f, Math.min(1f, value));
    return Math.round((clamped + 1f) * 127.5f);
  }
}
