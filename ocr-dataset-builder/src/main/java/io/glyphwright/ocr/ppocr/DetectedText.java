package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.geometry.Point;
import java.util.List;

/**
 * A text region found by the detector.
 *
 * @param quad the corners in source-image pixels, clockwise from the top-left
 * @param score the mean text probability inside the region before it was grown
 */
public record DetectedText(List<Point> quad, double score) {
  public DetectedText {
    quad = List.copyOf(quad);
  }
}
