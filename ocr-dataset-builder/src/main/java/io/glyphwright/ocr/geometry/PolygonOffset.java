package io.glyphwright.ocr.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * Grows a convex polygon outwards by a distance with round corners, as Clipper's {@code JT_ROUND}
 * offset does: each edge moves out along its normal, and each corner becomes a circular arc.
 */
public final class PolygonOffset {
  private PolygonOffset() {}

  /**
   * The PP-OCR "unclip" distance for a detected text kernel: {@code area * ratio / perimeter}. The
   * detector was trained on text regions shrunk by this offset, so growing by it restores them.
   */
  public static double unclipDistance(List<Point> polygon, double ratio) {
    double perimeter = Polygons.perimeter(polygon);
    return perimeter == 0 ? 0 : Polygons.area(polygon) * ratio / perimeter;
  }

  /**
   * The round offset of a convex polygon.
   *
   * @param polygon a convex polygon, either winding
   * @param distance the offset, at least 0
   * @param arcTolerance the largest distance between an arc and its chords (Clipper's default is
   *     0.25 px)
   */
  public static List<Point> offsetConvex(
      List<Point> polygon, double distance, double arcTolerance) {
    List<Point> hull = Polygons.convexHull(polygon);
    if (distance <= 0 || hull.isEmpty()) {
      return hull;
    }
    double step = 2 * Math.acos(Math.max(-1, 1 - Math.min(arcTolerance, distance) / distance));
    List<Point> out = new ArrayList<>();
    int n = hull.size();
    if (n == 1) {
      addArc(out, hull.get(0), 0, 2 * Math.PI, distance, step);
      return out;
    }
    // The hull runs counter-clockwise in a y-up frame, so the outward normal of edge a->b is
    // (dy, -dx) normalised.
    for (int i = 0; i < n; i++) {
      Point prev = hull.get((i + n - 1) % n);
      Point p = hull.get(i);
      Point next = hull.get((i + 1) % n);
      double inAngle = normalAngle(prev, p);
      double outAngle = normalAngle(p, next);
      double sweep = outAngle - inAngle;
      while (sweep < 0) {
        sweep += 2 * Math.PI;
      }
      addArc(out, p, inAngle, sweep, distance, step);
    }
    return out;
  }

  private static double normalAngle(Point a, Point b) {
    return Math.atan2(-(b.x() - a.x()), b.y() - a.y());
  }

  private static void addArc(
      List<Point> out, Point centre, double from, double sweep, double r, double step) {
    int segments = Math.max(1, (int) Math.ceil(sweep / step));
    for (int s = 0; s <= segments; s++) {
      double a = from + sweep * s / segments;
      out.add(new Point(centre.x() + r * Math.cos(a), centre.y() + r * Math.sin(a)));
    }
  }
}
