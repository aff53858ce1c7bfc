package io.glyphwright.ocr;

import java.awt.image.BufferedImage;

/**
 * An OCR engine: reads the text lines of an image, with their quadrilaterals, boxes, confidences
 * and per-character boxes.
 *
 * <p>Implementations are safe to call from several threads at once; each keeps its native handles
 * (ONNX Runtime sessions, Tesseract handles) alive between calls. Close the engine once no read is
 * in flight; a read after {@link #close()} throws {@link IllegalStateException}.
 */
public interface OcrEngine extends AutoCloseable {

  /** The engine's name as written to a corpus sample's {@code ocr.engine} field. */
  String name();

  /**
   * Reads the text of an image. Any {@link BufferedImage} type is accepted (alpha is composited
   * over white). Lines come in reading order: top to bottom, left to right within a row.
   *
   * @throws OcrException when the engine fails on this image
   */
  OcrResult read(BufferedImage image);

  /** Releases the native resources; idempotent. */
  @Override
  void close();
}
