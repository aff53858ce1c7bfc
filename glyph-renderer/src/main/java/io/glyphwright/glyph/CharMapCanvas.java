package io.glyphwright.glyph;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * A 16-bit gray character map that Java2D can draw exact values into.
 *
 * <p>Java2D converts a colour to gray by luminance when it draws into a {@code TYPE_USHORT_GRAY}
 * image, so index k cannot be drawn there directly. This canvas lays a 5-6-5 RGB view over the gray
 * image's own pixel buffer: in that view the colour {@link #colorFor(int) colorFor(k)} packs to the
 * 16-bit word k exactly, and the gray image reads the same word back. Nothing is copied.
 */
final class CharMapCanvas {
  private static final DirectColorModel RGB565 =
      (DirectColorModel) new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_565_RGB).getColorModel();

  private final BufferedImage gray;
  private final BufferedImage rgb565;

  CharMapCanvas(int width, int height) {
    gray = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
    DataBufferUShort buffer = (DataBufferUShort) gray.getRaster().getDataBuffer();
    WritableRaster packed =
        Raster.createPackedRaster(buffer, width, height, width, RGB565.getMasks(), null);
    rgb565 = new BufferedImage(RGB565, packed, false, null);
  }

  /** The colour whose 5-6-5 packing is the 16-bit value {@code k}. */
  static Color colorFor(int k) {
    if (k < 0 || k > 0xFFFF) {
      throw new IllegalArgumentException("a character index is 0..65535, got " + k);
    }
    return new Color(((k >> 11) & 0x1F) << 3, ((k >> 5) & 0x3F) << 2, (k & 0x1F) << 3);
  }

  /** A graphics that fills without antialiasing (pixel centres inside the shape) into the map. */
  Graphics2D createGraphics() {
    Graphics2D g = rgb565.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    return g;
  }

  /** The map as {@code TYPE_USHORT_GRAY}. */
  BufferedImage image() {
    return gray;
  }
}
