package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.ChineseText;
import io.glyphwright.ocr.imaging.RgbImage;
import io.glyphwright.ocr.ppocr.CtcDecoder.CtcChar;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts back word spaces that the recogniser missed, from the ink of the crop.
 *
 * <p>PP-OCRv4's Chinese recogniser writes spaces between Latin words only when it is sure, and
 * almost never between Chinese and Latin text; how sure it is even depends on how much padding its
 * batch adds. A word space, though, is plain to see: a run of ink-free columns much wider than the
 * gaps between letters. So between two adjacent characters (not both Chinese, which never take a
 * space) that have no space between them, a run of blank columns at least {@value #MIN_GAP} of the
 * crop's height becomes a space. Ink is what Otsu's threshold of the crop's luma separates from the
 * class that covers most of the crop's border.
 */
final class WordGaps {
  /** The smallest word gap, as a fraction of the crop height (≈ the text's ink height). */
  static final double MIN_GAP = 0.25;

  private WordGaps() {}

  /**
   * The characters with a space added in every wide blank gap; added spaces span their gap's time
   * steps and carry probability 0 (they do not enter the line confidence).
   *
   * @param stepWidth recogniser input pixels per time step
   * @param contentWidth the crop's width in the recogniser input
   */
  static List<CtcChar> withSpaces(
      List<CtcChar> chars, RgbImage crop, double stepWidth, int contentWidth) {
    if (chars.size() < 2) {
      return chars;
    }
    boolean[] inkColumn = inkColumns(crop);
    double toCrop = crop.width() / (contentWidth / stepWidth);
    int minGap = Math.max(2, (int) Math.ceil(MIN_GAP * crop.height()));
    List<CtcChar> out = new ArrayList<>(chars.size() + 4);
    out.add(chars.get(0));
    for (int i = 1; i < chars.size(); i++) {
      CtcChar a = chars.get(i - 1);
      CtcChar b = chars.get(i);
      if (!a.text().isBlank()
          && !b.text().isBlank()
          && !(ChineseText.isCjk(a.text().codePointAt(0))
              && ChineseText.isCjk(b.text().codePointAt(0)))) {
        int from = (int) Math.floor((a.firstStep() + a.lastStep() + 1) / 2.0 * toCrop);
        int to = (int) Math.ceil((b.firstStep() + b.lastStep() + 1) / 2.0 * toCrop);
        int[] gap = longestBlankRun(inkColumn, from, Math.min(to, inkColumn.length));
        if (gap[1] - gap[0] >= minGap) {
          int first = (int) Math.ceil(gap[0] / toCrop);
          int last = Math.max(first, (int) Math.floor(gap[1] / toCrop) - 1);
          first = Math.max(first, a.lastStep() + 1);
          last = Math.min(Math.max(last, first), b.firstStep() - 1);
          if (first <= last) {
            out.add(new CtcChar(" ", first, last, 0f));
          }
        }
      }
      out.add(b);
    }
    return out;
  }

  /** {@code [start, end)} of the longest run of false in {@code ink[from, to)}. */
  static int[] longestBlankRun(boolean[] ink, int from, int to) {
    int bestStart = from;
    int bestEnd = from;
    int start = -1;
    for (int x = Math.max(0, from); x <= to; x++) {
      boolean blank = x < to && !ink[x];
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

  /** Whether each column of the crop holds ink: a few pixels of the non-border Otsu class. */
  static boolean[] inkColumns(RgbImage crop) {
    int w = crop.width();
    int h = crop.height();
    int[] luma = new int[w * h];
    int[] histogram = new int[256];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v =
            Math.max(
                0,
                Math.min(
                    255,
                    Math.round(
                        0.299f * crop.get(x, y, 0)
                            + 0.587f * crop.get(x, y, 1)
                            + 0.114f * crop.get(x, y, 2))));
        luma[y * w + x] = v;
        histogram[v]++;
      }
    }
    int threshold = otsu(histogram, w * h);
    int brightBorder = 0;
    int border = 0;
    for (int x = 0; x < w; x++) {
      brightBorder += (luma[x] > threshold ? 1 : 0) + (luma[(h - 1) * w + x] > threshold ? 1 : 0);
      border += 2;
    }
    for (int y = 0; y < h; y++) {
      brightBorder += (luma[y * w] > threshold ? 1 : 0) + (luma[y * w + w - 1] > threshold ? 1 : 0);
      border += 2;
    }
    boolean inkIsDark = brightBorder * 2 >= border;
    int minInk = Math.max(2, (int) Math.round(0.06 * h));
    boolean[] ink = new boolean[w];
    for (int x = 0; x < w; x++) {
      int count = 0;
      for (int y = 0; y < h; y++) {
        boolean bright = luma[y * w + x] > threshold;
        if (bright != inkIsDark) {
          count++;
        }
      }
      ink[x] = count >= minInk;
    }
    return ink;
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
      if (below == 0) {
        continue;
      }
      long above = total - below;
      if (above == 0) {
        break;
      }
      sumBelow += (double) t * histogram[t];
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
