package io.glyphwright.web.jobs;

/** Thrown inside a job's work when the job was cancelled; ends the work quietly. */
public class JobCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobCancelledException() {
    super("the job was cancelled");
  }
}
