package io.glyphwright.ocr.ppocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.ocr.geometry.Point;
import io.glyphwright.ocr.geometry.PolygonOffset;
import io.glyphwright.ocr.geometry.RotatedRect;
import java.util.List;
import org.junit.jupiter.api.Test;

class DbPostProcessorTest {

  /** A probability map with value p inside each given rotated rectangle, 0.02 elsewhere. */
  private static float[] map(int w, int h, float p, RotatedRect... rects) {
    float[] prob = new float[w * h];
    java.util.Arrays.fill(prob, 0.02f);
    for (RotatedRect r : rects) {
      List<Point> corners = r.orderedCorners();
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (DbPostProcessor.insideConvex(corners, x, y, 0)) {
            prob[y * w + x] = p;
          }
        }
      }
    }
    return prob;
  }

  @Test
  void growsAKernelBackByTheUnclipDistanceAndScalesToTheSource() {
    // Kernel: pixels x 40..199, y 50..69 → hull 159 × 19 between pixel centres.
    RotatedRect kernel = new RotatedRect(119.5, 59.5, 159, 19, 0);
    float[] prob = map(320, 160, 0.9f, kernel);
    List<DetectedText> found = DbPostProcessor.PPOCR.boxes(prob, 320, 160, 640, 320);
    assertEquals(1, found.size());
    assertEquals(0.9, found.get(0).score(), 1e-6);
    double d = PolygonOffset.unclipDistance(kernel.orderedCorners(), 1.5);
    // Naive reference: the kernel grown by d on every side, then doubled (source is 2× the map).
    List<Point> quad = found.get(0).quad();
    assertEquals(Math.round((40 - d) * 2), quad.get(0).x(), 1.0);
    assertEquals(Math.round((50 - d) * 2), quad.get(0).y(), 1.0);
    assertEquals(Math.round((199 + d) * 2), quad.get(2).x(), 1.0);
    assertEquals(Math.round((69 + d) * 2), quad.get(2).y(), 1.0);
  }

  @Test
  void keepsTheAngleOfARotatedKernel() {
    RotatedRect kernel = new RotatedRect(160, 80, 200, 16, Math.toRadians(-12));
    List<DetectedText> found =
        DbPostProcessor.PPOCR.boxes(map(320, 160, 0.95f, kernel), 320, 160, 320, 160);
    assertEquals(1, found.size());
    List<Point> q = found.get(0).quad();
    double angle =
        Math.toDegrees(Math.atan2(q.get(1).y() - q.get(0).y(), q.get(1).x() - q.get(0).x()));
    assertEquals(-12, angle, 1.0);
    assertTrue(q.get(0).x() < q.get(1).x() && q.get(3).y() > q.get(0).y(), "clockwise from TL");
  }

  @Test
  void dropsSpecksAndUnsureRegions() {
    RotatedRect speck = new RotatedRect(30, 30, 2, 2, 0);
    RotatedRect unsure = new RotatedRect(150, 100, 120, 20, 0);
    float[] prob = map(320, 160, 0.9f, speck);
    float[] weak = map(320, 160, 0.45f, unsure);
    for (int i = 0; i < prob.length; i++) {
      prob[i] = Math.max(prob[i], weak[i]);
    }
    assertEquals(List.of(), DbPostProcessor.PPOCR.boxes(prob, 320, 160, 320, 160));
  }

  @Test
  void sortsRegionsIntoReadingOrder() {
    RotatedRect rightTop = new RotatedRect(240, 40, 100, 16, 0);
    RotatedRect leftSameRow = new RotatedRect(80, 44, 100, 16, 0);
    RotatedRect below = new RotatedRect(100, 120, 150, 16, 0);
    List<DetectedText> found =
        DbPostProcessor.PPOCR.boxes(
            map(320, 160, 0.9f, below, rightTop, leftSameRow), 320, 160, 320, 160);
    assertEquals(3, found.size());
    assertTrue(found.get(0).quad().get(0).x() < 60, "left region of the top row first");
    assertTrue(found.get(1).quad().get(0).x() > 150, "then the right one, 4 px higher");
    assertTrue(found.get(2).quad().get(0).y() > 90, "then the next row");
  }

  @Test
  void componentsAreEightConnected() {
    float[] prob = new float[5 * 5];
    prob[0] = 1; // (0,0)
    prob[6] = 1; // (1,1): touches (0,0) diagonally
    prob[24] = 1; // (4,4): apart
    assertEquals(2, DbPostProcessor.PPOCR.components(prob, 5, 5).size());
  }
}
