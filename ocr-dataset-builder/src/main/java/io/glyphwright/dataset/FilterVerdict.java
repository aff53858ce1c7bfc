package io.glyphwright.dataset;

import java.util.List;

/**
 * A corpus sample's {@code filters} field.
 *
 * @param passed true when no filter rejected the sample
 * @param reasons the reject reasons (stable kebab-case names such as {@code too-many-lines}); empty
 *     when {@code passed}
 */
public record FilterVerdict(boolean passed, List<String> reasons) {
  /** The verdict of a sample every filter let through. */
  public static final FilterVerdict PASSED = new FilterVerdict(true, List.of());

  public FilterVerdict {
    reasons = List.copyOf(reasons);
    if (passed != reasons.isEmpty()) {
      throw new IllegalArgumentException(
          "a sample passes exactly when it has no reject reasons; got passed="
              + passed
              + " with reasons "
              + reasons);
    }
  }
}
