package io.glyphwright.dataset.build;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Applies a {@link ResizePolicy} to an 8-bit sRGB image. Shrinking halves the image with a 2×2 box
 * filter while it is at least twice the target, then finishes with bilinear interpolation, so that
 * large reductions average every pixel instead of skipping most of them (which would alias thin
 * strokes of text); enlarging is bicubic. Deterministic and thread-safe.
 */
public final class ImageResizer {
  private ImageResizer() {}

  /**
   * The image sized by {@code policy}.
   *
   * @param rgb a {@link BufferedImage#TYPE_INT_RGB} image
   */
  public static BufferedImage apply(BufferedImage rgb, ResizePolicy policy) {
    rgb = requireIntRgb(rgb);
    int w = rgb.getWidth();
    int h = rgb.getHeight();
    BufferedImage src = rgb;
    if (policy.mode() == ResizePolicy.Mode.CROP && w != h) {
      int side = Math.min(w, h);
      src = crop(rgb, (w - side) / 2, (h - side) / 2, side, side);
    }
    int[] target = policy.targetSize(src.getWidth(), src.getHeight());
    return scale(src, target[0], target[1]);
  }

  /** {@code src} scaled to {@code tw}×{@code th}. */
  static BufferedImage scale(BufferedImage src, int tw, int th) {
    BufferedImage cur = src;
    while (cur.getWidth() >= 2 * tw && cur.getHeight() >= 2 * th) {
      cur = halve(cur);
    }
    if (cur.getWidth() == tw && cur.getHeight() == th) {
      return cur;
    }
    boolean enlarging = tw > cur.getWidth() || th > cur.getHeight();
    BufferedImage dst = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = dst.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION,
          enlarging
              ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
              : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(cur, 0, 0, tw, th, null);
    } finally {
      g.dispose();
    }
    return dst;
  }

  /** Half the size (rounded down), each pixel the mean of a 2×2 block. */
  static BufferedImage halve(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    int hw = w / 2;
    int hh = h / 2;
    int[] in = pixels(src);
    BufferedImage dst = new BufferedImage(hw, hh, BufferedImage.TYPE_INT_RGB);
    int[] out = pixels(dst);
    for (int y = 0; y < hh; y++) {
      int r0 = 2 * y * w;
      int r1 = r0 + w;
      for (int x = 0; x < hw; x++) {
        int a = in[r0 + 2 * x];
        int b = in[r0 + 2 * x + 1];
        int c = in[r1 + 2 * x];
        int d = in[r1 + 2 * x + 1];
        int red =
            (((a >> 16) & 0xff) + ((b >> 16) & 0xff) + ((c >> 16) & 0xff) + ((d >> 16) & 0xff) + 2)
                >> 2;
        int green =
            (((a >> 8) & 0xff) + ((b >> 8) & 0xff) + ((c >> 8) & 0xff) + ((d >> 8) & 0xff) + 2)
                >> 2;
        int blue = ((a & 0xff) + (b & 0xff) + (c & 0xff) + (d & 0xff) + 2) >> 2;
        out[y * hw + x] = (red << 16) | (green << 8) | blue;
      }
    }
    return dst;
  }

  static BufferedImage crop(BufferedImage src, int x0, int y0, int cw, int ch) {
    int w = src.getWidth();
    int[] in = pixels(src);
    BufferedImage dst = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
    int[] out = pixels(dst);
    for (int y = 0; y < ch; y++) {
      System.arraycopy(in, (y0 + y) * w + x0, out, y * cw, cw);
    }
    return dst;
  }

  private static int[] pixels(BufferedImage img) {
    return ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
  }

  /** The image itself, or a copy when it is a view into a larger one (a sub-image). */
  private static BufferedImage requireIntRgb(BufferedImage img) {
    if (img.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException(
          "resizing needs a TYPE_INT_RGB image (see SrgbConverter), got type " + img.getType());
    }
    if (img.getRaster().getParent() == null) {
      return img;
    }
    BufferedImage copy =
        new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = copy.createGraphics();
    g.drawImage(img, 0, 0, null);
    g.dispose();
    return copy;
  }
}
