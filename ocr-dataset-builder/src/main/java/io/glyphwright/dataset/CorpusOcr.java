package io.glyphwright.dataset;

import java.util.List;
import java.util.Objects;

/**
 * A corpus sample's {@code ocr} field: what was read in the image, or, for synthetic samples, what
 * was drawn.
 *
 * @param engine the engine's name ({@code ppocr-v4}, {@code tesseract}, {@code synthetic})
 * @param lines the text lines in reading order
 */
public record CorpusOcr(String engine, List<CorpusLine> lines) {
  public CorpusOcr {
    Objects.requireNonNull(engine, "engine");
    lines = List.copyOf(lines);
  }
}
