package io.glyphwright.eval.fidelity;

import io.glyphwright.diffusion.generate.LineVerdict;
import io.glyphwright.diffusion.generate.TextCheck;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.ocr.OcrEngine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The generator's {@link TextCheck} backed by the evaluation's OCR judge, so that best-of-K and the
 * CLI's verdicts use the same rule as the harness.
 *
 * <p>A line is <em>read</em> when the harness counts it as read exactly for sentence accuracy
 * ({@link io.glyphwright.eval.match.LineVerdict#exact()}: matched whole, alone, split across read
 * lines or merged with a neighbour, under {@link io.glyphwright.eval.text.TextRules}); its
 * <em>score</em> is AnyText's NED similarity (1 when read), and <em>readAs</em> the read it was
 * compared with. The generator gives only the texts, not where the layout put them, so every
 * requested line is its own row for the matcher (no merges across requested lines).
 *
 * <p>Holds no state of its own: thread-safe when the engine is (the PP-OCR and Tesseract engines
 * are).
 */
public final class OcrTextCheck implements TextCheck {
  private final OcrJudge judge;

  /** A check over {@code engine}; the caller keeps ownership of the engine and closes it. */
  public OcrTextCheck(OcrEngine engine) {
    this.judge = new OcrJudge(engine);
  }

  /** The engine's name ({@code ppocr-v4}, {@code tesseract}). */
  public String name() {
    return judge.name();
  }

  @Override
  public List<LineVerdict> check(BufferedImage image, List<String> requestedLines) {
    Objects.requireNonNull(image, "image");
    List<RequestedLine> requested = new ArrayList<>(requestedLines.size());
    for (String text : requestedLines) {
      requested.add(new RequestedLine(text, null));
    }
    Judgement judgement = judge.judge(image, requested);
    List<LineVerdict> out = new ArrayList<>(requested.size());
    for (io.glyphwright.eval.match.LineVerdict v : judgement.matching().lines()) {
      out.add(new LineVerdict(v.requested(), v.exact(), clamp(v.ned()), v.bestRead()));
    }
    return List.copyOf(out);
  }

  private static double clamp(double score) {
    return Double.isNaN(score) ? 0.0 : Math.max(0.0, Math.min(1.0, score));
  }
}
