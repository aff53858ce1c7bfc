package io.glyphwright.diffusion.generate;

/** The model failed while generating: the prompt encoder or the UNet on ONNX Runtime. */
public class GenerationException extends Exception {
  private static final long serialVersionUID = 1L;

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
