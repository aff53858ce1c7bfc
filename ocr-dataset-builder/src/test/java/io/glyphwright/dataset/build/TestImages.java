package io.glyphwright.dataset.build;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encoded test images, made in code: good ones, odd colour models, damaged and hostile ones. */
final class TestImages {
  private TestImages() {}

  /** A white picture with dark text on it. */
  static BufferedImage poster(int w, int h, String text) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(new Color(20, 30, 40));
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, h / 8)));
    g.drawString(text, w / 10, h / 2);
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no " + format + " writer for image type " + img.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] jpeg(int w, int h, String text) {
    return encode(poster(w, h, text), "jpg");
  }

  static byte[] png(int w, int h, String text) {
    return encode(poster(w, h, text), "png");
  }

  /**
   * A CMYK JPEG: left half pure cyan (C=255), right half pure yellow (Y=255), stored as CMYK JPEGs
   * are stored by convention: inverted (255 = no ink), as Adobe's applications write them and as
   * libjpeg-based readers (Pillow) and ImageIO read them; ImageIO's writer stores a raster's values
   * as they are, so the raster holds them inverted. With {@code adobe}, the file carries Adobe's
   * APP14 marker (transform 0, plain CMYK); without, it has no marker. (Checked by hand: Pillow 9.4
   * reads both files as these inks.)
   */
  static byte[] cmykJpeg(int w, int h, boolean adobe) {
    WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        // Stored inverted: cyan is C=255 ink, stored 0.
        r.setPixel(x, y, x < w / 2 ? new int[] {0, 255, 255, 255} : new int[] {255, 255, 0, 255});
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      IIOMetadata meta = null;
      if (adobe) {
        // The writer's default metadata for a CMYK image has app14Adobe with transform 2 (YCCK),
        // which this writer does not encode the way readers decode; transform 0 (CMYK) it does.
        BufferedImage probe = new BufferedImage(cmykColorModel(), r, false, null);
        meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(probe), null);
        String format = "javax_imageio_jpeg_image_1.0";
        IIOMetadataNode tree = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode app14 = (IIOMetadataNode) tree.getElementsByTagName("app14Adobe").item(0);
        if (app14 == null) {
          throw new IllegalStateException("the JPEG writer offers no Adobe marker for CMYK");
        }
        app14.setAttribute("transform", "0");
        meta.setFromTree(format, tree);
      }
      writer.write(null, new IIOImage(r, null, meta), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** The colour model ImageIO's JPEG reader gives CMYK images (found by decoding one). */
  private static ColorModel cmykColorModel() {
    try {
      return ImageIO.read(new java.io.ByteArrayInputStream(cmykJpeg(8, 8, false))).getColorModel();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A 16-bit-per-channel RGB PNG filled with one 16-bit colour. */
  static byte[] png16Rgb(int w, int h, int r16, int g16, int b16) {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            ColorModel.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setPixel(x, y, new int[] {r16, g16, b16});
      }
    }
    return encode(new BufferedImage(cm, raster, false, null), "png");
  }

  /** A 16-bit greyscale PNG filled with one value. */
  static byte[] png16Gray(int w, int h, int v16) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = img.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setSample(x, y, 0, v16);
      }
    }
    return encode(img, "png");
  }

  /** An 8-bit grey + alpha PNG: grey {@code gray} everywhere, alpha {@code alpha}. */
  static byte[] pngGrayAlpha(int w, int h, int gray, int alpha) {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            ColorModel.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        raster.setPixel(x, y, new int[] {gray, alpha});
      }
    }
    return encode(new BufferedImage(cm, raster, false, null), "png");
  }

  /** An 8-bit greyscale PNG of one value. */
  static byte[] pngGray(int w, int h, int gray) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, gray);
      }
    }
    return encode(img, "png");
  }

  /** A palette PNG: left half index 0 (fully transparent), right half index 1 (opaque red). */
  static byte[] palettePng(int w, int h) {
    IndexColorModel icm =
        new IndexColorModel(
            8,
            2,
            new byte[] {0, (byte) 255},
            new byte[] {0, 0},
            new byte[] {0, 0},
            new byte[] {0, (byte) 255});
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, icm);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.getRaster().setSample(x, y, 0, x < w / 2 ? 0 : 1);
      }
    }
    return encode(img, "png");
  }

  /**
   * A PNG whose header says {@code w}×{@code h} 8-bit RGBA but whose image data is a few bytes:
   * decoding it would need w×h×4 bytes and then fail; only the header check refuses it cleanly.
   */
  static byte[] pngHeaderOnly(int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream d = new DataOutputStream(out)) {
      d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream i = new DataOutputStream(ihdr);
      i.writeInt(w);
      i.writeInt(h);
      i.write(new byte[] {8, 6, 0, 0, 0});
      chunk(d, "IHDR", ihdr.toByteArray());
      chunk(d, "IDAT", deflate(new byte[64]));
      chunk(d, "IEND", new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A complete, valid 1-bit greyscale PNG of {@code w}×{@code h} black pixels: all-zero rows
   * compress to almost nothing (about 50 KB for 20000×20000), but decoded to RGB it would take
   * w×h×4 bytes.
   */
  static byte[] pngAllZero1Bit(int w, int h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataOutputStream d = new DataOutputStream(out)) {
      d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
      DataOutputStream i = new DataOutputStream(ihdr);
      i.writeInt(w);
      i.writeInt(h);
      i.write(new byte[] {1, 0, 0, 0, 0});
      chunk(d, "IHDR", ihdr.toByteArray());
      ByteArrayOutputStream idat = new ByteArrayOutputStream();
      Deflater deflater = new Deflater(9);
      try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
        byte[] row = new byte[1 + (w + 7) / 8]; // filter byte 0, then zero bits
        for (int y = 0; y < h; y++) {
          z.write(row);
        }
      } finally {
        deflater.end();
      }
      chunk(d, "IDAT", idat.toByteArray());
      chunk(d, "IEND", new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] deflate(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
      z.write(data);
    }
    return out.toByteArray();
  }

  private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    d.writeInt(data.length);
    d.write(t);
    d.write(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    d.writeInt((int) crc.getValue());
  }

  /** The RGB of a pixel of a TYPE_INT_RGB image as {r, g, b}. */
  static int[] rgb(BufferedImage img, int x, int y) {
    int p = img.getRGB(x, y);
    return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
  }
}
