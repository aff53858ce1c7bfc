package io.glyphwright.dataset.build;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes the stored image: JPEG at a given quality (baseline, 4:2:0) or PNG. In memory only. */
public final class ImageEncoder {
  private ImageEncoder() {}

  /** The image's bytes in {@code format} ({@code jpg} or {@code png}). */
  public static byte[] encode(BufferedImage image, String format, int jpegQuality) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriter writer =
          ImageIO.getImageWritersByFormatName(format.equals("jpg") ? "jpeg" : "png").next();
      try {
        writer.setOutput(out);
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (format.equals("jpg")) {
          param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
          param.setCompressionQuality(jpegQuality / 100f);
        }
        writer.write(null, new IIOImage(image, null, null), param);
      } finally {
        writer.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("encoding to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
