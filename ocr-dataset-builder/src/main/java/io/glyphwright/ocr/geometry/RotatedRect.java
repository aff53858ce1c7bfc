package io.glyphwright.ocr.geometry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rectangle of any orientation: centre, side lengths and the angle of its {@code width} side.
 *
 * @param angle radians, the direction of the width side measured from the x axis
 */
public record RotatedRect(double cx, double cy, double width, double height, double angle) {

  /** The shorter side. */
  public double minSide() {
    return Math.min(width, height);
  }

  public double area() {
    return width * height;
  }

  /** The four corners in no particular order. */
  public List<Point> corners() {
    double ux = Math.cos(angle) * width / 2;
    double uy = Math.sin(angle) * width / 2;
    double vx = -Math.sin(angle) * height / 2;
    double vy = Math.cos(angle) * height / 2;
    return List.of(
        new Point(cx - ux - vx, cy - uy - vy),
        new Point(cx + ux - vx, cy + uy - vy),
        new Point(cx + ux + vx, cy + uy + vy),
        new Point(cx - ux + vx, cy - uy + vy));
  }

  /**
   * The corners ordered top-left, top-right, bottom-right, bottom-left on screen (y down), as
   * PP-OCR's {@code get_mini_boxes} orders them: the two leftmost points give the top-left (the
   * upper one) and the bottom-left, the two rightmost the top-right and the bottom-right.
   */
  public List<Point> orderedCorners() {
    List<Point> p = new ArrayList<>(corners());
    p.sort(Comparator.comparingDouble(Point::x));
    Point tl;
    Point bl;
    if (p.get(1).y() > p.get(0).y()) {
      tl = p.get(0);
      bl = p.get(1);
    } else {
      tl = p.get(1);
      bl = p.get(0);
    }
    Point tr;
    Point br;
    if (p.get(3).y() > p.get(2).y()) {
      tr = p.get(2);
      br = p.get(3);
    } else {
      tr = p.get(3);
      br = p.get(2);
    }
    return List.of(tl, tr, br, bl);
  }

  /**
   * The minimum-area enclosing rectangle of a point set, by rotating calipers: one side of the
   * optimum lies along an edge of the convex hull, so each hull edge direction is tried.
   *
   * @throws IllegalArgumentException for an empty point set
   */
  public static RotatedRect minAreaRect(List<Point> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("no points");
    }
    List<Point> hull = Polygons.convexHull(points);
    if (hull.size() == 1) {
      return new RotatedRect(hull.get(0).x(), hull.get(0).y(), 0, 0, 0);
    }
    RotatedRect best = null;
    int n = hull.size();
    for (int i = 0; i < n; i++) {
      Point a = hull.get(i);
      Point b = hull.get((i + 1) % n);
      double len = a.distance(b);
      if (len == 0) {
        continue;
      }
      double ux = (b.x() - a.x()) / len;
      double uy = (b.y() - a.y()) / len;
      double minU = Double.POSITIVE_INFINITY;
      double maxU = Double.NEGATIVE_INFINITY;
      double minV = Double.POSITIVE_INFINITY;
      double maxV = Double.NEGATIVE_INFINITY;
      for (Point p : hull) {
        double u = p.x() * ux + p.y() * uy;
        double v = -p.x() * uy + p.y() * ux;
        minU = Math.min(minU, u);
        maxU = Math.max(maxU, u);
        minV = Math.min(minV, v);
        maxV = Math.max(maxV, v);
      }
      double w = maxU - minU;
      double h = maxV - minV;
      if (best == null || w * h < best.area()) {
        double cu = (minU + maxU) / 2;
        double cv = (minV + maxV) / 2;
        best = new RotatedRect(cu * ux - cv * uy, cu * uy + cv * ux, w, h, Math.atan2(uy, ux));
      }
    }
    return best;
  }
}
