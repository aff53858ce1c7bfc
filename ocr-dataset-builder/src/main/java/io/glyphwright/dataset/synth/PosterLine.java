package io.glyphwright.dataset.synth;

import io.glyphwright.core.Box;
import io.glyphwright.dataset.CorpusLine;
import java.util.Objects;

/**
 * One line as drawn on a synthetic poster.
 *
 * @param item what the line says and what it is
 * @param faceId the font registry id of its face
 * @param color the fill colour, {@code 0xRRGGBB}
 * @param angleDegrees its rotation about its centre, clockwise on screen, within ±8°
 * @param shadow true when a drop shadow was drawn under it
 * @param outline true when an outline was drawn around it
 * @param plate true when a solid plate (label) was drawn behind it
 * @param truth its ground truth: text, quad, box, characters, in poster pixels
 * @param gridBox its TD2 box on the 128 grid: the outward rounding of {@code truth.box()}
 * @param coverage where its fill landed
 */
public record PosterLine(
    PosterText.Item item,
    String faceId,
    int color,
    double angleDegrees,
    boolean shadow,
    boolean outline,
    boolean plate,
    CorpusLine truth,
    Box gridBox,
    Coverage coverage) {
  public PosterLine {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(faceId, "faceId");
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(gridBox, "gridBox");
    Objects.requireNonNull(coverage, "coverage");
  }

  public String text() {
    return truth.text();
  }
}
