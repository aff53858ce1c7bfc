package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.imaging.RgbImage;

/**
 * Which pixels of a line crop are ink: Otsu's threshold of the luma splits the crop in two classes,
 * and the class that covers less of the crop's border is the ink. A column holds ink when at least
 * {@code max(2, 6% of the height)} of its pixels are ink, so scattered noise does not count.
 */
final class InkMask {
  private final int width;
  private final int height;
  private final boolean[] ink;
  private final boolean[] inkColumn;

  private InkMask(int width, int height, boolean[] ink) {
    this.width = width;
    this.height = height;
    this.ink = ink;
    this.inkColumn = new boolean[width];
    int minInk = Math.max(2, (int) Math.round(0.06 * height));
    for (int x = 0; x < width; x++) {
      int count = 0;
      for (int y = 0; y < height; y++) {
        count += ink[y * width + x] ? 1 : 0;
      }
      inkColumn[x] = count >= minInk;
    }
  }

  static InkMask of(RgbImage crop) {
    int w = crop.width();
    int h = crop.height();
    int[] luma = new int[w * h];
    int[] histogram = new int[256];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float v =
            0.299f * crop.get(x, y, 0) + 0.587f * crop.get(x, y, 1) + 0.114f * crop.get(x, y, 2);
        int level = Math.max(0, Math.min(255, Math.round(v)));
        luma[y * w + x] = level;
        histogram[level]++;
      }
    }
    int threshold = otsu(histogram, w * h);
    int bright = 0;
    int border = 0;
    for (int x = 0; x < w; x++) {
      bright += (luma[x] > threshold ? 1 : 0) + (luma[(h - 1) * w + x] > threshold ? 1 : 0);
      border += 2;
    }
    for (int y = 0; y < h; y++) {
      bright += (luma[y * w] > threshold ? 1 : 0) + (luma[y * w + w - 1] > threshold ? 1 : 0);
      border += 2;
    }
    boolean inkIsDark = bright * 2 >= border;
    boolean[] ink = new boolean[w * h];
    for (int i = 0; i < ink.length; i++) {
      ink[i] = (luma[i] > threshold) != inkIsDark;
    }
    return new InkMask(w, h, ink);
  }

  /** A mask from explicit pixels, row-major (for tests). */
  static InkMask of(int width, int height, boolean[] ink) {
    return new InkMask(width, height, ink.clone());
  }

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  boolean inkColumn(int x) {
    return inkColumn[x];
  }

  /**
   * {@code [start, end)} of the widest run of ink-free columns in {@code [from, to)} (clamped to
   * the crop); empty ({@code start == end}) when every column there holds ink.
   */
  int[] widestBlankRun(int from, int to) {
    int lo = Math.max(0, from);
    int hi = Math.min(width, to);
    int bestStart = lo;
    int bestEnd = lo;
    int start = -1;
    for (int x = lo; x <= hi; x++) {
      boolean blank = x < hi && !inkColumn[x];
      if (blank && start < 0) {
        start = x;
      } else if (!blank && start >= 0) {
        if (x - start > bestEnd - bestStart) {
          bestStart = start;
          bestEnd = x;
        }
        start = -1;
      }
    }
    return new int[] {bestStart, bestEnd};
  }

  /**
   * The ink bounds {@code [left, top, right, bottom)} inside columns {@code [from, to)}: the first
   * and last ink column, and the first and last row holding at least a tenth of the span's width in
   * ink; null when the span holds no ink column.
   */
  int[] inkBounds(int from, int to) {
    int lo = Math.max(0, from);
    int hi = Math.min(width, to);
    int left = -1;
    int right = -1;
    for (int x = lo; x < hi; x++) {
      if (inkColumn[x]) {
        left = left < 0 ? x : left;
        right = x + 1;
      }
    }
    if (left < 0) {
      return null;
    }
    int minRow = Math.max(1, (right - left) / 10);
    int top = -1;
    int bottom = -1;
    for (int y = 0; y < height; y++) {
      int count = 0;
      for (int x = left; x < right; x++) {
        count += ink[y * width + x] ? 1 : 0;
      }
      if (count >= minRow) {
        top = top < 0 ? y : top;
        bottom = y + 1;
      }
    }
    return top < 0 ? null : new int[] {left, top, right, bottom};
  }

  /** Otsu's threshold: the level that maximises the between-class variance. */
  static int otsu(int[] histogram, int total) {
    double sum = 0;
    for (int i = 0; i < 256; i++) {
      sum += (double) i * histogram[i];
    }
    double sumBelow = 0;
    long below = 0;
    double best = -1;
    int threshold = 127;
    for (int t = 0; t < 256; t++) {
      below += histogram[t];
      sumBelow += (double) t * histogram[t];
      long above = total - below;
      if (below == 0 || above == 0) {
        continue;
      }
      double meanBelow = sumBelow / below;
      double meanAbove = (sum - sumBelow) / above;
      double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
      if (between > best) {
        best = between;
        threshold = t;
      }
    }
    return threshold;
  }
}
