package io.glyphwright.core;

import java.util.List;
import java.util.Objects;

/**
 * Where each line of text goes on a canvas. Line boxes are on a {@code grid}×{@code grid} lattice
 * laid over the canvas (128 in TextDiffuser-2's planner format), whatever the canvas's aspect
 * ratio.
 */
public record Layout(int width, int height, int grid, List<TextLine> lines) {
  public static final int DEFAULT_GRID = 128;

  public Layout {
    new Canvas(width, height);
    if (grid < 1) {
      throw new LayoutException("grid must be a positive number of cells, got " + grid);
    }
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
  }

  public Layout(Canvas canvas, List<TextLine> lines) {
    this(canvas.width(), canvas.height(), DEFAULT_GRID, lines);
  }

  public Canvas canvas() {
    return new Canvas(width, height);
  }

  public Layout withLines(List<TextLine> newLines) {
    return new Layout(width, height, grid, newLines);
  }

  /**
   * A grid box in canvas pixels, rounded inwards (left/top up, right/bottom down) so that every
   * pixel of the result lies inside the box the grid coordinates describe.
   */
  public Box toPixels(Box gridBox) {
    return new Box(
        -Math.floorDiv(-gridBox.left() * width, grid),
        -Math.floorDiv(-gridBox.top() * height, grid),
        Math.floorDiv(gridBox.right() * width, grid),
        Math.floorDiv(gridBox.bottom() * height, grid));
  }
}
