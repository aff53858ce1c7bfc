package io.glyphwright.diffusion.sampling;

/** The denoiser's backend failed while running the network. */
public class DenoiserException extends Exception {
  private static final long serialVersionUID = 1L;

  public DenoiserException(String message, Throwable cause) {
    super(message, cause);
  }

  public DenoiserException(String message) {
    super(message);
  }
}
