package io.glyphwright.diffusion.sampling;

/** A denoiser with one run's conditioning bound; one thread at a time. */
public interface ConditionedDenoiser extends AutoCloseable {
  /**
   * Runs the network once.
   *
   * @param x {@code [B, C·r², h, w]} noisy samples (already scaled by the scheduler)
   * @param t {@code [B]} training timesteps (integers stored as floats)
   * @param out receives {@code [B, C·r², h, w]}, the network's output
   * @throws DenoiserException if the backend fails
   */
  void predict(float[] x, float[] t, float[] out) throws DenoiserException;

  /** Releases what the run held. */
  @Override
  void close();
}
