package io.glyphwright.glyph;

import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;

/**
 * Exact ink bounds of an outline. Java 17's {@code Path2D.getBounds2D()} includes Bézier control
 * points, which lie outside the ink wherever a curve bulges less than its hull; this walks the path
 * and adds only on-curve points and the true extrema of each quadratic and cubic segment.
 */
final class OutlineBounds {
  private OutlineBounds() {}

  /** The tight bounds of {@code shape}, or null when it has no segments. */
  static Rectangle2D of(Shape shape) {
    Acc acc = new Acc();
    double[] c = new double[6];
    double x0 = 0;
    double y0 = 0;
    double startX = 0;
    double startY = 0;
    for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
      switch (it.currentSegment(c)) {
        case PathIterator.SEG_MOVETO -> {
          x0 = startX = c[0];
          y0 = startY = c[1];
        }
        case PathIterator.SEG_LINETO -> {
          acc.add(x0, y0);
          acc.add(c[0], c[1]);
          x0 = c[0];
          y0 = c[1];
        }
        case PathIterator.SEG_QUADTO -> {
          acc.add(x0, y0);
          acc.add(c[2], c[3]);
          quadExtrema(acc, x0, y0, c[0], c[1], c[2], c[3]);
          x0 = c[2];
          y0 = c[3];
        }
        case PathIterator.SEG_CUBICTO -> {
          acc.add(x0, y0);
          acc.add(c[4], c[5]);
          cubicExtrema(acc, x0, y0, c[0], c[1], c[2], c[3], c[4], c[5]);
          x0 = c[4];
          y0 = c[5];
        }
        case PathIterator.SEG_CLOSE -> {
          x0 = startX;
          y0 = startY;
        }
        default -> throw new IllegalStateException("unknown path segment");
      }
    }
    return acc.empty
        ? null
        : new Rectangle2D.Double(acc.minX, acc.minY, acc.maxX - acc.minX, acc.maxY - acc.minY);
  }

  private static void quadExtrema(
      Acc acc, double x0, double y0, double x1, double y1, double x2, double y2) {
    // B'(t) = 0 at t = (p0 - p1) / (p0 - 2 p1 + p2)
    for (int axis = 0; axis < 2; axis++) {
      double p0 = axis == 0 ? x0 : y0;
      double p1 = axis == 0 ? x1 : y1;
      double p2 = axis == 0 ? x2 : y2;
      double den = p0 - 2 * p1 + p2;
      if (den != 0) {
        double t = (p0 - p1) / den;
        if (t > 0 && t < 1) {
          double u = 1 - t;
          acc.add(
              u * u * x0 + 2 * u * t * x1 + t * t * x2, u * u * y0 + 2 * u * t * y1 + t * t * y2);
        }
      }
    }
  }

  private static void cubicExtrema(
      Acc acc,
      double x0,
      double y0,
      double x1,
      double y1,
      double x2,
      double y2,
      double x3,
      double y3) {
    for (int axis = 0; axis < 2; axis++) {
      double p0 = axis == 0 ? x0 : y0;
      double p1 = axis == 0 ? x1 : y1;
      double p2 = axis == 0 ? x2 : y2;
      double p3 = axis == 0 ? x3 : y3;
      // B'(t)/3 = a t^2 + b t + c
      double a = -p0 + 3 * p1 - 3 * p2 + p3;
      double b = 2 * (p0 - 2 * p1 + p2);
      double c = p1 - p0;
      if (Math.abs(a) < 1e-12) {
        if (b != 0) {
          addCubicPoint(acc, -c / b, x0, y0, x1, y1, x2, y2, x3, y3);
        }
        continue;
      }
      double disc = b * b - 4 * a * c;
      if (disc < 0) {
        continue;
      }
      double sq = Math.sqrt(disc);
      addCubicPoint(acc, (-b + sq) / (2 * a), x0, y0, x1, y1, x2, y2, x3, y3);
      addCubicPoint(acc, (-b - sq) / (2 * a), x0, y0, x1, y1, x2, y2, x3, y3);
    }
  }

  private static void addCubicPoint(
      Acc acc,
      double t,
      double x0,
      double y0,
      double x1,
      double y1,
      double x2,
      double y2,
      double x3,
      double y3) {
    if (!(t > 0 && t < 1)) {
      return;
    }
    double u = 1 - t;
    double b0 = u * u * u;
    double b1 = 3 * u * u * t;
    double b2 = 3 * u * t * t;
    double b3 = t * t * t;
    acc.add(b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3, b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3);
  }

  private static final class Acc {
    boolean empty = true;
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;

    void add(double x, double y) {
      empty = false;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
}
