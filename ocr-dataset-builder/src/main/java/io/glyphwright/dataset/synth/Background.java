package io.glyphwright.dataset.synth;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A poster's background before any text.
 *
 * @param image {@link BufferedImage#TYPE_INT_RGB}, the poster's size
 * @param kind what it is: {@code photo} or the procedural pattern's name ({@code linear-gradient},
 *     {@code radial-gradient}, {@code stripes}, {@code shapes}, {@code noise}, {@code dots}, {@code
 *     paper}, {@code flat})
 * @param source where it came from: {@code procedural}, or the photo's file path
 */
public record Background(BufferedImage image, String kind, String source) {
  public Background {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(source, "source");
    if (image.getType() != BufferedImage.TYPE_INT_RGB) {
      throw new IllegalArgumentException("backgrounds are TYPE_INT_RGB images");
    }
  }

  public boolean isPhoto() {
    return kind.equals("photo");
  }
}
