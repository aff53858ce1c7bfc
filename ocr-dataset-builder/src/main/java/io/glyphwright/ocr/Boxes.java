package io.glyphwright.ocr;

import io.glyphwright.core.Box;

/** Small operations on {@link Box} that the engines share. */
public final class Boxes {
  private Boxes() {}

  /** The part of {@code box} inside {@code frame}, kept at least one pixel wide and high. */
  public static Box clampInto(Box box, Box frame) {
    int l = Math.max(frame.left(), Math.min(frame.right() - 1, box.left()));
    int t = Math.max(frame.top(), Math.min(frame.bottom() - 1, box.top()));
    int r = Math.min(frame.right(), Math.max(l + 1, box.right()));
    int b = Math.min(frame.bottom(), Math.max(t + 1, box.bottom()));
    return new Box(l, t, r, b);
  }

  /** The smallest box holding both. */
  public static Box union(Box a, Box b) {
    return new Box(
        Math.min(a.left(), b.left()),
        Math.min(a.top(), b.top()),
        Math.max(a.right(), b.right()),
        Math.max(a.bottom(), b.bottom()));
  }
}
