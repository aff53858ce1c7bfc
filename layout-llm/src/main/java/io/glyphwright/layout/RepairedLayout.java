package io.glyphwright.layout;

import io.glyphwright.core.Layout;
import java.util.List;
import java.util.Objects;

/**
 * What {@link LayoutValidator} returns.
 *
 * @param layout valid under the limits it was given, on the 128 grid, no two line boxes
 *     overlapping, each of {@code requestedTexts} on exactly one line and no other line
 * @param requestedTexts the requested texts as placed: cleaned, distinct, within the limits
 * @param repairs one sentence per change, naming the raw line (1-based) it concerns
 */
public record RepairedLayout(Layout layout, List<String> requestedTexts, List<String> repairs) {
  public RepairedLayout {
    Objects.requireNonNull(layout, "layout");
    requestedTexts = List.copyOf(requestedTexts);
    repairs = List.copyOf(repairs);
  }
}
