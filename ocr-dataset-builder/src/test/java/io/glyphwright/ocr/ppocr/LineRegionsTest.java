package io.glyphwright.ocr.ppocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glyphwright.ocr.geometry.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineRegionsTest {
  private static DetectedText box(double l, double t, double r, double b) {
    return new DetectedText(
        List.of(new Point(l, t), new Point(r, t), new Point(r, b), new Point(l, b)), 0.9);
  }

  @Test
  void wordsOfOneLineSplitAtAWideGapAreJoined() {
    List<DetectedText> joined =
        LineRegions.joinRows(List.of(box(200, 100, 300, 150), box(40, 102, 170, 151)));
    assertEquals(1, joined.size());
    assertEquals(
        List.of(new Point(40, 100), new Point(300, 100), new Point(300, 151), new Point(40, 151)),
        joined.get(0).quad());
  }

  @Test
  void regionsFarApartOnARowOrOnDifferentRowsStayApart() {
    assertEquals(
        2, LineRegions.joinRows(List.of(box(0, 100, 100, 150), box(160, 100, 260, 150))).size());
    assertEquals(
        2, LineRegions.joinRows(List.of(box(0, 100, 100, 150), box(0, 160, 100, 210))).size());
    // A small line beside a headline is a different line, not a split one.
    assertEquals(
        2, LineRegions.joinRows(List.of(box(0, 100, 200, 200), box(210, 150, 260, 180))).size());
  }

  @Test
  void tiltedRegionsAreNeverJoined() {
    DetectedText tilted =
        new DetectedText(
            List.of(
                new Point(110, 100), new Point(210, 110), new Point(205, 160), new Point(105, 150)),
            0.9);
    assertEquals(2, LineRegions.joinRows(List.of(box(0, 100, 100, 150), tilted)).size());
  }

  @Test
  void paddingGrowsEachSideByAShareOfTheHeightInsideTheImage() {
    List<Point> padded = LineRegions.padded(box(10, 100, 210, 150).quad(), 400, 400);
    double pad = 0.06 * 50;
    assertEquals(new Point(10 - pad, 100 - pad), padded.get(0));
    assertEquals(new Point(210 + pad, 150 + pad), padded.get(2));
    List<Point> atEdge = LineRegions.padded(box(0, 0, 20, 10).quad(), 400, 400);
    assertEquals(new Point(0, 0), atEdge.get(0));
  }
}
