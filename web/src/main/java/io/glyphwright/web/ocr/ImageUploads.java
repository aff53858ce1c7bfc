package io.glyphwright.web.ocr;

import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Checks an uploaded image by its bytes, not by the name or type the client claims: PNG, JPEG, GIF
 * or BMP, each side within the limit, and decodable whole. Decoding is heavy: call this on the
 * bounded scheduler.
 */
public final class ImageUploads {
  private ImageUploads() {}

  /** An upload that passed the checks, with its format's file extension. */
  public record CheckedImage(String extension, int width, int height) {}

  public static CheckedImage check(byte[] bytes, int maxSide) {
    String ext = sniff(bytes);
    if (ext == null) {
      throw ApiProblem.field(
          ProblemType.INVALID_IMAGE,
          "image",
          bytes.length == 0
              ? "the uploaded file is empty: send a PNG, JPEG, GIF or BMP image"
              : "the uploaded file is not a PNG, JPEG, GIF or BMP image: convert it to PNG and send"
                  + " it again");
    }
    int width;
    int height;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw damaged(ext, "no reader for it");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw damaged(ext, e.getMessage());
    }
    if (width > maxSide || height > maxSide) {
      throw ApiProblem.field(
          ProblemType.IMAGE_TOO_LARGE,
          "image",
          "the image is "
              + width
              + "×"
              + height
              + " pixels, over the limit of "
              + maxSide
              + " per side (glyphwright.limits.max-upload-side): scale it down");
    }
    BufferedImage image = decode(bytes);
    if (image == null) {
      throw damaged(ext, "it cannot be decoded");
    }
    return new CheckedImage(ext, width, height);
  }

  /** Decodes image bytes that {@link #check} accepted; null when they cannot be decoded. */
  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static ApiProblem damaged(String ext, String why) {
    return ApiProblem.field(
        ProblemType.INVALID_IMAGE,
        "image",
        "the uploaded "
            + ext.toUpperCase(java.util.Locale.ROOT)
            + " is damaged ("
            + why
            + "): send an intact image");
  }

  static String sniff(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return "png";
    }
    if (starts(b, 0xFF, 0xD8, 0xFF)) {
      return "jpg";
    }
    if (starts(b, 'G', 'I', 'F', '8')) {
      return "gif";
    }
    if (starts(b, 'B', 'M') && b.length > 26) {
      return "bmp";
    }
    return null;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
