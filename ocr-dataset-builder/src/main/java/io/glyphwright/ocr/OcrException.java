package io.glyphwright.ocr;

/** An OCR engine could not be opened or failed on an image; the message says what to do. */
public class OcrException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public OcrException(String message) {
    super(message);
  }

  public OcrException(String message, Throwable cause) {
    super(message, cause);
  }
}
