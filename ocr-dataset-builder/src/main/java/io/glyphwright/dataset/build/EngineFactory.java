package io.glyphwright.dataset.build;

import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import java.io.Serializable;

/**
 * Opens the OCR engine a pipeline uses. Serialisable, so that a pipeline shipped to another JVM (a
 * Spark executor) opens its engines there, on first use.
 */
@FunctionalInterface
public interface EngineFactory extends Serializable {
  /**
   * Opens an engine.
   *
   * @param onnxThreads ONNX Runtime intra-op threads per model run (0 = ONNX Runtime's choice);
   *     engines without ONNX Runtime ignore it
   * @throws io.glyphwright.ocr.OcrException when the engine's models or libraries are missing
   */
  OcrEngine open(int onnxThreads);

  /** The engine the settings name, with their model folder and Tesseract data. */
  static EngineFactory of(PipelineSettings settings) {
    return threads -> OcrEngines.open(settings.engine(), settings.ocrSettings(threads));
  }
}
