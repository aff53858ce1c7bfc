package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.ppocr.CtcAlignment.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits the CTC character spans of a line crop to its ink. CTC places each character near the middle
 * of its glyph but says nothing exact about where one glyph ends; the ink does. Each border between
 * neighbours moves into the ink-free column run nearest to it (when there is one between the two
 * characters' centres), and each character's box then shrinks to the ink inside its columns. Where
 * glyphs touch, or the crop is too noisy to show gaps, the CTC borders stay.
 */
final class GlyphBoxes {
  private GlyphBoxes() {}

  /**
   * @param spans character spans in crop pixels, in order
   * @return one {@code [left, top, right, bottom)} box per span, in crop pixels
   */
  static List<double[]> fit(List<Span> spans, InkMask ink) {
    int n = spans.size();
    double[] left = new double[n];
    double[] right = new double[n];
    for (int i = 0; i < n; i++) {
      left[i] = spans.get(i).left();
      right[i] = spans.get(i).right();
    }
    for (int i = 0; i + 1 < n; i++) {
      double centreA = (left[i] + right[i]) / 2;
      double centreB = (left[i + 1] + right[i + 1]) / 2;
      int[] run = nearestBlankRun(ink, centreA, centreB, right[i], left[i + 1]);
      if (run != null) {
        right[i] = Math.max(left[i] + 1, run[0]);
        left[i + 1] = Math.min(right[i + 1] - 1, run[1]);
      }
    }
    List<double[]> boxes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int[] bounds = ink.inkBounds((int) Math.floor(left[i]), (int) Math.ceil(right[i]));
      boxes.add(
          bounds == null
              ? new double[] {left[i], 0, right[i], ink.height()}
              : new double[] {bounds[0], bounds[1], bounds[2], bounds[3]});
    }
    return boxes;
  }

  /**
   * The ink-free column run between two centres that lies nearest to the border {@code [gapLeft,
   * gapRight]}; null when there is none.
   */
  private static int[] nearestBlankRun(
      InkMask ink, double centreA, double centreB, double gapLeft, double gapRight) {
    int from = (int) Math.ceil(centreA);
    int to = (int) Math.floor(centreB);
    int[] best = null;
    double bestDistance = Double.MAX_VALUE;
    int start = -1;
    for (int x = Math.max(0, from); x <= Math.min(ink.width(), to); x++) {
      boolean blank = x < Math.min(ink.width(), to) && !ink.inkColumn(x);
      if (blank && start < 0) {
        start = x;
      } else if (!blank && start >= 0) {
        double distance = Math.max(0, Math.max(start - gapRight, gapLeft - x));
        if (distance < bestDistance) {
          bestDistance = distance;
          best = new int[] {start, x};
        }
        start = -1;
      }
    }
    return best;
  }
}
