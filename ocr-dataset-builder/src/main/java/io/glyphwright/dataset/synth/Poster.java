package io.glyphwright.dataset.synth;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * A composed synthetic poster.
 *
 * @param image the final picture, {@link BufferedImage#TYPE_INT_RGB}
 * @param backdrop the picture under the text: the background with any plates, no text, no effects
 * @param background the background as painted (before plates)
 * @param kind what sort of picture it is
 * @param lines the lines in reading order (top to bottom, then left to right)
 */
public record Poster(
    BufferedImage image,
    BufferedImage backdrop,
    Background background,
    PosterText.Kind kind,
    List<PosterLine> lines) {
  public Poster {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(backdrop, "backdrop");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(kind, "kind");
    lines = List.copyOf(lines);
  }
}
