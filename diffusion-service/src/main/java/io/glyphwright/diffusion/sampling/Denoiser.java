package io.glyphwright.diffusion.sampling;

/**
 * The network a sampler drives: given noisy samples, timesteps and conditioning it predicts noise
 * (or velocity, or clean samples: see {@link SchedulerConfig#prediction()}). The ONNX Runtime
 * implementation is {@code io.glyphwright.diffusion.onnx.OnnxDenoiser}; tests use plain Java ones.
 *
 * <p>Implementations must be safe to use from several threads at once, one run per thread.
 */
public interface Denoiser {
  /** What this denoiser expects and how it was trained. */
  DenoiserSpec spec();

  /**
   * Binds the inputs that stay fixed through one sampling run, so that they are converted once. The
   * caller closes the result when the run ends.
   *
   * @throws IllegalArgumentException if the conditioning does not fit the spec or the model
   * @throws DenoiserException if the backend fails
   */
  ConditionedDenoiser condition(Conditioning conditioning) throws DenoiserException;
}
