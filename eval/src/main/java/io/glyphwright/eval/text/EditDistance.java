package io.glyphwright.eval.text;

/**
 * Levenshtein distance over Unicode code points (insert, delete, substitute, each costing 1), and
 * AnyText's normalised edit distance.
 */
public final class EditDistance {
  private EditDistance() {}

  /** The fewest single-character edits that turn {@code a} into {@code b}. */
  public static int levenshtein(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    if (x.length < y.length) {
      int[] t = x;
      x = y;
      y = t;
    }
    // Two rows of the dynamic-programming table, over the shorter string.
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int substitute = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length];
  }

  /**
   * AnyText's NED, a similarity: {@code 1 - levenshtein(a, b) / max(|a|, |b|)}, lengths in code
   * points. 1 for equal strings (two empty strings included), 0 when nothing is shared.
   */
  public static double similarity(String a, String b) {
    int longest = Math.max(a.codePointCount(0, a.length()), b.codePointCount(0, b.length()));
    return longest == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / longest;
  }
}
