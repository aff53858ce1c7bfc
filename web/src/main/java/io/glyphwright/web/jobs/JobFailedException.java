package io.glyphwright.web.jobs;

/** A job cannot finish; the message tells the user why and what to do. */
public class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message) {
    super(message);
  }

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
