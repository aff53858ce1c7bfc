package io.glyphwright.diffusion.generate;

import java.util.Objects;

/**
 * What a {@link TextCheck} found for one requested line.
 *
 * @param text the line that was asked for
 * @param read whether the check counts it as read
 * @param score how well it was read, in [0, 1] (higher is better)
 * @param readAs what the check read where the line should be ("" when nothing)
 */
public record LineVerdict(String text, boolean read, double score, String readAs) {
  public LineVerdict {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(readAs, "readAs");
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
  }
}
