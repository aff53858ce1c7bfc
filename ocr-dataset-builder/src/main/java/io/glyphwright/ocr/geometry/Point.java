package io.glyphwright.ocr.geometry;

/** A point in continuous image coordinates (pixel centres at integer coordinates). */
public record Point(double x, double y) {

  public Point minus(Point o) {
    return new Point(x - o.x, y - o.y);
  }

  public double distance(Point o) {
    return Math.hypot(x - o.x, y - o.y);
  }

  /** The z-component of the cross product of (a - this) and (b - this). */
  double cross(Point a, Point b) {
    return (a.x - x) * (b.y - y) - (a.y - y) * (b.x - x);
  }
}
