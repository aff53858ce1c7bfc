package io.glyphwright.ocr.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolygonOffsetTest {
  private static final List<Point> RECT =
      List.of(new Point(10, 10), new Point(110, 10), new Point(110, 30), new Point(10, 30));

  @Test
  void unclipDistanceIsAreaTimesRatioOverPerimeter() {
    // 100 × 20: area 2000, perimeter 240.
    assertEquals(2000 * 1.5 / 240, PolygonOffset.unclipDistance(RECT, 1.5), 1e-12);
  }

  @Test
  void roundOffsetAreaMatchesTheMinkowskiSum() {
    double d = 12.5;
    List<Point> grown = PolygonOffset.offsetConvex(RECT, d, 0.25);
    // Naive reference: rectangle + edge strips + a full disc at the corners.
    double exact = 100 * 20 + 2 * (100 + 20) * d + Math.PI * d * d;
    // Chords cut inside the arcs by at most the tolerance along the arcs' length.
    assertEquals(exact, Polygons.area(grown), 0.25 * 2 * Math.PI * d);
    assertEquals(exact, Polygons.area(grown), exact * 0.01);
  }

  @Test
  void roundOffsetAreaMatchesAPixelCount() {
    double d = 8;
    List<Point> grown = PolygonOffset.offsetConvex(RECT, d, 0.1);
    // Naive reference: count 0.25-px cells whose centre lies within d of the rectangle.
    double cell = 0.25;
    long inside = 0;
    for (double y = 10 - d; y < 30 + d; y += cell) {
      for (double x = 10 - d; x < 110 + d; x += cell) {
        double cx = x + cell / 2;
        double cy = y + cell / 2;
        double dx = Math.max(0, Math.max(10 - cx, cx - 110));
        double dy = Math.max(0, Math.max(10 - cy, cy - 30));
        if (dx * dx + dy * dy <= d * d) {
          inside++;
        }
      }
    }
    double counted = inside * cell * cell;
    assertEquals(counted, Polygons.area(grown), counted * 0.005);
  }

  @Test
  void minAreaRectOfTheGrownBoxIsTheBoxGrownOnEachSide() {
    double d = PolygonOffset.unclipDistance(RECT, 1.5);
    RotatedRect r = RotatedRect.minAreaRect(PolygonOffset.offsetConvex(RECT, d, 0.25));
    assertEquals((100 + 2 * d) * (20 + 2 * d), r.area(), 1e-6);
    assertEquals(20 + 2 * d, r.minSide(), 1e-9);
  }

  @Test
  void worksForEitherWinding() {
    List<Point> reversed = List.of(RECT.get(3), RECT.get(2), RECT.get(1), RECT.get(0));
    assertEquals(
        Polygons.area(PolygonOffset.offsetConvex(RECT, 5, 0.25)),
        Polygons.area(PolygonOffset.offsetConvex(reversed, 5, 0.25)),
        1e-9);
  }
}
