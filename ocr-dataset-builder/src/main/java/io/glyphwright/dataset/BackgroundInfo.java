package io.glyphwright.dataset;

import java.util.Objects;

/**
 * The {@code background} field, an extension to the corpus sample format written by the synthetic
 * generator: the picture's dominant background colour, so that colour adherence can be measured
 * against the caption later.
 *
 * @param color the dominant colour's English name from {@code ColorNames} ({@code dark blue})
 * @param rgb the mean colour of the pixels with that name, {@code #rrggbb}
 * @param kind what the background is ({@code linear-gradient}, {@code photo}, ...)
 */
public record BackgroundInfo(String color, String rgb, String kind) {
  public BackgroundInfo {
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(rgb, "rgb");
    Objects.requireNonNull(kind, "kind");
    if (!rgb.matches("#[0-9a-f]{6}")) {
      throw new IllegalArgumentException("rgb must be #rrggbb in lower case, got " + rgb);
    }
  }
}
