package io.glyphwright.diffusion.sampling;

/**
 * DDPM (Ho et al. 2020): ancestral sampling from the posterior {@code q(x_s | x_t, x0)}, with the
 * step skipping of diffusers when there are fewer sampling steps than training steps.
 *
 * <p>From timestep {@code t} to the next one {@code s} (clean data after the last): with {@code β =
 * 1 − ᾱ_t/ᾱ_s}, the next sample is drawn from N(μ, v) where {@code μ = sqrt(ᾱ_s)·β/(1 − ᾱ_t)·x0 +
 * sqrt(1 − β)·(1 − ᾱ_s)/(1 − ᾱ_t)·x_t} and {@code v = (1 − ᾱ_s)/(1 − ᾱ_t)·β} (the posterior
 * variance, "fixed small"); the last step adds no noise.
 */
public final class DdpmScheduler extends DiscreteScheduler {

  /** A DDPM run of {@code steps} steps. */
  public DdpmScheduler(SchedulerConfig config, int steps) {
    super(config, steps);
  }

  @Override
  public void step(
      int i, float[] modelOutput, float[] sample, float[] denoised, NoiseSource noise) {
    begin(i, modelOutput, sample, denoised);
    double abT = alphaBarAt(i);
    double abS = alphaBarAfter(i);
    double beta = 1.0 - abT / abS;
    double alpha = Math.sqrt(abT);
    double sigma = Math.sqrt(1.0 - abT);
    double coefX0 = Math.sqrt(abS) * beta / (1.0 - abT);
    double coefXt = Math.sqrt(1.0 - beta) * (1.0 - abS) / (1.0 - abT);
    double std = Math.sqrt(Math.max((1.0 - abS) / (1.0 - abT) * beta, 1e-20));
    float[] z = isLast(i) ? null : drawNoise(noise, sample.length);
    for (int j = 0; j < sample.length; j++) {
      double x = sample[j];
      double x0 = denoise(modelOutput[j], x, alpha, sigma);
      double next = coefX0 * x0 + coefXt * x;
      if (z != null) {
        next += std * z[j];
      }
      denoised[j] = (float) x0;
      sample[j] = (float) next;
    }
  }
}
