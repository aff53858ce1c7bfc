package io.glyphwright.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * One sample as stored in a shard: its metadata and its encoded image ({@code KEY.png} or {@code
 * KEY.jpg}). The caption member {@code KEY.txt} is the sample's caption.
 *
 * @param sample the metadata ({@code KEY.json})
 * @param imageExtension {@code png} or {@code jpg}
 * @param image the encoded image bytes, as stored; the array is not copied, so do not change it
 */
public record CorpusRecord(CorpusSample sample, String imageExtension, byte[] image) {
  /** Image member extensions a shard may hold. */
  public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg");

  public CorpusRecord {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(image, "image");
    imageExtension = normaliseExtension(imageExtension);
  }

  public String key() {
    return sample.key();
  }

  /** Decodes the image. */
  public BufferedImage decodeImage() throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
    if (img == null) {
      throw new IOException(
          "sample " + sample.key() + ": the " + imageExtension + " member is not a readable image");
    }
    return img;
  }

  /** {@code png} or {@code jpg} for an extension written in any case ({@code JPEG} too). */
  public static String normaliseExtension(String ext) {
    String e = Objects.requireNonNull(ext, "imageExtension").toLowerCase(Locale.ROOT);
    if (e.equals("jpeg")) {
      e = "jpg";
    }
    if (!IMAGE_EXTENSIONS.contains(e)) {
      throw new IllegalArgumentException(
          "image extension '" + ext + "' is not supported: use png or jpg");
    }
    return e;
  }
}
