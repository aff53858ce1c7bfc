package io.glyphwright.diffusion.sampling;

/**
 * DDIM (Song et al. 2021, eq. 12): {@code x_s = sqrt(ᾱ_s)·x0 + sqrt(1 − ᾱ_s − σ²)·ε + σ·z} with
 * {@code σ = η·sqrt((1 − ᾱ_s)/(1 − ᾱ_t))·sqrt(1 − ᾱ_t/ᾱ_s)}. {@code η = 0} is deterministic (the
 * probability-flow ODE's first-order solver); {@code η = 1} has DDPM's variance. The step after the
 * last goes to clean data ({@code ᾱ_s = 1}), so the run ends on {@code x0}.
 */
public final class DdimScheduler extends DiscreteScheduler {
  /** Largest accepted η. */
  public static final double MAX_ETA = 1.0;

  private final double eta;

  /**
   * A DDIM run of {@code steps} steps with stochasticity {@code eta} in {@code [0, 1]}.
   *
   * @throws IllegalArgumentException if {@code eta} is out of range
   */
  public DdimScheduler(SchedulerConfig config, int steps, double eta) {
    super(config, steps);
    if (!(eta >= 0.0 && eta <= MAX_ETA)) {
      throw new IllegalArgumentException("DDIM eta must be 0.." + MAX_ETA + ", got " + eta);
    }
    this.eta = eta;
  }

  /** The η of this run. */
  public double eta() {
    return eta;
  }

  @Override
  public void step(
      int i, float[] modelOutput, float[] sample, float[] denoised, NoiseSource noise) {
    begin(i, modelOutput, sample, denoised);
    double abT = alphaBarAt(i);
    double abS = alphaBarAfter(i);
    double alpha = Math.sqrt(abT);
    double sigma = Math.sqrt(1.0 - abT);
    double std = eta * Math.sqrt((1.0 - abS) / (1.0 - abT)) * Math.sqrt(1.0 - abT / abS);
    double coefX0 = Math.sqrt(abS);
    double coefEps = Math.sqrt(Math.max(1.0 - abS - std * std, 0.0));
    float[] z = std > 0.0 ? drawNoise(noise, sample.length) : null;
    for (int j = 0; j < sample.length; j++) {
      double x = sample[j];
      double o = modelOutput[j];
      double x0 = denoise(o, x, alpha, sigma);
      double eps = clipDenoised ? (x - alpha * x0) / sigma : prediction.epsilon(o, x, alpha, sigma);
      double next = coefX0 * x0 + coefEps * eps;
      if (z != null) {
        next += std * z[j];
      }
      denoised[j] = (float) x0;
      sample[j] = (float) next;
    }
  }
}
