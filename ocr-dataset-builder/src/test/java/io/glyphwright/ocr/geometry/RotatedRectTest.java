package io.glyphwright.ocr.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RotatedRectTest {

  /** Naive reference: the smallest bounding-rectangle area over angles 0..90° in 0.01° steps. */
  private static double bruteForceMinArea(List<Point> points) {
    double best = Double.MAX_VALUE;
    for (int k = 0; k < 9000; k++) {
      double a = Math.toRadians(k / 100.0);
      double c = Math.cos(a);
      double s = Math.sin(a);
      double minU = Double.MAX_VALUE;
      double maxU = -Double.MAX_VALUE;
      double minV = Double.MAX_VALUE;
      double maxV = -Double.MAX_VALUE;
      for (Point p : points) {
        double u = p.x() * c + p.y() * s;
        double v = -p.x() * s + p.y() * c;
        minU = Math.min(minU, u);
        maxU = Math.max(maxU, u);
        minV = Math.min(minV, v);
        maxV = Math.max(maxV, v);
      }
      best = Math.min(best, (maxU - minU) * (maxV - minV));
    }
    return best;
  }

  /** True when p lies inside the convex polygon (either winding) or within eps of it. */
  private static boolean inside(List<Point> polygon, Point p, double eps) {
    int sign = 0;
    for (int i = 0; i < polygon.size(); i++) {
      Point a = polygon.get(i);
      Point b = polygon.get((i + 1) % polygon.size());
      double cross = (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
      double distance = cross / a.distance(b);
      if (Math.abs(distance) <= eps) {
        continue;
      }
      int s = distance > 0 ? 1 : -1;
      if (sign != 0 && s != sign) {
        return false;
      }
      sign = s;
    }
    return true;
  }

  @Test
  void recoversARotatedRectangleFromItsCornersAndInnerPoints() {
    RotatedRect truth = new RotatedRect(120, 80, 90, 30, Math.toRadians(17));
    List<Point> points = new ArrayList<>(truth.corners());
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      double u = random.nextDouble(-0.5, 0.5) * truth.width();
      double v = random.nextDouble(-0.5, 0.5) * truth.height();
      double c = Math.cos(truth.angle());
      double s = Math.sin(truth.angle());
      points.add(new Point(truth.cx() + u * c - v * s, truth.cy() + u * s + v * c));
    }
    RotatedRect found = RotatedRect.minAreaRect(points);
    assertEquals(truth.area(), found.area(), 1e-6);
    assertEquals(30, found.minSide(), 1e-9);
    assertEquals(120, found.cx(), 1e-9);
    assertEquals(80, found.cy(), 1e-9);
  }

  @Test
  void matchesTheBruteForceAreaOnRandomPointSets() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      List<Point> points = new ArrayList<>();
      int n = random.nextInt(3, 40);
      for (int i = 0; i < n; i++) {
        points.add(new Point(random.nextDouble(0, 100), random.nextDouble(0, 40)));
      }
      RotatedRect found = RotatedRect.minAreaRect(points);
      double reference = bruteForceMinArea(points);
      assertTrue(found.area() <= reference + 1e-6, "calipers never worse than the search");
      assertEquals(reference, found.area(), reference * 1e-3, "and within the search's step");
      for (Point p : points) {
        assertTrue(inside(found.orderedCorners(), p, 1e-6), "every point inside");
      }
    }
  }

  @Test
  void ordersCornersClockwiseFromTheTopLeft() {
    RotatedRect rect =
        RotatedRect.minAreaRect(
            List.of(new Point(10, 20), new Point(50, 20), new Point(50, 30), new Point(10, 30)));
    assertEquals(
        List.of(new Point(10, 20), new Point(50, 20), new Point(50, 30), new Point(10, 30)),
        rect.orderedCorners().stream()
            .map(p -> new Point(Math.round(p.x()), Math.round(p.y())))
            .toList());
  }

  @Test
  void hullDropsInnerAndCollinearPoints() {
    List<Point> hull =
        Polygons.convexHull(
            List.of(
                new Point(0, 0),
                new Point(2, 0),
                new Point(4, 0),
                new Point(4, 4),
                new Point(0, 4),
                new Point(2, 2),
                new Point(2, 2)));
    assertEquals(4, hull.size());
    assertEquals(16, Polygons.area(hull), 1e-12);
    assertEquals(16, Polygons.perimeter(hull), 1e-12);
  }
}
