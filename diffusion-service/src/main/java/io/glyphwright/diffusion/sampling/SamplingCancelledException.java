package io.glyphwright.diffusion.sampling;

import java.util.concurrent.CancellationException;

/**
 * A run stopped before its end, by its {@link CancellationToken} or by an interrupt of its thread;
 * no image comes out of it.
 */
public final class SamplingCancelledException extends CancellationException {
  private static final long serialVersionUID = 1L;

  private final int completedSteps;
  private final int totalSteps;

  public SamplingCancelledException(int completedSteps, int totalSteps, String reason) {
    super("sampling " + reason + " after " + completedSteps + " of " + totalSteps + " steps");
    this.completedSteps = completedSteps;
    this.totalSteps = totalSteps;
  }

  public int completedSteps() {
    return completedSteps;
  }

  public int totalSteps() {
    return totalSteps;
  }
}
