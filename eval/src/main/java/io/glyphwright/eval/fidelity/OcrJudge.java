package io.glyphwright.eval.fidelity;

import io.glyphwright.eval.match.ReadLine;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrLine;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads an image with an OCR engine and scores the read against the requested lines. */
public final class OcrJudge {
  private final OcrEngine engine;

  /** A judge over {@code engine}; the caller keeps ownership of the engine and closes it. */
  public OcrJudge(OcrEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** The engine's name ({@code ppocr-v4}, {@code tesseract}). */
  public String name() {
    return engine.name();
  }

  public Judgement judge(BufferedImage image, List<RequestedLine> requested) {
    List<ReadLine> reads = new ArrayList<>();
    for (OcrLine line : engine.read(image).lines()) {
      if (!line.text().isBlank()) {
        reads.add(new ReadLine(line.text(), line.box(), line.confidence()));
      }
    }
    return Judgement.of(requested, reads);
  }
}
