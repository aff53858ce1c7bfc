package io.glyphwright.dataset.build;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * Turns whatever ImageIO decoded into 8-bit sRGB ({@link BufferedImage#TYPE_INT_RGB}), with
 * transparency composited over white (as the OCR engines see it):
 *
 * <ul>
 *   <li>palette images through their palette;
 *   <li>grey, with or without alpha, 8 or 16 bits: the stored values are taken as they are
 *       (gamma-encoded, as every other tool reads them; Java's own grey-to-RGB conversion would
 *       treat them as linear and brighten them);
 *   <li>16-bit RGB(A): scaled to 8 bits, rounded;
 *   <li>CMYK JPEGs without an ICC profile: {@code R = (255-C)(255-K)/255} and likewise for G, B.
 *       ImageIO's JPEG reader already undoes Adobe's inverted storage (APP14) and YCCK; with an
 *       embedded CMYK profile the profile converts;
 *   <li>any other colour space (an embedded RGB profile such as Adobe RGB) through its profile.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class SrgbConverter {
  private SrgbConverter() {}

  /** The image as 8-bit sRGB; an image that already is one is returned as it is. */
  public static BufferedImage toIntRgb(BufferedImage src) throws SampleRejectedException {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    int w = src.getWidth();
    int h = src.getHeight();
    BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int[] out = ((DataBufferInt) dst.getRaster().getDataBuffer()).getData();
    ColorModel cm = src.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    int dataType = src.getRaster().getTransferType();
    // 8- and 16-bit samples are read directly; anything else (float, 32-bit) goes through Java2D.
    boolean integral = dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT;
    try {
      if (cm instanceof IndexColorModel icm) {
        fromPalette(src.getRaster(), icm, out);
      } else if (cm instanceof ComponentColorModel
          && integral
          && cs.getType() == ColorSpace.TYPE_GRAY) {
        fromComponents(src.getRaster(), cm, Kind.GRAY, out);
      } else if (cm instanceof ComponentColorModel
          && integral
          && cs.getType() == ColorSpace.TYPE_CMYK
          && !(cs instanceof ICC_ColorSpace)) {
        fromComponents(src.getRaster(), cm, Kind.CMYK, out);
      } else if (cm instanceof ComponentColorModel && integral && cs.isCS_sRGB()) {
        fromComponents(src.getRaster(), cm, Kind.RGB, out);
      } else if (cm instanceof DirectColorModel && cs.isCS_sRGB()) {
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
          src.getRGB(0, y, w, 1, row, 0, w);
          for (int x = 0; x < w; x++) {
            out[y * w + x] = overWhite(row[x]);
          }
        }
      } else {
        BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        new ColorConvertOp(null).filter(src, argb);
        int[] px = ((DataBufferInt) argb.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < px.length; i++) {
          out[i] = overWhite(px[i]);
        }
      }
    } catch (RuntimeException e) {
      throw new SampleRejectedException(
          RejectReason.UNSUPPORTED_COLOR,
          "cannot convert " + cs.getClass().getSimpleName() + " (" + e.getMessage() + ") to sRGB",
          e);
    }
    return dst;
  }

  private enum Kind {
    GRAY,
    RGB,
    CMYK
  }

  private static void fromPalette(Raster r, IndexColorModel icm, int[] out) {
    int w = r.getWidth();
    int h = r.getHeight();
    int[] idx = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, idx);
      for (int x = 0; x < w; x++) {
        out[y * w + x] = overWhite(icm.getRGB(idx[x]));
      }
    }
  }

  private static void fromComponents(Raster r, ColorModel cm, Kind kind, int[] out) {
    int w = r.getWidth();
    int h = r.getHeight();
    int colours = kind == Kind.GRAY ? 1 : kind == Kind.RGB ? 3 : 4;
    int bands = r.getNumBands();
    boolean alpha = cm.hasAlpha() && bands > colours;
    boolean premultiplied = alpha && cm.isAlphaPremultiplied();
    int[] max = new int[bands];
    for (int b = 0; b < bands; b++) {
      max[b] = (1 << cm.getComponentSize(Math.min(b, cm.getNumComponents() - 1))) - 1;
    }
    int[] px = new int[w * bands];
    int[] c = new int[bands];
    for (int y = 0; y < h; y++) {
      r.getPixels(0, y, w, 1, px);
      for (int x = 0; x < w; x++) {
        for (int b = 0; b < bands; b++) {
          c[b] = max[b] == 255 ? px[x * bands + b] : to8(px[x * bands + b], max[b]);
        }
        int red;
        int green;
        int blue;
        switch (kind) {
          case GRAY -> red = green = blue = c[0];
          case RGB -> {
            red = c[0];
            green = c[1];
            blue = c[2];
          }
          default -> {
            int k = 255 - c[3];
            red = (255 - c[0]) * k / 255;
            green = (255 - c[1]) * k / 255;
            blue = (255 - c[2]) * k / 255;
          }
        }
        if (alpha) {
          int a = c[colours];
          if (premultiplied) {
            red = Math.min(255, red + 255 - a);
            green = Math.min(255, green + 255 - a);
            blue = Math.min(255, blue + 255 - a);
          } else {
            red = blend(red, a);
            green = blend(green, a);
            blue = blend(blue, a);
          }
        }
        out[y * w + x] = (red << 16) | (green << 8) | blue;
      }
    }
  }

  private static int to8(int v, int max) {
    return (int) (((long) Math.max(0, Math.min(v, max)) * 255 + max / 2) / max);
  }

  /** A non-premultiplied colour component over white. */
  private static int blend(int c, int a) {
    return (c * a + 255 * (255 - a) + 127) / 255;
  }

  /** An ARGB pixel (not premultiplied) over white, as RGB. */
  static int overWhite(int argb) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb & 0xffffff;
    }
    int r = blend((argb >> 16) & 0xff, a);
    int g = blend((argb >> 8) & 0xff, a);
    int b = blend(argb & 0xff, a);
    return (r << 16) | (g << 8) | b;
  }
}
