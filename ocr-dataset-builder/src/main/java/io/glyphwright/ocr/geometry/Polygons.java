package io.glyphwright.ocr.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Area, perimeter and convex hull of simple polygons given as vertex lists. */
public final class Polygons {
  private Polygons() {}

  /** The area by the shoelace formula (absolute value, so either winding works). */
  public static double area(List<Point> polygon) {
    double twice = 0;
    int n = polygon.size();
    for (int i = 0; i < n; i++) {
      Point a = polygon.get(i);
      Point b = polygon.get((i + 1) % n);
      twice += a.x() * b.y() - b.x() * a.y();
    }
    return Math.abs(twice) / 2;
  }

  /** The length of the closed outline. */
  public static double perimeter(List<Point> polygon) {
    double length = 0;
    int n = polygon.size();
    for (int i = 0; i < n; i++) {
      length += polygon.get(i).distance(polygon.get((i + 1) % n));
    }
    return length;
  }

  /**
   * The convex hull by Andrew's monotone chain, counter-clockwise in a y-up frame (clockwise on
   * screen), without collinear points. Fewer than three distinct points come back as they are,
   * deduplicated.
   */
  public static List<Point> convexHull(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Point::x).thenComparingDouble(Point::y));
    List<Point> unique = new ArrayList<>();
    for (Point p : sorted) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).equals(p)) {
        unique.add(p);
      }
    }
    if (unique.size() < 3) {
      return unique;
    }
    Point[] hull = new Point[2 * unique.size()];
    int k = 0;
    for (Point p : unique) {
      while (k >= 2 && hull[k - 2].cross(hull[k - 1], p) <= 0) {
        k--;
      }
      hull[k++] = p;
    }
    for (int i = unique.size() - 2, lower = k + 1; i >= 0; i--) {
      Point p = unique.get(i);
      while (k >= lower && hull[k - 2].cross(hull[k - 1], p) <= 0) {
        k--;
      }
      hull[k++] = p;
    }
    return List.of(Arrays.copyOf(hull, k - 1));
  }
}
