package io.glyphwright.diffusion.training;

/**
 * Resampling of planar images (channel-major, row-major, values as floats). Area averaging for
 * shrinking (every source pixel counts by the area it covers, so thin strokes keep their ink),
 * bilinear for the small zooms of augmentation.
 */
final class Resampling {
  private Resampling() {}

  /**
   * Area-averaged resize of {@code channels} planes {@code w×h} to {@code dw×dh}; exact box filter
   * for any ratio (also enlarges, as nearest-with-coverage).
   */
  static float[] area(float[] src, int channels, int w, int h, int dw, int dh) {
    float[] dst = new float[channels * dw * dh];
    double sx = (double) w / dw;
    double sy = (double) h / dh;
    for (int y = 0; y < dh; y++) {
      double y0 = y * sy;
      double y1 = y0 + sy;
      for (int x = 0; x < dw; x++) {
        double x0 = x * sx;
        double x1 = x0 + sx;
        for (int c = 0; c < channels; c++) {
          double sum = 0;
          int plane = c * w * h;
          for (int yy = (int) Math.floor(y0); yy < Math.min(h, Math.ceil(y1)); yy++) {
            double wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
            for (int xx = (int) Math.floor(x0); xx < Math.min(w, Math.ceil(x1)); xx++) {
              double wx = Math.min(x1, xx + 1) - Math.max(x0, xx);
              sum += wx * wy * src[plane + yy * w + xx];
            }
          }
          dst[c * dw * dh + y * dw + x] = (float) (sum / (sx * sy));
        }
      }
    }
    return dst;
  }

  /**
   * Bilinear crop-and-resize: the square window of side {@code side} at ({@code left}, {@code top})
   * of a {@code w×w} planar image, resampled to {@code out×out} (pixel centres aligned).
   */
  static void cropResize(
      byte[] src,
      int channels,
      int w,
      double left,
      double top,
      double side,
      int out,
      float[] dst,
      double scale,
      double offset) {
    double step = side / out;
    double lo = Math.min(offset, 255.0 * scale + offset);
    double hi = Math.max(offset, 255.0 * scale + offset);
    for (int y = 0; y < out; y++) {
      double fy = Math.max(0, Math.min(w - 1, top + (y + 0.5) * step - 0.5));
      int y0 = (int) fy;
      int y1 = Math.min(w - 1, y0 + 1);
      double ay = fy - y0;
      for (int x = 0; x < out; x++) {
        double fx = Math.max(0, Math.min(w - 1, left + (x + 0.5) * step - 0.5));
        int x0 = (int) fx;
        int x1 = Math.min(w - 1, x0 + 1);
        double ax = fx - x0;
        for (int c = 0; c < channels; c++) {
          int p = c * w * w;
          double v =
              (1 - ay)
                      * ((1 - ax) * (src[p + y0 * w + x0] & 0xFF)
                          + ax * (src[p + y0 * w + x1] & 0xFF))
                  + ay
                      * ((1 - ax) * (src[p + y1 * w + x0] & 0xFF)
                          + ax * (src[p + y1 * w + x1] & 0xFF));
          // Clamped: bilinear weights of 255-valued corners can round a hair past the range.
          dst[c * out * out + y * out + x] = (float) Math.max(lo, Math.min(hi, v * scale + offset));
        }
      }
    }
  }
}
