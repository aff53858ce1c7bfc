package io.glyphwright.ocr;

import io.glyphwright.ocr.ppocr.PpOcrEngine;
import io.glyphwright.ocr.tesseract.TesseractEngine;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Opens OCR engines by name. */
public final class OcrEngines {
  private OcrEngines() {}

  /** The engines, with the names they answer to (the first is the canonical one). */
  public enum Kind {
    PPOCR_V4(PpOcrEngine.NAME, "ppocr", "pp-ocr", "ppocrv4", "paddleocr"),
    TESSERACT(TesseractEngine.NAME, "tess", "tess4j");

    private final List<String> names;

    Kind(String... names) {
      this.names = List.of(names);
    }

    /** The canonical name, as written to {@code ocr.engine}. */
    public String engineName() {
      return names.get(0);
    }

    /**
     * The engine a name means, ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Kind lookup(String name) {
      String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
      for (Kind kind : values()) {
        if (kind.names.contains(key)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "unknown OCR engine '"
              + name
              + "': choose one of "
              + Arrays.stream(values())
                  .map(
                      k ->
                          k.engineName()
                              + " (also "
                              + String.join(", ", k.names.subList(1, k.names.size()))
                              + ")")
                  .collect(Collectors.joining("; ")));
    }
  }

  /** The canonical engine names. */
  public static List<String> names() {
    return Arrays.stream(Kind.values()).map(Kind::engineName).toList();
  }

  /** Opens an engine with {@link OcrSettings#defaults()}. */
  public static OcrEngine open(String name) {
    return open(name, OcrSettings.defaults());
  }

  /**
   * Opens an engine.
   *
   * @param name {@code ppocr-v4} (or {@code ppocr}) or {@code tesseract}
   * @throws IllegalArgumentException for an unknown name
   * @throws OcrException when the engine's models or libraries are missing; the message says to run
   *     {@code ./glyphwright setup}
   */
  public static OcrEngine open(String name, OcrSettings settings) {
    return switch (Kind.lookup(name)) {
      case PPOCR_V4 -> PpOcrEngine.open(settings.ppocrModels(), settings.onnxThreads());
      case TESSERACT ->
          TesseractEngine.open(
              settings.tessdata(), settings.tesseractLanguages(), settings.tesseractPageSegMode());
    };
  }
}
