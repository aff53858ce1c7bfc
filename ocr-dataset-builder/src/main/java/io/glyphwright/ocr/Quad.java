package io.glyphwright.ocr;

import io.glyphwright.core.Box;
import java.util.List;

/**
 * A quadrilateral in image pixels, corners clockwise from the top-left: (x1,y1) top-left, (x2,y2)
 * top-right, (x3,y3) bottom-right, (x4,y4) bottom-left, as in the corpus's {@code quad} field.
 */
public record Quad(int x1, int y1, int x2, int y2, int x3, int y3, int x4, int y4) {

  /** Builds a quad from an eight-element {@code [x1,y1,...,x4,y4]} list. */
  public static Quad of(List<Integer> xy) {
    if (xy.size() != 8) {
      throw new IllegalArgumentException("a quad has eight numbers x1,y1..x4,y4; got " + xy.size());
    }
    return new Quad(
        xy.get(0), xy.get(1), xy.get(2), xy.get(3), xy.get(4), xy.get(5), xy.get(6), xy.get(7));
  }

  /** The axis-aligned quad of a box (right and bottom exclusive, so the corners are r-1, b-1). */
  public static Quad of(Box box) {
    int r = box.right() - 1;
    int b = box.bottom() - 1;
    return new Quad(box.left(), box.top(), r, box.top(), r, b, box.left(), b);
  }

  /** The smallest box holding the four corners (right and bottom exclusive). */
  public Box bounds() {
    int l = Math.min(Math.min(x1, x2), Math.min(x3, x4));
    int t = Math.min(Math.min(y1, y2), Math.min(y3, y4));
    int r = Math.max(Math.max(x1, x2), Math.max(x3, x4));
    int b = Math.max(Math.max(y1, y2), Math.max(y3, y4));
    return new Box(l, t, r + 1, b + 1);
  }

  public List<Integer> toList() {
    return List.of(x1, y1, x2, y2, x3, y3, x4, y4);
  }
}
