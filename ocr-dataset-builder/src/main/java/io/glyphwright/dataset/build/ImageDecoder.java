package io.glyphwright.dataset.build;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image bytes with ImageIO, refusing what should not be decoded:
 *
 * <ol>
 *   <li>zero bytes ({@code empty-file}); bytes no reader recognises ({@code not-an-image}, or
 *       {@code unsupported-format} for WebP, AVIF/HEIC, JPEG XL, JPEG 2000 and PSD, recognised by
 *       their signatures);
 *   <li>the header's width × height above the pixel limit ({@code too-many-pixels}): the
 *       decompression-bomb check, made from the header alone, before any raster is allocated;
 *   <li>a shorter side below the filters' minimum ({@code too-small}), also from the header;
 *   <li>a decoder error, or a JPEG the decoder reports as ending early (it would fill the missing
 *       part with grey) ({@code corrupt-image}); a colour model the decoder refuses ({@code
 *       unsupported-color}).
 * </ol>
 *
 * Nothing is cached on disk (ImageIO's stream cache is bypassed). Thread-safe: every call uses its
 * own reader.
 */
public final class ImageDecoder {
  private ImageDecoder() {}

  /**
   * Decodes the first image in {@code bytes}.
   *
   * @param maxPixels most pixels (width × height) accepted
   * @param minSide least shorter side accepted
   * @return the image as the decoder gives it (any colour model; see {@link SrgbConverter})
   */
  public static BufferedImage decode(byte[] bytes, long maxPixels, int minSide)
      throws SampleRejectedException {
    if (bytes.length == 0) {
      throw new SampleRejectedException(RejectReason.EMPTY_FILE, "the image file is empty");
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        String format = unsupportedFormat(bytes);
        if (format != null) {
          throw new SampleRejectedException(
              RejectReason.UNSUPPORTED_FORMAT, format + " images cannot be decoded here");
        }
        throw new SampleRejectedException(
            RejectReason.NOT_AN_IMAGE,
            "the bytes are no image format (starts with " + hex(bytes) + ")");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw new SampleRejectedException(
              RejectReason.CORRUPT_IMAGE, "unreadable image header: " + e.getMessage(), e);
        }
        if (width < 1 || height < 1) {
          throw new SampleRejectedException(
              RejectReason.CORRUPT_IMAGE, "the header says " + width + "x" + height);
        }
        if ((long) width * height > maxPixels) {
          throw new SampleRejectedException(
              RejectReason.TOO_MANY_PIXELS,
              String.format(
                  Locale.ROOT,
                  "%dx%d is %.1f megapixels, more than the limit of %.1f",
                  width,
                  height,
                  (double) width * height / 1e6,
                  maxPixels / 1e6));
        }
        if (Math.min(width, height) < minSide) {
          throw new SampleRejectedException(
              RejectReason.TOO_SMALL,
              width + "x" + height + ": the shorter side is below " + minSide + " pixels");
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image;
        try {
          image = reader.read(0);
        } catch (IIOException e) {
          String m = String.valueOf(e.getMessage());
          if (m.contains("Unsupported Image Type") || m.contains("Unsupported color")) {
            throw new SampleRejectedException(RejectReason.UNSUPPORTED_COLOR, m, e);
          }
          throw new SampleRejectedException(RejectReason.CORRUPT_IMAGE, m, e);
        } catch (IOException | RuntimeException e) {
          throw new SampleRejectedException(
              RejectReason.CORRUPT_IMAGE, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        for (String w : warnings) {
          if (w.toLowerCase(Locale.ROOT).contains("premature end")) {
            throw new SampleRejectedException(
                RejectReason.CORRUPT_IMAGE, "truncated image data (" + w + ")");
          }
        }
        if (image == null) {
          throw new SampleRejectedException(RejectReason.CORRUPT_IMAGE, "the decoder gave nothing");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      // Closing a memory stream does not fail; creating one cannot either.
      throw new SampleRejectedException(RejectReason.CORRUPT_IMAGE, e.getMessage(), e);
    }
  }

  /** The name of a well-known image format ImageIO has no reader for, or null. */
  static String unsupportedFormat(byte[] b) {
    if (startsWith(b, 0, "RIFF") && startsWith(b, 8, "WEBP")) {
      return "WebP";
    }
    if (startsWith(b, 4, "ftyp")) {
      String brand = b.length >= 12 ? new String(b, 8, 4, StandardCharsets.US_ASCII) : "";
      if (brand.startsWith("avi")) {
        return "AVIF";
      }
      if (brand.startsWith("hei") || brand.startsWith("mif") || brand.startsWith("msf")) {
        return "HEIC";
      }
    }
    if ((b.length >= 2 && (b[0] & 0xff) == 0xff && b[1] == 0x0a) || startsWith(b, 4, "JXL ")) {
      return "JPEG XL";
    }
    if (startsWith(b, 4, "jP  ")
        || (b.length >= 4
            && (b[0] & 0xff) == 0xff
            && (b[1] & 0xff) == 0x4f
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x51)) {
      return "JPEG 2000";
    }
    if (startsWith(b, 0, "8BPS")) {
      return "Photoshop";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int offset, String ascii) {
    if (b.length < offset + ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (b[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(8, b.length); i++) {
      s.append(String.format("%02x", b[i] & 0xff));
    }
    return s.toString();
  }
}
