package io.glyphwright.glyph;

/** Measures how text will look when rendered, from real font outlines. */
public interface TextMeasurer {
  /**
   * Ink width divided by ink height of {@code text} set horizontally on one line in the face that
   * {@code font} resolves to ({@code "auto"} picks by script), with per-character fallback.
   * Planners use it to give each line a box of the right shape.
   *
   * @throws UnknownFontException when {@code font} names no installed face
   */
  double inkAspect(String text, String font);
}
