package io.glyphwright.diffusion.pkg;

import java.io.IOException;

/**
 * A model package is missing, incomplete, damaged, altered or of another kind. The message is one
 * line that names the file and says what to do.
 */
public class ModelPackageException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelPackageException(String message) {
    super(message);
  }

  public ModelPackageException(String message, Throwable cause) {
    super(message, cause);
  }
}
