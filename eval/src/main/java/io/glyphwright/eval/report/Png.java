package io.glyphwright.eval.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** PNG encoding and decoding in memory. */
public final class Png {
  private Png() {}

  public static byte[] encode(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("this Java runtime has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  /** Decodes a PNG or JPEG. */
  public static BufferedImage decode(byte[] bytes) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
      if (image == null) {
        throw new IllegalArgumentException("not an image ImageIO can read");
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("image decoding failed", e);
    }
  }
}
