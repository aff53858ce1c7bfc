package io.glyphwright.core;

/**
 * Configured bounds on what a layout may hold.
 *
 * @param maxLines most lines in one layout
 * @param maxTextLength most characters (code points) in one line
 */
public record LayoutLimits(int maxLines, int maxTextLength) {
  public static final LayoutLimits DEFAULT = new LayoutLimits(16, 80);

  public LayoutLimits {
    if (maxLines < 1 || maxTextLength < 1) {
      throw new IllegalArgumentException("layout limits must be positive");
    }
  }
}
