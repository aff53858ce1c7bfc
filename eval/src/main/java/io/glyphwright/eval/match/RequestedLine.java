package io.glyphwright.eval.match;

import io.glyphwright.core.Box;
import java.util.Objects;

/**
 * A text the image must show.
 *
 * @param text as the prompt asks for it
 * @param pixelBox where the layout put it, in image pixels; null when no layout placed it (it then
 *     forms a row of its own, see {@link LineMatcher})
 */
public record RequestedLine(String text, Box pixelBox) {
  public RequestedLine {
    Objects.requireNonNull(text, "text");
  }
}
