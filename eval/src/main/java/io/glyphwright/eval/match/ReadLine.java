package io.glyphwright.eval.match;

import io.glyphwright.core.Box;
import java.util.Objects;

/**
 * A line of text the judge read.
 *
 * @param text as read
 * @param box its bounds in image pixels
 * @param confidence the engine's confidence, 0..1
 */
public record ReadLine(String text, Box box, double confidence) {
  public ReadLine {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(box, "box");
  }

  /** A read with full confidence (for hand-written reads in tests and examples). */
  public ReadLine(String text, Box box) {
    this(text, box, 1.0);
  }
}
