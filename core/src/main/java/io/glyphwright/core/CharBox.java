package io.glyphwright.core;

import java.util.Objects;

/**
 * One rendered character and its ink box in canvas pixels, as measured by the glyph renderer from
 * the font's outlines.
 *
 * @param c the character: exactly one Unicode code point
 * @param box ink bounds in pixels of the canvas
 */
public record CharBox(String c, Box box) {
  public CharBox {
    Objects.requireNonNull(c, "c");
    Objects.requireNonNull(box, "box");
    if (c.codePointCount(0, c.length()) != 1) {
      throw new IllegalArgumentException(
          "a character box holds exactly one character, got '" + c + "'");
    }
  }
}
