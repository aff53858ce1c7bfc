package io.glyphwright.ocr.imaging;

import io.glyphwright.ocr.geometry.Homography;
import io.glyphwright.ocr.geometry.Point;
import java.awt.image.BufferedImage;

/**
 * An 8-bit-range RGB image held as floats, interleaved {@code [(y * width + x) * 3 + c]} with c = 0
 * red, 1 green, 2 blue. Pixel centres sit at integer coordinates, as in OpenCV, so resampling here
 * matches what PP-OCR's Python pipeline feeds its models.
 */
public final class RgbImage {
  private final int width;
  private final int height;
  private final float[] data;

  public RgbImage(int width, int height) {
    this(width, height, new float[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
  }

  private RgbImage(int width, int height, float[] data) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty image " + width + "x" + height);
    }
    this.width = width;
    this.height = height;
    this.data = data;
  }

  /** Converts any image; translucent pixels are composited over white. */
  public static RgbImage of(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    RgbImage out = new RgbImage(w, h);
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int argb = row[x];
        int a = argb >>> 24;
        int i = (y * w + x) * 3;
        for (int c = 0; c < 3; c++) {
          int v = (argb >> (16 - 8 * c)) & 0xff;
          out.data[i + c] = a == 255 ? v : (v * a + 255 * (255 - a)) / 255f;
        }
      }
    }
    return out;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  public float get(int x, int y, int c) {
    return data[(y * width + x) * 3 + c];
  }

  public void set(int x, int y, int c, float v) {
    data[(y * width + x) * 3 + c] = v;
  }

  /** Back to an 8-bit RGB image (rounded, clamped), for inspection and tests. */
  public BufferedImage toBufferedImage() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          int v = Math.max(0, Math.min(255, Math.round(get(x, y, c))));
          rgb = (rgb << 8) | v;
        }
        out.setRGB(x, y, rgb);
      }
    }
    return out;
  }

  /** Bilinear sample at a continuous position, replicating the border outside the image. */
  void sample(double x, double y, float[] rgb) {
    double cx = Math.max(0, Math.min(width - 1, x));
    double cy = Math.max(0, Math.min(height - 1, y));
    int x0 = (int) Math.floor(cx);
    int y0 = (int) Math.floor(cy);
    int x1 = Math.min(x0 + 1, width - 1);
    int y1 = Math.min(y0 + 1, height - 1);
    float fx = (float) (cx - x0);
    float fy = (float) (cy - y0);
    int i00 = (y0 * width + x0) * 3;
    int i01 = (y0 * width + x1) * 3;
    int i10 = (y1 * width + x0) * 3;
    int i11 = (y1 * width + x1) * 3;
    for (int c = 0; c < 3; c++) {
      float top = data[i00 + c] + (data[i01 + c] - data[i00 + c]) * fx;
      float bottom = data[i10 + c] + (data[i11 + c] - data[i10 + c]) * fx;
      rgb[c] = top + (bottom - top) * fy;
    }
  }

  /**
   * Bilinear resize with OpenCV's {@code INTER_LINEAR} geometry (source = (dst + 0.5) * scale -
   * 0.5). When shrinking by more than 2× it first averages boxes of pixels, so thin strokes do not
   * alias away.
   */
  public RgbImage resize(int newWidth, int newHeight) {
    RgbImage src = this;
    while (src.width >= 2 * newWidth && src.height >= 2 * newHeight) {
      src = src.halve();
    }
    if (src.width == newWidth && src.height == newHeight) {
      return src == this ? copy() : src;
    }
    RgbImage out = new RgbImage(newWidth, newHeight);
    double sx = (double) src.width / newWidth;
    double sy = (double) src.height / newHeight;
    float[] rgb = new float[3];
    for (int y = 0; y < newHeight; y++) {
      double fy = (y + 0.5) * sy - 0.5;
      for (int x = 0; x < newWidth; x++) {
        src.sample((x + 0.5) * sx - 0.5, fy, rgb);
        int i = (y * newWidth + x) * 3;
        out.data[i] = rgb[0];
        out.data[i + 1] = rgb[1];
        out.data[i + 2] = rgb[2];
      }
    }
    return out;
  }

  private RgbImage halve() {
    int w = width / 2;
    int h = height / 2;
    RgbImage out = new RgbImage(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          float s =
              get(2 * x, 2 * y, c)
                  + get(2 * x + 1, 2 * y, c)
                  + get(2 * x, 2 * y + 1, c)
                  + get(2 * x + 1, 2 * y + 1, c);
          out.set(x, y, c, s / 4);
        }
      }
    }
    return out;
  }

  public RgbImage copy() {
    return new RgbImage(width, height, data.clone());
  }

  /**
   * Resamples through a projective transform: output pixel (x, y) takes the bilinear sample at
   * {@code outToIn(x, y)} in this image (OpenCV's {@code warpPerspective} with the inverse map,
   * border replicated).
   */
  public RgbImage warp(Homography outToIn, int outWidth, int outHeight) {
    RgbImage out = new RgbImage(outWidth, outHeight);
    float[] rgb = new float[3];
    for (int y = 0; y < outHeight; y++) {
      for (int x = 0; x < outWidth; x++) {
        Point p = outToIn.apply(x, y);
        sample(p.x(), p.y(), rgb);
        int i = (y * outWidth + x) * 3;
        out.data[i] = rgb[0];
        out.data[i + 1] = rgb[1];
        out.data[i + 2] = rgb[2];
      }
    }
    return out;
  }

  /**
   * Rotated 90° counter-clockwise (numpy's {@code rot90}): the right column becomes the top row.
   */
  public RgbImage rotate90CounterClockwise() {
    RgbImage out = new RgbImage(height, width);
    for (int y = 0; y < out.height; y++) {
      for (int x = 0; x < out.width; x++) {
        for (int c = 0; c < 3; c++) {
          out.set(x, y, c, get(width - 1 - y, x, c));
        }
      }
    }
    return out;
  }

  /** Rotated by 180°. */
  public RgbImage rotate180() {
    RgbImage out = new RgbImage(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++) {
          out.set(x, y, c, get(width - 1 - x, height - 1 - y, c));
        }
      }
    }
    return out;
  }

  /**
   * Writes the image into a CHW tensor slot in blue-green-red channel order (PP-OCR's models were
   * trained on OpenCV's BGR images) as {@code (v / 255 - mean[c]) / std[c]}, with {@code mean} and
   * {@code std} given in that same BGR order. The slot is {@code 3 × slotHeight × slotWidth} floats
   * starting at {@code offset}; columns right of this image stay as they are (zero padding).
   */
  public void writeChwBgr(
      float[] tensor, int offset, int slotHeight, int slotWidth, float[] mean, float[] std) {
    if (height > slotHeight || width > slotWidth) {
      throw new IllegalArgumentException("image larger than its tensor slot");
    }
    int plane = slotHeight * slotWidth;
    for (int c = 0; c < 3; c++) {
      int src = 2 - c;
      float m = mean[c];
      float s = std[c];
      int base = offset + c * plane;
      for (int y = 0; y < height; y++) {
        int row = base + y * slotWidth;
        int in = y * width * 3 + src;
        for (int x = 0; x < width; x++, in += 3) {
          tensor[row + x] = (data[in] / 255f - m) / s;
        }
      }
    }
  }
}
