package io.glyphwright.ocr;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What an engine read in one image.
 *
 * @param engine the engine's name ({@code ppocr-v4}, {@code tesseract})
 * @param width the image width in pixels
 * @param height the image height in pixels
 * @param lines the text lines in reading order; empty when the image holds no readable text
 */
public record OcrResult(String engine, int width, int height, List<OcrLine> lines) {
  public OcrResult {
    Objects.requireNonNull(engine, "engine");
    lines = List.copyOf(lines);
  }

  /** The lines' texts joined by newlines. */
  public String text() {
    return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
  }
}
