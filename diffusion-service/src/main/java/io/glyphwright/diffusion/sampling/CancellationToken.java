package io.glyphwright.diffusion.sampling;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a sampling run to stop. Any thread may {@link #cancel()}; the run checks between steps and
 * then throws {@link SamplingCancelledException}. One token may serve several runs.
 */
public final class CancellationToken {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** A token that is never cancelled unless someone calls {@link #cancel()}. */
  public static CancellationToken create() {
    return new CancellationToken();
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }
}
