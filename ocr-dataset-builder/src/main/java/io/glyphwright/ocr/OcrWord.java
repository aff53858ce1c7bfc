package io.glyphwright.ocr;

import io.glyphwright.core.Box;
import java.util.Objects;

/**
 * One word of a line: a run of characters without whitespace (a Chinese engine may put several
 * characters in one word).
 *
 * @param text the word, never blank
 * @param box its bounds in image pixels
 * @param confidence 0..1
 */
public record OcrWord(String text, Box box, double confidence) {
  public OcrWord {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(box, "box");
  }
}
