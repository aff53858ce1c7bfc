package io.glyphwright.diffusion.sampling;

/**
 * Euler ancestral (Karras et al. 2022 / k-diffusion {@code sample_euler_ancestral}, η = 1) in sigma
 * space: the sample is {@code x = x0 + σ·ε} with {@code σ = sqrt((1 − ᾱ)/ᾱ)}, and the model sees
 * {@code x/sqrt(σ² + 1)}, which is the variance-preserving sample it was trained on.
 *
 * <p>From {@code σ_from} to {@code σ_to}: {@code σ_up = sqrt(σ_to²·(σ_from² − σ_to²)/σ_from²)},
 * {@code σ_down = sqrt(σ_to² − σ_up²)}, {@code d = (x − x0)/σ_from}, {@code x ← x + d·(σ_down −
 * σ_from) + σ_up·z}. The last step goes to {@code σ = 0} (no noise), ending on {@code x0}. The run
 * starts from noise of standard deviation {@code sqrt(σ_max² + 1)}.
 */
public final class EulerAncestralScheduler extends DiscreteScheduler {
  private final double[] sigmas;

  /** An Euler ancestral run of {@code steps} steps. */
  public EulerAncestralScheduler(SchedulerConfig config, int steps) {
    super(config, steps);
    sigmas = new double[timesteps.length + 1];
    for (int i = 0; i < timesteps.length; i++) {
      sigmas[i] = schedule.sigma(timesteps[i]);
    }
  }

  /** The sigma at step {@code i}; {@code sigma(steps())} is 0. */
  public double sigma(int i) {
    return sigmas[i];
  }

  @Override
  public float modelInputScale(int i) {
    return (float) (1.0 / Math.sqrt(sigmas[i] * sigmas[i] + 1.0));
  }

  @Override
  public float initNoiseSigma() {
    return (float) Math.sqrt(sigmas[0] * sigmas[0] + 1.0);
  }

  @Override
  public void step(
      int i, float[] modelOutput, float[] sample, float[] denoised, NoiseSource noise) {
    begin(i, modelOutput, sample, denoised);
    double sigmaFrom = sigmas[i];
    double sigmaTo = sigmas[i + 1];
    double sigmaUp =
        Math.sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo)) / sigmaFrom;
    double sigmaDown = Math.sqrt(Math.max(sigmaTo * sigmaTo - sigmaUp * sigmaUp, 0.0));
    // The model works in the variance-preserving frame: x_vp = x·α, with α = 1/sqrt(σ² + 1).
    double alpha = 1.0 / Math.sqrt(sigmaFrom * sigmaFrom + 1.0);
    double sigmaVp = sigmaFrom * alpha;
    float[] z = sigmaTo > 0.0 ? drawNoise(noise, sample.length) : null;
    double dt = sigmaDown - sigmaFrom;
    for (int j = 0; j < sample.length; j++) {
      double x = sample[j];
      double x0 = denoise(modelOutput[j], x * alpha, alpha, sigmaVp);
      double next = x + (x - x0) / sigmaFrom * dt;
      if (z != null) {
        next += sigmaUp * z[j];
      }
      denoised[j] = (float) x0;
      sample[j] = (float) next;
    }
  }
}
