package io.glyphwright.web.ocr;

import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.ocr.OcrSettings;
import io.glyphwright.ocr.ppocr.PpOcrModels;
import io.glyphwright.ocr.tesseract.TesseractEngine;
import io.glyphwright.web.config.GlyphwrightProperties;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The OCR engines, opened on first use and shared by all jobs (both engines are safe to call from
 * several threads), closed when the service stops.
 */
@Component
public class OcrService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OcrService.class);

  private final OcrSettings settings;
  private final OcrEngines.Kind defaultKind;
  private final Map<OcrEngines.Kind, OcrEngine> open = new EnumMap<>(OcrEngines.Kind.class);

  public OcrService(GlyphwrightProperties props) {
    this.settings = OcrSettings.defaults().withOnnxThreads(props.ocr().onnxThreads());
    this.defaultKind = OcrEngines.Kind.lookup(props.ocr().engine());
  }

  /** An engine's availability, as {@code GET /v1/models} lists it. */
  public record EngineInfo(String engine, boolean available, boolean isDefault, String detail) {}

  /**
   * The engine a request names (null or blank: the configured default).
   *
   * @throws ApiProblem 400 for an unknown name
   */
  public OcrEngines.Kind kind(String name) {
    if (name == null || name.isBlank()) {
      return defaultKind;
    }
    try {
      return OcrEngines.Kind.lookup(name);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.field(ProblemType.UNKNOWN_ENGINE, "engine", e.getMessage());
    }
  }

  /**
   * Checks, without loading it, that an engine's files are in place.
   *
   * @throws ApiProblem 503 saying what to install
   */
  public void requireAvailable(OcrEngines.Kind kind) {
    String missing = missing(kind);
    if (missing != null) {
      throw new ApiProblem(ProblemType.OCR_UNAVAILABLE, missing);
    }
  }

  /** Why an engine cannot be opened, or null when its files are in place. */
  public String missing(OcrEngines.Kind kind) {
    synchronized (open) {
      if (open.containsKey(kind)) {
        return null;
      }
    }
    switch (kind) {
      case PPOCR_V4:
        try {
          PpOcrModels.in(settings.ppocrModels());
          return null;
        } catch (OcrException e) {
          return "OCR engine ppocr-v4 is not installed: " + e.getMessage();
        }
      case TESSERACT:
        if (Files.isRegularFile(settings.tessdata().resolve("eng.traineddata"))) {
          return null;
        }
        return "OCR engine tesseract is not installed: no eng.traineddata under "
            + settings.tessdata()
            + "; run ./glyphwright setup (Debian packages tesseract-ocr, tesseract-ocr-eng)";
      default:
        throw new AssertionError(kind);
    }
  }

  /** The engine, opened on first use (which takes a second or two for PP-OCR). */
  public OcrEngine engine(OcrEngines.Kind kind) {
    synchronized (open) {
      OcrEngine engine = open.get(kind);
      if (engine == null) {
        long t0 = System.nanoTime();
        engine = OcrEngines.open(kind.engineName(), settings);
        open.put(kind, engine);
        LOG.info(
            "opened OCR engine {} in {} ms",
            kind.engineName(),
            (System.nanoTime() - t0) / 1_000_000);
      }
      return engine;
    }
  }

  public List<EngineInfo> describe() {
    return List.of(OcrEngines.Kind.values()).stream()
        .map(
            k -> {
              String missing = missing(k);
              return new EngineInfo(
                  k.engineName(),
                  missing == null,
                  k == defaultKind,
                  missing == null
                      ? (k == OcrEngines.Kind.PPOCR_V4
                          ? "PP-OCRv4 on ONNX Runtime, models in " + settings.ppocrModels()
                          : "Tesseract " + TesseractEngine.DEFAULT_LANGUAGES + " via Tess4J")
                      : missing);
            })
        .toList();
  }

  @Override
  public void close() {
    synchronized (open) {
      open.values().forEach(OcrEngine::close);
      open.clear();
    }
  }
}
