package io.glyphwright.glyph;

/** A layout names a face that is not installed, or a character no installed face can draw. */
public class UnknownFontException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UnknownFontException(String message) {
    super(message);
  }
}
