package io.glyphwright.dataset;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.ocr.Quad;
import java.util.List;
import java.util.Objects;

/**
 * One text line of a corpus sample's {@code ocr} field.
 *
 * @param text the line's text in reading order
 * @param quad the line's quadrilateral in image pixels, corners clockwise from the top-left of the
 *     text (so a rotated line's first corner is its text's top-left, wherever that lies)
 * @param box the axis-aligned bounds of {@code quad} in image pixels, right and bottom exclusive
 * @param conf the engine's confidence, 0..1 (1 for synthetic ground truth)
 * @param chars one box per non-whitespace character of {@code text}, in order, in image pixels
 */
public record CorpusLine(String text, Quad quad, Box box, double conf, List<CharBox> chars) {
  public CorpusLine {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(quad, "quad");
    Objects.requireNonNull(box, "box");
    if (!(conf >= 0 && conf <= 1)) {
      throw new IllegalArgumentException("conf must lie in 0..1, got " + conf);
    }
    chars = List.copyOf(chars);
  }
}
