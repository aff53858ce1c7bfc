package io.glyphwright.dataset.build;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the builder sizes images before OCR (OCR runs on the stored image, so every coordinate in a
 * sample is in the stored image's pixels).
 *
 * <ul>
 *   <li>{@code crop:N} (default {@code crop:512}): the centre square (side = the shorter side) is
 *       cut out and scaled to N×N, as TextDiffuser trains at 512×512 and the TD2 grid is square.
 *       Text near the ends of a long side is cut off, and OCR only sees what is kept.
 *   <li>{@code fit:N}: the aspect ratio is kept and the image is shrunk so that its longer side is
 *       at most N; smaller images stay as they are.
 *   <li>{@code none}: the decoded size.
 * </ul>
 *
 * @param mode what to do
 * @param size the target side in pixels ({@code crop}, {@code fit}); 0 for {@code none}
 */
public record ResizePolicy(Mode mode, int size) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Largest target side accepted. */
  public static final int MAX_SIZE = 4096;

  /** The ways to size an image. */
  public enum Mode {
    CROP,
    FIT,
    NONE
  }

  public static final ResizePolicy DEFAULT = new ResizePolicy(Mode.CROP, 512);

  public ResizePolicy {
    if (mode == null) {
      throw new IllegalArgumentException("resize mode is missing");
    }
    if (mode == Mode.NONE ? size != 0 : size < 16 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "--resize size "
              + size
              + " is out of range: use 16 to "
              + MAX_SIZE
              + " pixels (crop:512, fit:1024) or none");
    }
  }

  /**
   * Reads {@code crop:N}, {@code fit:N} or {@code none}.
   *
   * @throws IllegalArgumentException saying what is accepted
   */
  public static ResizePolicy parse(String spec) {
    String s = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
    if (s.equals("none")) {
      return new ResizePolicy(Mode.NONE, 0);
    }
    int colon = s.indexOf(':');
    if (colon > 0) {
      String kind = s.substring(0, colon);
      String n = s.substring(colon + 1);
      if ((kind.equals("crop") || kind.equals("fit")) && n.matches("\\d{1,5}")) {
        return new ResizePolicy(kind.equals("crop") ? Mode.CROP : Mode.FIT, Integer.parseInt(n));
      }
    }
    throw new IllegalArgumentException(
        "--resize '" + spec + "' is not understood: use crop:N (e.g. crop:512), fit:N or none");
  }

  /** The width and height an image of the given size gets. */
  public int[] targetSize(int width, int height) {
    return switch (mode) {
      case CROP -> new int[] {size, size};
      case FIT -> {
        int longer = Math.max(width, height);
        if (longer <= size) {
          yield new int[] {width, height};
        }
        double s = (double) size / longer;
        yield new int[] {
          Math.max(1, (int) Math.round(width * s)), Math.max(1, (int) Math.round(height * s))
        };
      }
      case NONE -> new int[] {width, height};
    };
  }

  @Override
  public String toString() {
    return switch (mode) {
      case CROP -> "crop:" + size;
      case FIT -> "fit:" + size;
      case NONE -> "none";
    };
  }
}
