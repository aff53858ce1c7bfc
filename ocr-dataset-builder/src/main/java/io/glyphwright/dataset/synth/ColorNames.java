package io.glyphwright.dataset.synth;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.List;

/**
 * A small vocabulary of colour names in English and Chinese, the words people use in prompts, with
 * the nearest name of any colour found in CIELAB. Captions use it for backgrounds and text, and the
 * {@code background} field records the dominant one.
 */
public final class ColorNames {
  /** One named colour: its English and Chinese names and a representative sRGB value. */
  public record Named(String en, String zh, int rgb) {}

  /** The vocabulary, in a fixed order (ties go to the earlier name). */
  public static final List<Named> ALL =
      List.of(
          new Named("black", "黑色", 0x101010),
          new Named("white", "白色", 0xF8F8F8),
          new Named("gray", "灰色", 0x808080),
          new Named("light gray", "浅灰色", 0xC4C4C4),
          new Named("dark gray", "深灰色", 0x444444),
          new Named("red", "红色", 0xD42020),
          new Named("dark red", "深红色", 0x7A1010),
          new Named("pink", "粉色", 0xF2A0BC),
          new Named("orange", "橙色", 0xF0801C),
          new Named("brown", "棕色", 0x7C4A22),
          new Named("beige", "米色", 0xE6D6AE),
          new Named("yellow", "黄色", 0xF2DA1E),
          new Named("gold", "金色", 0xC8A032),
          new Named("olive", "橄榄色", 0x7A7A22),
          new Named("green", "绿色", 0x30A040),
          new Named("dark green", "深绿色", 0x1C4E28),
          new Named("light green", "浅绿色", 0xA6E08E),
          new Named("teal", "蓝绿色", 0x1E8080),
          new Named("cyan", "青色", 0x3ED0E0),
          new Named("light blue", "浅蓝色", 0x92C2F0),
          new Named("blue", "蓝色", 0x2452D0),
          new Named("dark blue", "深蓝色", 0x122060),
          new Named("purple", "紫色", 0x7030A0),
          new Named("lavender", "淡紫色", 0xC2AAE8),
          new Named("magenta", "洋红色", 0xD030A0),
          new Named("cream", "奶油色", 0xFFF6D8));

  private static final double[][] LAB = new double[ALL.size()][];

  static {
    for (int i = 0; i < ALL.size(); i++) {
      LAB[i] = lab(ALL.get(i).rgb());
    }
  }

  private ColorNames() {}

  /** The name nearest to {@code rgb} (CIE76 distance in CIELAB, D65). */
  public static Named nearest(int rgb) {
    return ALL.get(nearestIndex(lab(rgb)));
  }

  private static int nearestIndex(double[] lab) {
    int best = 0;
    double bestD = Double.MAX_VALUE;
    for (int i = 0; i < LAB.length; i++) {
      double dl = lab[0] - LAB[i][0];
      double da = lab[1] - LAB[i][1];
      double db = lab[2] - LAB[i][2];
      double d = dl * dl + da * da + db * db;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /**
   * The dominant colour of an image: the name most of its pixels are nearest to (every {@code
   * step}-th pixel in each direction), with the mean of those pixels.
   *
   * @return the name and the mean colour {@code 0xRRGGBB}
   */
  public static Dominant dominant(BufferedImage image, int step) {
    int n = ALL.size();
    long[] count = new long[n];
    long[][] sum = new long[n][3];
    int w = image.getWidth();
    int h = image.getHeight();
    int[] row = new int[w];
    for (int y = step / 2; y < h; y += step) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = step / 2; x < w; x += step) {
        int rgb = row[x];
        int i = nearestIndex(lab(rgb));
        count[i]++;
        sum[i][0] += (rgb >> 16) & 0xFF;
        sum[i][1] += (rgb >> 8) & 0xFF;
        sum[i][2] += rgb & 0xFF;
      }
    }
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (count[i] > count[best]) {
        best = i;
      }
    }
    long c = Math.max(1, count[best]);
    int mean =
        (int) ((sum[best][0] + c / 2) / c) << 16
            | (int) ((sum[best][1] + c / 2) / c) << 8
            | (int) ((sum[best][2] + c / 2) / c);
    return new Dominant(ALL.get(best), mean, (double) count[best] / Math.max(1, total(count)));
  }

  private static long total(long[] count) {
    long t = 0;
    for (long c : count) {
      t += c;
    }
    return t;
  }

  /**
   * How many sampled pixels of {@code image} are nearest to each name of {@link #ALL} (in its
   * order), counting every {@code step}-th pixel in each direction that lies farther than {@code
   * margin} pixels from any ink of {@code mask} (8-bit, value ≥ 32 = ink, the image's size): the
   * background away from the text and its antialiased edge, shadow or outline.
   */
  public static long[] countsAwayFromInk(
      BufferedImage image, BufferedImage mask, int margin, int step) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (mask.getWidth() != w || mask.getHeight() != h) {
      throw new IllegalArgumentException(
          "mask is " + mask.getWidth() + "×" + mask.getHeight() + ", image " + w + "×" + h);
    }
    boolean[] near = nearInk(mask, margin);
    long[] count = new long[ALL.size()];
    int[] row = new int[w];
    for (int y = step / 2; y < h; y += step) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = step / 2; x < w; x += step) {
        if (!near[y * w + x]) {
          count[nearestIndex(lab(row[x]))]++;
        }
      }
    }
    return count;
  }

  /**
   * The colour of the background away from the text: the name most of the pixels {@link
   * #countsAwayFromInk} counts are nearest to.
   *
   * @param share the fraction of the counted pixels with that name
   * @param counted how many pixels were counted; 0 when the ink and its margin cover every sampled
   *     pixel (then {@code name} is the first name and {@code share} 0)
   */
  public record AwayFromInk(Named name, double share, long counted) {}

  /** {@link #countsAwayFromInk}'s leading name, its share and the count. */
  public static AwayFromInk dominantAwayFromInk(
      BufferedImage image, BufferedImage mask, int margin, int step) {
    long[] count = countsAwayFromInk(image, mask, margin, step);
    long total = 0;
    int best = 0;
    for (int i = 0; i < count.length; i++) {
      total += count[i];
      if (count[i] > count[best]) {
        best = i;
      }
    }
    return new AwayFromInk(ALL.get(best), total == 0 ? 0 : (double) count[best] / total, total);
  }

  /**
   * The pixels within {@code margin} (Chebyshev distance) of ink (value ≥ 32) in {@code mask}, row
   * by row, by two passes of a running box maximum.
   */
  public static boolean[] nearInk(BufferedImage mask, int margin) {
    int w = mask.getWidth();
    int h = mask.getHeight();
    Raster r = mask.getRaster();
    boolean[] ink = new boolean[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      r.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        ink[y * w + x] = row[x] >= 32;
      }
    }
    boolean[] horizontal = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      int last = Integer.MIN_VALUE / 2;
      for (int x = 0; x < w; x++) {
        if (ink[y * w + x]) {
          last = x;
        }
        horizontal[y * w + x] = x - last <= margin;
      }
      last = Integer.MAX_VALUE / 2;
      for (int x = w - 1; x >= 0; x--) {
        if (ink[y * w + x]) {
          last = x;
        }
        horizontal[y * w + x] |= last - x <= margin;
      }
    }
    boolean[] out = new boolean[w * h];
    for (int x = 0; x < w; x++) {
      int last = Integer.MIN_VALUE / 2;
      for (int y = 0; y < h; y++) {
        if (horizontal[y * w + x]) {
          last = y;
        }
        out[y * w + x] = y - last <= margin;
      }
      last = Integer.MAX_VALUE / 2;
      for (int y = h - 1; y >= 0; y--) {
        if (horizontal[y * w + x]) {
          last = y;
        }
        out[y * w + x] |= last - y <= margin;
      }
    }
    return out;
  }

  /**
   * An image's dominant colour.
   *
   * @param name its name
   * @param rgb the mean of the pixels with that name, {@code 0xRRGGBB}
   * @param share the fraction of sampled pixels with that name
   */
  public record Dominant(Named name, int rgb, double share) {
    /** {@code #rrggbb}. */
    public String hex() {
      return String.format("#%06x", rgb & 0xFFFFFF);
    }
  }

  /** sRGB to CIELAB (D65). */
  static double[] lab(int rgb) {
    double r = Contrast.linear((rgb >> 16) & 0xFF);
    double g = Contrast.linear((rgb >> 8) & 0xFF);
    double b = Contrast.linear(rgb & 0xFF);
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    double fx = f(x);
    double fy = f(y);
    double fz = f(z);
    return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
  }

  private static double f(double t) {
    return t > 216.0 / 24389 ? StrictMath.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  }
}
