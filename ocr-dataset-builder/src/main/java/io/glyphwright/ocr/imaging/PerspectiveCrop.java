package io.glyphwright.ocr.imaging;

import io.glyphwright.ocr.geometry.Homography;
import io.glyphwright.ocr.geometry.Point;
import java.util.List;

/**
 * A text line cut out of an image along its quadrilateral and straightened, with the transform that
 * takes the crop's coordinates back to the image's.
 *
 * @param image the straightened crop, text running left to right
 * @param toSource maps a point of {@code image} to the source image
 */
public record PerspectiveCrop(RgbImage image, Homography toSource) {

  /**
   * Crops a quad given clockwise from its top-left, as PP-OCR's {@code get_rotate_crop_image} does:
   * the crop is as wide as the longer of the top and bottom edges and as high as the longer of the
   * left and right edges; a crop at least 1.5 times taller than wide holds vertical text and is
   * turned 90° counter-clockwise.
   */
  public static PerspectiveCrop of(RgbImage source, List<Point> quad) {
    if (quad.size() != 4) {
      throw new IllegalArgumentException("a quad has 4 corners, got " + quad.size());
    }
    int w =
        Math.max(
            1,
            (int) Math.max(quad.get(0).distance(quad.get(1)), quad.get(2).distance(quad.get(3))));
    int h =
        Math.max(
            1,
            (int) Math.max(quad.get(0).distance(quad.get(3)), quad.get(1).distance(quad.get(2))));
    List<Point> rect = List.of(new Point(0, 0), new Point(w, 0), new Point(w, h), new Point(0, h));
    Homography toSource = Homography.mapping(rect, quad);
    PerspectiveCrop crop = new PerspectiveCrop(source.warp(toSource, w, h), toSource);
    return (double) h / w >= 1.5 ? crop.rotated90CounterClockwise() : crop;
  }

  /** The crop turned 90° counter-clockwise, with its transform kept in step. */
  public PerspectiveCrop rotated90CounterClockwise() {
    // Output (x, y) shows input (w - 1 - y, x).
    int w = image.width();
    Homography outToIn = Homography.of(0, -1, w - 1, 1, 0, 0, 0, 0, 1);
    return new PerspectiveCrop(image.rotate90CounterClockwise(), toSource.after(outToIn));
  }

  /** The crop turned by 180°, with its transform kept in step. */
  public PerspectiveCrop rotated180() {
    Homography outToIn =
        Homography.of(-1, 0, image.width() - 1, 0, -1, image.height() - 1, 0, 0, 1);
    return new PerspectiveCrop(image.rotate180(), toSource.after(outToIn));
  }
}
