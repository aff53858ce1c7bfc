package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.geometry.Point;
import io.glyphwright.ocr.geometry.PolygonOffset;
import io.glyphwright.ocr.geometry.RotatedRect;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Differentiable Binarization post-processing, as PP-OCR's {@code DBPostProcess} does it: threshold
 * the probability map, take each connected text kernel, fit its minimum-area rotated rectangle,
 * score it on the map, grow it back by the unclip offset, and map it to source pixels.
 *
 * @param threshold a map pixel above this is text (PP-OCR: 0.3)
 * @param boxThreshold a region whose mean probability is below this is dropped (PP-OCR: 0.6)
 * @param unclipRatio the region grows by {@code area * unclipRatio / perimeter} (PP-OCR: 1.5)
 * @param minSize regions with a shorter side (in map pixels) are dropped (PP-OCR: 3)
 * @param maxCandidates at most this many regions are considered (PP-OCR: 1000)
 */
public record DbPostProcessor(
    double threshold, double boxThreshold, double unclipRatio, double minSize, int maxCandidates) {

  /** PP-OCR's defaults. */
  public static final DbPostProcessor PPOCR =
      new DbPostProcessor(0.3, 0.6, PpOcrEngine.UNCLIP_RATIO, 3, 1000);

  /** Clipper's default arc tolerance for round offsets, in pixels. */
  private static final double ARC_TOLERANCE = 0.25;

  /**
   * Finds the text regions of a probability map.
   *
   * @param prob the map, row-major, {@code mapWidth × mapHeight}
   * @param sourceWidth width of the image the map was computed for, before resizing
   * @param sourceHeight its height
   * @return regions in reading order
   */
  public List<DetectedText> boxes(
      float[] prob, int mapWidth, int mapHeight, int sourceWidth, int sourceHeight) {
    List<DetectedText> out = new ArrayList<>();
    for (List<Point> outline : components(prob, mapWidth, mapHeight)) {
      if (out.size() >= maxCandidates) {
        break;
      }
      RotatedRect kernel = RotatedRect.minAreaRect(outline);
      if (kernel.minSide() < minSize) {
        continue;
      }
      List<Point> box = kernel.orderedCorners();
      double score = meanInside(prob, mapWidth, mapHeight, box);
      if (score < boxThreshold) {
        continue;
      }
      double distance = PolygonOffset.unclipDistance(box, unclipRatio);
      RotatedRect grown =
          RotatedRect.minAreaRect(PolygonOffset.offsetConvex(box, distance, ARC_TOLERANCE));
      if (grown.minSide() < minSize + 2) {
        continue;
      }
      List<Point> quad = new ArrayList<>(4);
      for (Point p : grown.orderedCorners()) {
        double x = Math.round(p.x() / mapWidth * sourceWidth);
        double y = Math.round(p.y() / mapHeight * sourceHeight);
        quad.add(
            new Point(
                Math.max(0, Math.min(sourceWidth - 1, x)),
                Math.max(0, Math.min(sourceHeight - 1, y))));
      }
      if ((int) quad.get(0).distance(quad.get(1)) <= 3
          || (int) quad.get(0).distance(quad.get(3)) <= 3) {
        continue;
      }
      out.add(new DetectedText(quad, score));
    }
    return readingOrder(out);
  }

  /**
   * The 8-connected components of {@code prob > threshold}, each as the leftmost and rightmost
   * pixel of every row it covers: enough for the convex hull, and so for the rotated rectangle.
   */
  List<List<Point>> components(float[] prob, int w, int h) {
    int[] label = new int[w * h];
    int[] stack = new int[w * h];
    List<List<Point>> outlines = new ArrayList<>();
    int next = 0;
    for (int start = 0; start < w * h; start++) {
      if (label[start] != 0 || !(prob[start] > threshold)) {
        continue;
      }
      next++;
      int top = 0;
      stack[top++] = start;
      label[start] = next;
      int minY = start / w;
      int maxY = minY;
      // Row extremes, indexed from the component's first row; grown as rows are reached.
      int[] rowMin = new int[16];
      int[] rowMax = new int[16];
      Arrays.fill(rowMin, Integer.MAX_VALUE);
      Arrays.fill(rowMax, Integer.MIN_VALUE);
      int firstRow = minY;
      while (top > 0) {
        int i = stack[--top];
        int x = i % w;
        int y = i / w;
        int r = y - firstRow;
        if (r >= rowMin.length) {
          int n = Math.max(r + 1, rowMin.length * 2);
          int old = rowMin.length;
          rowMin = Arrays.copyOf(rowMin, n);
          rowMax = Arrays.copyOf(rowMax, n);
          Arrays.fill(rowMin, old, n, Integer.MAX_VALUE);
          Arrays.fill(rowMax, old, n, Integer.MIN_VALUE);
        }
        rowMin[r] = Math.min(rowMin[r], x);
        rowMax[r] = Math.max(rowMax[r], x);
        maxY = Math.max(maxY, y);
        for (int dy = -1; dy <= 1; dy++) {
          int ny = y + dy;
          if (ny < 0 || ny >= h) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            if (nx < 0 || nx >= w) {
              continue;
            }
            int j = ny * w + nx;
            if (label[j] == 0 && prob[j] > threshold) {
              label[j] = next;
              stack[top++] = j;
            }
          }
        }
      }
      List<Point> outline = new ArrayList<>();
      for (int y = minY; y <= maxY; y++) {
        int r = y - firstRow;
        if (rowMin[r] <= rowMax[r]) {
          outline.add(new Point(rowMin[r], y));
          if (rowMax[r] != rowMin[r]) {
            outline.add(new Point(rowMax[r], y));
          }
        }
      }
      outlines.add(outline);
    }
    return outlines;
  }

  /**
   * The mean of the map over the pixels whose centres lie inside a convex polygon (PP-OCR's {@code
   * box_score_fast}); half a pixel of tolerance takes in the pixels the outline crosses, as
   * OpenCV's {@code fillPoly} does.
   */
  static double meanInside(float[] prob, int w, int h, List<Point> polygon) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (Point p : polygon) {
      minX = Math.min(minX, p.x());
      maxX = Math.max(maxX, p.x());
      minY = Math.min(minY, p.y());
      maxY = Math.max(maxY, p.y());
    }
    int x0 = Math.max(0, (int) Math.floor(minX));
    int x1 = Math.min(w - 1, (int) Math.ceil(maxX));
    int y0 = Math.max(0, (int) Math.floor(minY));
    int y1 = Math.min(h - 1, (int) Math.ceil(maxY));
    double sum = 0;
    long count = 0;
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        if (insideConvex(polygon, x, y, 0.5)) {
          sum += prob[y * w + x];
          count++;
        }
      }
    }
    return count == 0 ? 0 : sum / count;
  }

  /** True when (x, y) lies inside the convex polygon or within {@code tolerance} of it. */
  static boolean insideConvex(List<Point> polygon, double x, double y, double tolerance) {
    int n = polygon.size();
    double signedArea = 0;
    for (int i = 0; i < n; i++) {
      Point a = polygon.get(i);
      Point b = polygon.get((i + 1) % n);
      signedArea += a.x() * b.y() - b.x() * a.y();
    }
    double orientation = Math.signum(signedArea);
    if (orientation == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      Point a = polygon.get(i);
      Point b = polygon.get((i + 1) % n);
      double len = a.distance(b);
      if (len == 0) {
        continue;
      }
      double side = ((b.x() - a.x()) * (y - a.y()) - (b.y() - a.y()) * (x - a.x())) / len;
      if (side * orientation < -tolerance) {
        return false;
      }
    }
    return true;
  }

  /**
   * PP-OCR's {@code sorted_boxes}: by the top-left corner's y, then x; then a region whose top lies
   * within 10 px of the one before it and starts left of it moves in front (same row).
   */
  static List<DetectedText> readingOrder(List<DetectedText> regions) {
    List<DetectedText> sorted = new ArrayList<>(regions);
    sorted.sort(
        Comparator.comparingDouble((DetectedText d) -> d.quad().get(0).y())
            .thenComparingDouble(d -> d.quad().get(0).x()));
    for (int i = 0; i < sorted.size() - 1; i++) {
      for (int j = i; j >= 0; j--) {
        Point a = sorted.get(j).quad().get(0);
        Point b = sorted.get(j + 1).quad().get(0);
        if (Math.abs(b.y() - a.y()) < 10 && b.x() < a.x()) {
          DetectedText tmp = sorted.get(j);
          sorted.set(j, sorted.get(j + 1));
          sorted.set(j + 1, tmp);
        } else {
          break;
        }
      }
    }
    return sorted;
  }
}
