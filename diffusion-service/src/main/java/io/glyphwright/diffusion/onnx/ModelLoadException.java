package io.glyphwright.diffusion.onnx;

/** A model file could not be loaded, or is not a network this sampler can drive. */
public class ModelLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
