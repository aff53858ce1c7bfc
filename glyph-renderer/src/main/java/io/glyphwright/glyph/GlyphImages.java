package io.glyphwright.glyph;

import io.glyphwright.core.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * PNG files for glyph masks ({@code mask.png}, 8-bit gray) and character maps ({@code charseg.png},
 * 16-bit gray). The encoder is ImageIO's, which writes no time stamps: the same image gives the
 * same bytes.
 */
public final class GlyphImages {
  private GlyphImages() {}

  /**
   * The PNG encoding of an 8-bit ({@code TYPE_BYTE_GRAY}) or 16-bit ({@code TYPE_USHORT_GRAY})
   * image.
   */
  public static byte[] pngBytes(BufferedImage image) {
    checkType(image);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("this Java runtime has no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  /**
   * Writes {@code image} as a PNG at {@code file}, atomically: a reader sees the old file or the
   * whole new one, never a part. Missing parent folders are created.
   */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    AtomicFiles.write(file, pngBytes(image));
  }

  /** Reads a PNG written by {@link #writePng} (or any PNG ImageIO reads). */
  public static BufferedImage readPng(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException(file + " is not an image ImageIO can read");
    }
    return image;
  }

  private static void checkType(BufferedImage image) {
    int type = image.getType();
    if (type != BufferedImage.TYPE_BYTE_GRAY && type != BufferedImage.TYPE_USHORT_GRAY) {
      throw new IllegalArgumentException(
          "glyph images are 8-bit or 16-bit gray (TYPE_BYTE_GRAY or TYPE_USHORT_GRAY); got type "
              + type);
    }
  }
}
