package io.glyphwright.layout;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.TextMeasurer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The heuristic's placement rules: texts stacked top to bottom in the order given, the first as the
 * headline, each box shaped to its text's ink so the glyphs fill it, the group centred inside the
 * margins. {@link HeuristicPlanner} lays out whole prompts with it; {@link LayoutValidator} uses it
 * to size texts it must add and as its last resort.
 *
 * <p>Sizes are solved in pixels (grid cells are not square on a canvas that is not square) and then
 * rounded to whole cells:
 *
 * <ul>
 *   <li>the headline is as tall as fits, at most {@value #HEADLINE_MAX} of the canvas's shorter
 *       side, and no wider than the area inside the margins;
 *   <li>the second line is {@code 0.55}, later lines {@code 0.45} of the headline's height, but at
 *       least {@value #MIN_SECONDARY} of the shorter side (never above {@code 0.8} × the headline),
 *       and a line too long for that height gets the full width at a smaller height — a requested
 *       text is never split over lines;
 *   <li>the gap between two lines is {@value #GAP} × the smaller of the two heights;
 *   <li>the largest headline height for which everything fits the height inside the margins wins.
 * </ul>
 */
final class TypographicStack {
  /** Margin on each side, as a fraction of that side (rounded up to whole cells). */
  static final double MARGIN = 0.08;

  /** Tallest headline, as a fraction of the canvas's shorter side. */
  static final double HEADLINE_MAX = 0.25;

  /** Shortest secondary line, as a fraction of the canvas's shorter side. */
  static final double MIN_SECONDARY = 0.05;

  /** Gap between lines, as a fraction of the smaller of the two line heights. */
  static final double GAP = 0.4;

  private static final double SECOND_SCALE = 0.55;
  private static final double LATER_SCALE = 0.45;
  private static final double SECONDARY_MAX = 0.8;

  /**
   * Narrowest pixel aspect given to a text with CJK characters: the renderer sets CJK text top to
   * bottom in a box 1.5 × as tall as wide, so a horizontal line must stay clear of that.
   */
  private static final double MIN_CJK_ASPECT = 0.75;

  private final TextMeasurer measurer;

  TypographicStack(TextMeasurer measurer) {
    this.measurer = Objects.requireNonNull(measurer, "measurer");
  }

  /** The boxes for {@code texts} in order, and notes on texts whose shape had to be estimated. */
  record Stacked(List<Box> boxes, List<String> notes) {}

  /**
   * Stacks the texts on the grid.
   *
   * @throws IllegalArgumentException when there are more texts than grid rows
   */
  Stacked stack(List<String> texts, Canvas canvas, int grid) {
    int n = texts.size();
    if (n > grid) {
      throw new IllegalArgumentException(
          "cannot stack " + n + " lines on a grid of " + grid + " rows");
    }
    List<String> notes = new ArrayList<>();
    double[] aspect = new double[n];
    for (int i = 0; i < n; i++) {
      aspect[i] = aspect(texts.get(i), notes);
    }
    double w = canvas.width();
    double h = canvas.height();
    int margin = (int) Math.ceil(MARGIN * grid);
    int safeW = grid - 2 * margin;
    int safeH = grid - 2 * margin;
    double safeWpx = safeW * w / grid;
    double safeHpx = safeH * h / grid;
    double shorter = Math.min(w, h);

    // Largest headline height u (pixels) for which the whole stack fits the safe height.
    double lo = 0;
    double hi = HEADLINE_MAX * shorter;
    if (fits(heights(hi, aspect, safeWpx, shorter), safeHpx)) {
      lo = hi;
    } else {
      for (int it = 0; it < 60; it++) {
        double mid = (lo + hi) / 2;
        if (fits(heights(mid, aspect, safeWpx, shorter), safeHpx)) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
    }
    double[] px = heights(lo, aspect, safeWpx, shorter);

    // To whole cells: heights rounded, widths from each text's aspect at that height.
    double cellW = w / grid;
    double cellH = h / grid;
    int[] hg = new int[n];
    int[] wg = new int[n];
    int[] gap = new int[Math.max(0, n - 1)];
    boolean[] fullWidth = new boolean[n];
    for (int i = 0; i < n; i++) {
      hg[i] = Math.max(1, (int) Math.round(px[i] / cellH));
      // A line held back by the width spans the whole safe width; its height is rounded instead.
      fullWidth[i] = px[i] >= safeWpx / aspect[i] * (1 - 1e-9);
      if (fullWidth[i]) {
        hg[i] = Math.max(1, (int) Math.round(safeW / (aspect[i] * cellH / cellW)));
      }
    }
    for (int i = 0; i + 1 < n; i++) {
      gap[i] = Math.max(1, (int) Math.round(GAP * Math.min(px[i], px[i + 1]) / cellH));
    }
    int rows = n > safeH ? grid : safeH;
    int top0 = n > safeH ? 0 : margin;
    shrinkToFit(hg, gap, rows);
    for (int i = 0; i < n; i++) {
      double gridAspect = aspect[i] * cellH / cellW;
      int fullWidthHeight = Math.max(1, (int) Math.round(safeW / gridAspect));
      if (fullWidth[i] && hg[i] == fullWidthHeight) {
        wg[i] = safeW;
        continue;
      }
      if (gridAspect * hg[i] > safeW) {
        hg[i] = Math.max(1, (int) Math.floor(safeW / gridAspect));
      }
      wg[i] = Math.max(1, Math.min(safeW, (int) Math.round(gridAspect * hg[i])));
    }
    int total = sum(hg) + sum(gap);
    int y = top0 + (rows - total) / 2;
    List<Box> boxes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int left = margin + (safeW - wg[i]) / 2;
      boxes.add(new Box(left, y, left + wg[i], y + hg[i]));
      y += hg[i] + (i < gap.length ? gap[i] : 0);
    }
    return new Stacked(boxes, notes);
  }

  /**
   * Grid width and height for {@code text} at the size the stack would give a secondary line on
   * this canvas, for texts the validator adds.
   */
  Box secondarySize(String text, Canvas canvas, int grid, List<String> notes) {
    double aspect = aspect(text, notes);
    double shorter = Math.min(canvas.width(), canvas.height());
    int margin = (int) Math.ceil(MARGIN * grid);
    int safeW = grid - 2 * margin;
    double cellW = (double) canvas.width() / grid;
    double cellH = (double) canvas.height() / grid;
    double gridAspect = aspect * cellH / cellW;
    int hg = Math.max(1, (int) Math.round(SECOND_SCALE * HEADLINE_MAX * shorter / cellH));
    if (gridAspect * hg > safeW) {
      hg = Math.max(1, (int) Math.floor(safeW / gridAspect));
    }
    int wg = Math.max(1, Math.min(safeW, (int) Math.round(gridAspect * hg)));
    return new Box(0, 0, wg, hg);
  }

  /**
   * Ink width over ink height in pixels, from the measurer. When no installed font draws the text,
   * or it has no ink, the shape is estimated from its characters (full-width ones count 1, others
   * 0.55) and a note says so.
   */
  double aspect(String text, List<String> notes) {
    double a;
    try {
      a = measurer.inkAspect(text, TextLine.AUTO_FONT);
    } catch (IllegalArgumentException e) {
      a = Double.NaN;
      notes.add(
          "'"
              + RequestedTexts.preview(text)
              + "' could not be measured ("
              + e.getMessage()
              + "); its box shape is estimated from its characters");
    }
    if (!Double.isFinite(a) || a <= 0) {
      a = estimatedAspect(text);
    }
    if (text.codePoints().anyMatch(RequestedTexts::isCjk)) {
      a = Math.max(a, MIN_CJK_ASPECT);
    }
    return a;
  }

  private static double estimatedAspect(String text) {
    double width =
        text.codePoints()
            .mapToDouble(cp -> RequestedTexts.isCjk(cp) || Character.isIdeographic(cp) ? 1.0 : 0.55)
            .sum();
    return Math.max(0.3, width);
  }

  /** Pixel heights of the lines for headline height {@code u}. */
  private static double[] heights(double u, double[] aspect, double safeWpx, double shorter) {
    int n = aspect.length;
    double[] h = new double[n];
    if (n == 0) {
      return h;
    }
    h[0] = Math.min(u, safeWpx / aspect[0]);
    for (int i = 1; i < n; i++) {
      double target = (i == 1 ? SECOND_SCALE : LATER_SCALE) * h[0];
      double floor = Math.min(SECONDARY_MAX * h[0], MIN_SECONDARY * shorter);
      h[i] = Math.min(safeWpx / aspect[i], Math.max(target, floor));
    }
    return h;
  }

  private static boolean fits(double[] heights, double safeHpx) {
    double total = 0;
    for (int i = 0; i < heights.length; i++) {
      total += heights[i];
      if (i + 1 < heights.length) {
        total += GAP * Math.min(heights[i], heights[i + 1]);
      }
    }
    return total <= safeHpx;
  }

  /** Takes cells from the gaps, then from the tallest lines, until the stack fits {@code rows}. */
  private static void shrinkToFit(int[] hg, int[] gap, int rows) {
    while (sum(hg) + sum(gap) > rows) {
      int widest = -1;
      for (int i = 0; i < gap.length; i++) {
        if (gap[i] > 0 && (widest < 0 || gap[i] > gap[widest])) {
          widest = i;
        }
      }
      int tallest = 0;
      for (int i = 1; i < hg.length; i++) {
        // Ties go to the later line, so the headline is the last to give up a cell.
        if (hg[i] >= hg[tallest]) {
          tallest = i;
        }
      }
      if (widest >= 0 && (gap[widest] > 1 || hg[tallest] <= 1)) {
        gap[widest]--;
      } else if (hg[tallest] > 1) {
        hg[tallest]--;
      } else {
        throw new IllegalStateException("lines of one cell and no gaps exceed " + rows + " rows");
      }
    }
  }

  private static int sum(int[] values) {
    int s = 0;
    for (int v : values) {
      s += v;
    }
    return s;
  }
}
