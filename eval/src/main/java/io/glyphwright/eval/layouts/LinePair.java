package io.glyphwright.eval.layouts;

import io.glyphwright.core.Box;
import java.util.Objects;

/**
 * A ground-truth line and the planned line with the same text, if any.
 *
 * @param text the ground-truth text
 * @param truth its box on the grid
 * @param planned the planned box on the grid; null when no planned line has this text
 * @param iou intersection over union of the two boxes; 0 when unmatched
 */
public record LinePair(String text, Box truth, Box planned, double iou) {
  public LinePair {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(truth, "truth");
  }

  public boolean matched() {
    return planned != null;
  }
}
