package io.glyphwright.dataset.synth;

/**
 * WCAG 2 contrast: relative luminance of an sRGB colour and the contrast ratio of two colours
 * ({@code (L1 + 0.05) / (L2 + 0.05)}, 1 to 21). The generator requires a ratio of at least {@link
 * #MIN_RATIO} between a line's text colour and the background under its ink, WCAG's threshold for
 * large text.
 */
public final class Contrast {
  /** Least contrast ratio between text and the background under it. */
  public static final double MIN_RATIO = 3.0;

  private static final double[] LINEAR = new double[256];

  static {
    for (int i = 0; i < 256; i++) {
      double c = i / 255.0;
      LINEAR[i] = c <= 0.04045 ? c / 12.92 : StrictMath.pow((c + 0.055) / 1.055, 2.4);
    }
  }

  private Contrast() {}

  /** The linear-light value of an 8-bit sRGB channel. */
  static double linear(int channel) {
    return LINEAR[channel];
  }

  /** WCAG relative luminance of {@code 0xRRGGBB}, 0 (black) to 1 (white). */
  public static double luminance(int rgb) {
    return 0.2126 * LINEAR[(rgb >> 16) & 0xFF]
        + 0.7152 * LINEAR[(rgb >> 8) & 0xFF]
        + 0.0722 * LINEAR[rgb & 0xFF];
  }

  /** Contrast ratio of two luminances, whichever is lighter. */
  public static double ratio(double lum1, double lum2) {
    double hi = Math.max(lum1, lum2);
    double lo = Math.min(lum1, lum2);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** Contrast ratio of two {@code 0xRRGGBB} colours. */
  public static double ratio(int rgb1, int rgb2) {
    return ratio(luminance(rgb1), luminance(rgb2));
  }
}
