package io.glyphwright.diffusion.generate;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Reads a generated image and says, for every line of text that was asked for, whether it came out
 * legible. The real judge (OCR) is plugged in by the caller; a {@link Generator} uses it to report
 * verdicts and to choose among best-of candidates. Implementations used by a shared generator must
 * be thread-safe.
 */
@FunctionalInterface
public interface TextCheck {
  /**
   * Verdicts for {@code requestedLines}, one per line and in the same order.
   *
   * @param image the generated image (RGB, canvas size)
   * @param requestedLines the layout's line texts, in layout order
   */
  List<LineVerdict> check(BufferedImage image, List<String> requestedLines);
}
