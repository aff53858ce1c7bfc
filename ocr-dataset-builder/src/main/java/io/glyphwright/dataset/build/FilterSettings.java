package io.glyphwright.dataset.build;

import java.io.Serializable;

/**
 * The filters, in the spirit of MARIO-10M's (TextDiffuser): keep pictures big enough, with some but
 * not too much text, read with confidence, and optionally with the text quoted in the caption. The
 * defaults are ours; MARIO-10M's exact thresholds are not reproduced.
 *
 * @param minSide smallest accepted shorter side of the decoded image, in pixels ({@code
 *     too-small}); checked from the header, before decoding
 * @param maxLines most text lines ({@code too-many-lines}); at least one line is always required
 *     ({@code no-text})
 * @param minTextArea least fraction of the stored image covered by the union of the line boxes
 *     ({@code text-area-too-small})
 * @param maxTextArea most such fraction ({@code text-area-too-large})
 * @param minConfidence least OCR confidence, averaged over the characters of all lines ({@code
 *     low-confidence})
 * @param captionMatch least fraction of the OCR'd words found in the caption ({@code
 *     words-not-in-caption}); 0 turns the rule off
 */
public record FilterSettings(
    int minSide,
    int maxLines,
    double minTextArea,
    double maxTextArea,
    double minConfidence,
    double captionMatch)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Shorter side ≥ 256, 1–8 lines, text over 1–80 % of the image, confidence ≥ 0.8, no caption
   * rule.
   */
  public static final FilterSettings DEFAULT = new FilterSettings(256, 8, 0.01, 0.8, 0.8, 0.0);

  public FilterSettings {
    if (minSide < 1) {
      throw new IllegalArgumentException("--min-side must be at least 1, got " + minSide);
    }
    if (maxLines < 1) {
      throw new IllegalArgumentException("--max-lines must be at least 1, got " + maxLines);
    }
    requireFraction("--min-text-area", minTextArea);
    requireFraction("--max-text-area", maxTextArea);
    if (minTextArea > maxTextArea) {
      throw new IllegalArgumentException(
          "--min-text-area " + minTextArea + " is above --max-text-area " + maxTextArea);
    }
    requireFraction("--min-conf", minConfidence);
    requireFraction("--caption-match", captionMatch);
  }

  private static void requireFraction(String option, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(option + " must lie in 0..1, got " + v);
    }
  }

  public FilterSettings withMinSide(int v) {
    return new FilterSettings(v, maxLines, minTextArea, maxTextArea, minConfidence, captionMatch);
  }

  public FilterSettings withMaxLines(int v) {
    return new FilterSettings(minSide, v, minTextArea, maxTextArea, minConfidence, captionMatch);
  }

  public FilterSettings withTextArea(double min, double max) {
    return new FilterSettings(minSide, maxLines, min, max, minConfidence, captionMatch);
  }

  public FilterSettings withMinConfidence(double v) {
    return new FilterSettings(minSide, maxLines, minTextArea, maxTextArea, v, captionMatch);
  }

  public FilterSettings withCaptionMatch(double v) {
    return new FilterSettings(minSide, maxLines, minTextArea, maxTextArea, minConfidence, v);
  }
}
