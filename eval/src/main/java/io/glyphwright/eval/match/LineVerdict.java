package io.glyphwright.eval.match;

import java.util.List;
import java.util.Objects;

/**
 * How one requested line was read.
 *
 * @param requested the requested text
 * @param kind how it was matched; {@link MatchKind#NONE} when it was not read exactly
 * @param ned AnyText's normalised edit distance (a similarity, 1 = equal) against the best-matching
 *     read; 1 when read exactly
 * @param bestRead the read it was compared with (read lines joined by a space), empty when nothing
 *     was left to compare with
 * @param readLines indices into the read lines that {@code bestRead} is made of
 */
public record LineVerdict(
    String requested, MatchKind kind, double ned, String bestRead, List<Integer> readLines) {
  public LineVerdict {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bestRead, "bestRead");
    readLines = List.copyOf(readLines);
  }

  /** True when the line was read exactly (under {@link io.glyphwright.eval.text.TextRules}). */
  public boolean exact() {
    return kind != MatchKind.NONE;
  }
}
