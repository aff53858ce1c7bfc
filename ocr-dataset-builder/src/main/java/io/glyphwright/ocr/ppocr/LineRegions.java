package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.geometry.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the detector's regions into the regions the recogniser reads.
 *
 * <p>Two corrections, both measured on rendered posters (docs/OCR.md): the detector splits a line
 * of large type at a wide word gap ({@code IRON} + {@code TIDE}), and its grown boxes sit on the
 * ink, so capitals touch the crop's edge and are misread ({@code F} as {@code E}). Regions on one
 * row with a gap under a line height are therefore joined, and each region is padded before it is
 * cut out.
 */
final class LineRegions {
  /** Regions whose top edge is tilted more than this (radians) are never joined. */
  static final double MAX_JOIN_TILT = Math.toRadians(3);

  /** Join when the horizontal gap is at most this many heights of the lower region. */
  static final double MAX_JOIN_GAP = 1.0;

  /** Join when the vertical overlap is at least this share of the lower region's height. */
  static final double MIN_ROW_OVERLAP = 0.6;

  /** Join only regions whose heights differ by at most this factor. */
  static final double MAX_HEIGHT_RATIO = 1.6;

  /** Padding on every side of a crop, as a share of the region's height (at least 2 px). */
  static final double PAD_SHARE = 0.06;

  private LineRegions() {}

  /** Joins regions that lie on one row close together; order of the result is top-down. */
  static List<DetectedText> joinRows(List<DetectedText> regions) {
    List<DetectedText> upright = new ArrayList<>();
    List<DetectedText> result = new ArrayList<>();
    for (DetectedText region : regions) {
      (tilt(region.quad()) <= MAX_JOIN_TILT ? upright : result).add(region);
    }
    upright.sort(Comparator.comparingDouble(r -> minX(r.quad())));
    boolean joined = true;
    while (joined) {
      joined = false;
      outer:
      for (int i = 0; i < upright.size(); i++) {
        for (int j = i + 1; j < upright.size(); j++) {
          if (sameRow(upright.get(i).quad(), upright.get(j).quad())) {
            DetectedText a = upright.get(i);
            DetectedText b = upright.get(j);
            upright.set(i, join(a, b));
            upright.remove(j);
            joined = true;
            break outer;
          }
        }
      }
    }
    result.addAll(upright);
    return result;
  }

  /** The quad grown by {@link #PAD_SHARE} of its height on every side, kept inside the image. */
  static List<Point> padded(List<Point> quad, int width, int height) {
    Point p0 = quad.get(0);
    Point p1 = quad.get(1);
    Point p3 = quad.get(3);
    double topLength = Math.max(1e-9, p0.distance(p1));
    double sideLength = Math.max(1e-9, p0.distance(p3));
    double ux = (p1.x() - p0.x()) / topLength;
    double uy = (p1.y() - p0.y()) / topLength;
    double vx = (p3.x() - p0.x()) / sideLength;
    double vy = (p3.y() - p0.y()) / sideLength;
    double pad = Math.max(2.0, PAD_SHARE * Math.min(sideLength, topLength));
    double[][] signs = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    List<Point> out = new ArrayList<>(4);
    for (int k = 0; k < 4; k++) {
      Point p = quad.get(k);
      double x = p.x() + pad * (signs[k][0] * ux + signs[k][1] * vx);
      double y = p.y() + pad * (signs[k][0] * uy + signs[k][1] * vy);
      out.add(new Point(clamp(x, width - 1), clamp(y, height - 1)));
    }
    return out;
  }

  private static double clamp(double v, double max) {
    return Math.max(0, Math.min(max, v));
  }

  private static boolean sameRow(List<Point> a, List<Point> b) {
    double aTop = minY(a);
    double aBottom = maxY(a);
    double bTop = minY(b);
    double bBottom = maxY(b);
    double ha = aBottom - aTop;
    double hb = bBottom - bTop;
    double lower = Math.min(ha, hb);
    if (lower <= 0 || Math.max(ha, hb) > MAX_HEIGHT_RATIO * lower) {
      return false;
    }
    double overlap = Math.min(aBottom, bBottom) - Math.max(aTop, bTop);
    if (overlap < MIN_ROW_OVERLAP * lower) {
      return false;
    }
    double gap = Math.max(minX(a), minX(b)) - Math.min(maxX(a), maxX(b));
    return gap <= MAX_JOIN_GAP * lower;
  }

  private static DetectedText join(DetectedText a, DetectedText b) {
    double left = Math.min(minX(a.quad()), minX(b.quad()));
    double right = Math.max(maxX(a.quad()), maxX(b.quad()));
    double top = Math.min(minY(a.quad()), minY(b.quad()));
    double bottom = Math.max(maxY(a.quad()), maxY(b.quad()));
    double wa = maxX(a.quad()) - minX(a.quad());
    double wb = maxX(b.quad()) - minX(b.quad());
    double score = (a.score() * wa + b.score() * wb) / Math.max(1e-9, wa + wb);
    return new DetectedText(
        List.of(
            new Point(left, top),
            new Point(right, top),
            new Point(right, bottom),
            new Point(left, bottom)),
        score);
  }

  private static double tilt(List<Point> quad) {
    Point p0 = quad.get(0);
    Point p1 = quad.get(1);
    return Math.abs(Math.atan2(p1.y() - p0.y(), p1.x() - p0.x()));
  }

  private static double minX(List<Point> q) {
    return q.stream().mapToDouble(Point::x).min().orElseThrow();
  }

  private static double maxX(List<Point> q) {
    return q.stream().mapToDouble(Point::x).max().orElseThrow();
  }

  private static double minY(List<Point> q) {
    return q.stream().mapToDouble(Point::y).min().orElseThrow();
  }

  private static double maxY(List<Point> q) {
    return q.stream().mapToDouble(Point::y).max().orElseThrow();
  }
}
