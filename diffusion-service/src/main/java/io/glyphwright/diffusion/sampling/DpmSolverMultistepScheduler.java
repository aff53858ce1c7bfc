package io.glyphwright.diffusion.sampling;

/**
 * DPM-Solver++(2M) (Lu et al. 2022, algorithm 2): a second-order multistep solver of the
 * probability-flow ODE in data-prediction form, with half-log-SNR {@code λ = log(α/σ)}.
 *
 * <p>From timestep {@code s} to the next {@code t}, with {@code h = λ_t − λ_s}, {@code D} the
 * denoised estimate at {@code s}: first order {@code x_t = (σ_t/σ_s)·x_s − α_t·(e^{−h} − 1)·D};
 * second order replaces {@code D} by {@code D + (D − D_prev)/(2r)} where {@code r = h_prev/h} and
 * {@code D_prev} is the previous step's estimate. The first step has no history and is first order.
 * The last step goes to clean data ({@code σ = 0}, {@code λ = ∞}), where the first-order update is
 * exactly {@code x = D}; this is the "lower-order final step" diffusers takes (for runs of fewer
 * than 15 steps, and always when the final sigma is zero), which keeps few-step runs stable.
 */
public final class DpmSolverMultistepScheduler extends DiscreteScheduler {
  private float[] previousDenoised;

  /** A DPM-Solver++(2M) run of {@code steps} steps. */
  public DpmSolverMultistepScheduler(SchedulerConfig config, int steps) {
    super(config, steps);
  }

  @Override
  public void step(
      int i, float[] modelOutput, float[] sample, float[] denoised, NoiseSource noise) {
    begin(i, modelOutput, sample, denoised);
    double abS = alphaBarAt(i);
    double alphaS = Math.sqrt(abS);
    double sigmaS = Math.sqrt(1.0 - abS);
    if (isLast(i)) {
      for (int j = 0; j < sample.length; j++) {
        float x0 = (float) denoise(modelOutput[j], sample[j], alphaS, sigmaS);
        denoised[j] = x0;
        sample[j] = x0;
      }
      return;
    }
    double abT = alphaBarAfter(i);
    double alphaT = Math.sqrt(abT);
    double sigmaT = Math.sqrt(1.0 - abT);
    double h = lambda(abT) - lambda(abS);
    double coefX = sigmaT / sigmaS;
    double coefD = -alphaT * Math.expm1(-h);
    boolean secondOrder = i > 0;
    double halfOverR = 0.0;
    if (secondOrder) {
      double hPrevious = lambda(abS) - lambda(schedule.alphaBar(timesteps[i - 1]));
      halfOverR = 0.5 * h / hPrevious;
    }
    if (previousDenoised == null || previousDenoised.length != sample.length) {
      previousDenoised = new float[sample.length];
    }
    for (int j = 0; j < sample.length; j++) {
      double x = sample[j];
      double d = denoise(modelOutput[j], x, alphaS, sigmaS);
      double dEff = secondOrder ? d + halfOverR * (d - previousDenoised[j]) : d;
      denoised[j] = (float) d;
      previousDenoised[j] = (float) d;
      sample[j] = (float) (coefX * x + coefD * dEff);
    }
  }

  /** Half log signal-to-noise ratio {@code log(α/σ) = ½·log(ᾱ/(1 − ᾱ))}. */
  private static double lambda(double alphaBar) {
    return 0.5 * Math.log(alphaBar / (1.0 - alphaBar));
  }
}
