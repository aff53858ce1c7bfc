package io.glyphwright.dataset.build;

import java.util.Objects;

/**
 * A pipeline step refused an input. Thrown inside the pipeline and turned into a rejected {@link
 * Outcome} by {@link SamplePipeline#process}; never escapes it.
 */
public final class SampleRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;

  public SampleRejectedException(RejectReason reason, String detail) {
    super(detail, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public SampleRejectedException(RejectReason reason, String detail, Throwable cause) {
    super(detail, cause, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectReason reason() {
    return reason;
  }
}
