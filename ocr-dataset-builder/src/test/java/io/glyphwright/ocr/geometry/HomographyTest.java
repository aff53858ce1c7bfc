package io.glyphwright.ocr.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HomographyTest {
  private static final List<Point> SQUARE =
      List.of(new Point(0, 0), new Point(100, 0), new Point(100, 40), new Point(0, 40));
  private static final List<Point> QUAD =
      List.of(new Point(12, 30), new Point(140, 18), new Point(150, 70), new Point(8, 66));

  @Test
  void mapsTheFourCornersExactly() {
    Homography h = Homography.mapping(SQUARE, QUAD);
    for (int i = 0; i < 4; i++) {
      Point p = h.apply(SQUARE.get(i));
      assertEquals(QUAD.get(i).x(), p.x(), 1e-9);
      assertEquals(QUAD.get(i).y(), p.y(), 1e-9);
    }
  }

  @Test
  void inverseUndoesIt() {
    Homography h = Homography.mapping(SQUARE, QUAD);
    Homography round = h.inverse().after(h);
    Point p = round.apply(37.5, 12.25);
    assertEquals(37.5, p.x(), 1e-9);
    assertEquals(12.25, p.y(), 1e-9);
  }

  @Test
  void refusesCollinearCorners() {
    List<Point> line = List.of(new Point(0, 0), new Point(1, 0), new Point(2, 0), new Point(3, 0));
    assertThrows(IllegalArgumentException.class, () -> Homography.mapping(SQUARE, line));
  }
}
