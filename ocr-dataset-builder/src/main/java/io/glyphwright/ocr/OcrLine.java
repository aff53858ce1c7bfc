package io.glyphwright.ocr;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import java.util.List;
import java.util.Objects;

/**
 * One text line as an engine read it.
 *
 * @param text the line's text, words separated by single spaces (none between Chinese characters)
 * @param quad the line's quadrilateral in image pixels, clockwise from the top-left
 * @param box the line's axis-aligned bounds in image pixels (right and bottom exclusive), inside
 *     the image
 * @param confidence 0..1: for PP-OCR the mean of the per-character maximum probabilities, for
 *     Tesseract its line confidence divided by 100
 * @param chars one box per non-whitespace character of {@code text}, in order, each inside {@code
 *     box}
 * @param words the line's words, in order
 */
public record OcrLine(
    String text, Quad quad, Box box, double confidence, List<CharBox> chars, List<OcrWord> words) {
  public OcrLine {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(quad, "quad");
    Objects.requireNonNull(box, "box");
    chars = List.copyOf(chars);
    words = List.copyOf(words);
  }
}
