package io.glyphwright.core;

import java.util.List;

/**
 * An axis-aligned integer rectangle: {@code left}, {@code top} inclusive and {@code right}, {@code
 * bottom} exclusive. A line's box is in grid units (0..grid); a character's box is in canvas
 * pixels. The record itself accepts any coordinates, so that a planner's raw output can be held and
 * repaired; {@link LayoutRules} says whether a box is valid for a layout.
 */
public record Box(int left, int top, int right, int bottom) {

  /** Builds a box from a four-element {@code [l, t, r, b]} list. */
  public static Box of(List<Integer> ltrb) {
    if (ltrb.size() != 4) {
      throw new IllegalArgumentException("a box has four numbers l,t,r,b; got " + ltrb.size());
    }
    return new Box(ltrb.get(0), ltrb.get(1), ltrb.get(2), ltrb.get(3));
  }

  public int width() {
    return right - left;
  }

  public int height() {
    return bottom - top;
  }

  /** Area, or 0 for an empty or inverted box. */
  public long area() {
    return isEmpty() ? 0 : (long) width() * height();
  }

  public boolean isEmpty() {
    return right <= left || bottom <= top;
  }

  /** The overlap of two boxes; empty (possibly inverted) when they do not overlap. */
  public Box intersection(Box other) {
    return new Box(
        Math.max(left, other.left),
        Math.max(top, other.top),
        Math.min(right, other.right),
        Math.min(bottom, other.bottom));
  }

  public boolean intersects(Box other) {
    return !intersection(other).isEmpty();
  }

  /** True when {@code other} lies entirely inside this box. */
  public boolean contains(Box other) {
    return other.left >= left && other.top >= top && other.right <= right && other.bottom <= bottom;
  }

  /** Intersection over union, 0 when either box is empty. */
  public double iou(Box other) {
    long inter = intersection(other).area();
    long union = area() + other.area() - inter;
    return union <= 0 ? 0.0 : (double) inter / union;
  }

  public List<Integer> toList() {
    return List.of(left, top, right, bottom);
  }

  /** The TD2 form {@code l,t,r,b}. */
  @Override
  public String toString() {
    return left + "," + top + "," + right + "," + bottom;
  }
}
