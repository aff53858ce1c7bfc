package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.ppocr.CtcDecoder.CtcChar;
import java.util.ArrayList;
import java.util.List;

/**
 * Places decoded characters along the recogniser's input from their CTC time steps. A CTC model
 * fires a character near the middle of its glyph, so each character spans from half-way to its left
 * neighbour's run to half-way to its right neighbour's; the outer edges of the first and last
 * character lie half a character pitch out from their runs. Spaces take part as neighbours but get
 * no span of their own.
 */
public final class CtcAlignment {
  private CtcAlignment() {}

  /** A character's horizontal extent in the recogniser input's pixels, {@code [left, right)}. */
  public record Span(String text, double left, double right) {}

  /**
   * @param chars the decoded characters, spaces included
   * @param stepWidth input pixels per time step ({@code inputWidth / steps})
   * @param contentWidth the width of the real (unpadded) content in the input
   * @return one span per non-space character, in order
   */
  public static List<Span> spans(List<CtcChar> chars, double stepWidth, double contentWidth) {
    int n = chars.size();
    List<Span> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    double[] centre = new double[n];
    for (int i = 0; i < n; i++) {
      centre[i] = (chars.get(i).firstStep() + chars.get(i).lastStep() + 1) / 2.0 * stepWidth;
    }
    double halfPitch = n == 1 ? contentWidth / 2 : (centre[n - 1] - centre[0]) / (n - 1) / 2.0;
    for (int i = 0; i < n; i++) {
      CtcChar c = chars.get(i);
      if (c.text().isBlank()) {
        continue;
      }
      double left =
          i == 0
              ? (n == 1 ? 0 : centre[0] - halfPitch)
              : (chars.get(i - 1).lastStep() + 1 + c.firstStep()) / 2.0 * stepWidth;
      double right =
          i == n - 1
              ? (n == 1 ? contentWidth : centre[n - 1] + halfPitch)
              : (c.lastStep() + 1 + chars.get(i + 1).firstStep()) / 2.0 * stepWidth;
      left = Math.max(0, Math.min(contentWidth, left));
      right = Math.max(left, Math.min(contentWidth, right));
      out.add(new Span(c.text(), left, right));
    }
    return out;
  }
}
