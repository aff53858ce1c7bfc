package io.glyphwright.core;

/**
 * A layout, or the text it was read from, breaks a rule. The message names the line (1-based, as a
 * person counts them) and says what to change.
 */
public class LayoutException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int line;

  public LayoutException(String message) {
    this(0, message);
  }

  /**
   * @param line 1-based number of the offending line, or 0 when the problem is not tied to a line
   */
  public LayoutException(int line, String message) {
    super(line > 0 ? "line " + line + ": " + message : message);
    this.line = line;
  }

  /** 1-based number of the offending line, or 0. */
  public int line() {
    return line;
  }
}
