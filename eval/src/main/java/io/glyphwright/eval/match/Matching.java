package io.glyphwright.eval.match;

import java.util.List;

/**
 * The outcome of matching one image's requested lines against its read lines.
 *
 * @param lines one verdict per requested line, in the requested order
 * @param readMatched one flag per read line: true when it is part of an exact match
 */
public record Matching(List<LineVerdict> lines, List<Boolean> readMatched) {
  public Matching {
    lines = List.copyOf(lines);
    readMatched = List.copyOf(readMatched);
  }

  /** True when every requested line was read exactly (MARIOEval's per-image accuracy). */
  public boolean allExact() {
    return lines.stream().allMatch(LineVerdict::exact);
  }

  /** How many requested lines were read exactly. */
  public int exactCount() {
    return (int) lines.stream().filter(LineVerdict::exact).count();
  }
}
