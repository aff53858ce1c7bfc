package io.glyphwright.diffusion.sampling;

import java.util.Arrays;
import java.util.Locale;

/**
 * The training noise schedule: betas {@code β_0 … β_{T−1}} and their cumulative products {@code ᾱ_t
 * = Π_{s≤t} (1 − β_s)}. It must be the very schedule the model was trained with; a model package
 * names it in its metadata ({@link #named}).
 *
 * <p>Immutable and thread-safe.
 */
public final class NoiseSchedule {
  /** The longest schedule accepted. */
  public static final int MAX_TRAIN_STEPS = 100_000;

  /** Offset {@code s} of the cosine schedule (Nichol & Dhariwal 2021). */
  public static final double COSINE_OFFSET = 0.008;

  /** Largest beta of the cosine schedule, which would otherwise reach 1 at the last step. */
  public static final double COSINE_MAX_BETA = 0.999;

  private final String description;
  private final double[] betas;
  private final double[] alphasCumprod;

  private NoiseSchedule(String description, double[] betas) {
    if (betas.length < 1 || betas.length > MAX_TRAIN_STEPS) {
      throw new IllegalArgumentException(
          "a noise schedule has 1.." + MAX_TRAIN_STEPS + " steps, got " + betas.length);
    }
    this.description = description;
    this.betas = betas;
    this.alphasCumprod = new double[betas.length];
    double product = 1.0;
    for (int t = 0; t < betas.length; t++) {
      double beta = betas[t];
      if (!(beta > 0.0 && beta < 1.0)) {
        throw new IllegalArgumentException(
            "every beta lies in (0, 1); beta[" + t + "] = " + beta + " in " + description);
      }
      product *= 1.0 - beta;
      alphasCumprod[t] = product;
    }
  }

  /**
   * Betas spaced linearly from {@code betaStart} to {@code betaEnd} (Ho et al. 2020 use {@code
   * linear(1000, 1e-4, 0.02)}).
   */
  public static NoiseSchedule linear(int trainSteps, double betaStart, double betaEnd) {
    checkSteps(trainSteps);
    double[] betas = new double[trainSteps];
    for (int t = 0; t < trainSteps; t++) {
      betas[t] = betaStart + (betaEnd - betaStart) * fraction(t, trainSteps);
    }
    return new NoiseSchedule(
        String.format(Locale.ROOT, "linear(%d, %s, %s)", trainSteps, betaStart, betaEnd), betas);
  }

  /**
   * Square roots of the betas spaced linearly, then squared (Stable Diffusion uses {@code
   * scaledLinear(1000, 0.00085, 0.012)}).
   */
  public static NoiseSchedule scaledLinear(int trainSteps, double betaStart, double betaEnd) {
    checkSteps(trainSteps);
    double a = Math.sqrt(betaStart);
    double b = Math.sqrt(betaEnd);
    double[] betas = new double[trainSteps];
    for (int t = 0; t < trainSteps; t++) {
      double root = a + (b - a) * fraction(t, trainSteps);
      betas[t] = root * root;
    }
    return new NoiseSchedule(
        String.format(Locale.ROOT, "scaled_linear(%d, %s, %s)", trainSteps, betaStart, betaEnd),
        betas);
  }

  /**
   * The cosine schedule of Nichol & Dhariwal (2021): {@code ᾱ(τ) = cos²(((τ + s)/(1 + s))·π/2)} for
   * {@code τ = t/T}, betas {@code 1 − ᾱ((t+1)/T)/ᾱ(t/T)} capped at {@link #COSINE_MAX_BETA}.
   */
  public static NoiseSchedule cosine(int trainSteps) {
    checkSteps(trainSteps);
    double[] betas = new double[trainSteps];
    for (int t = 0; t < trainSteps; t++) {
      double ratio =
          cosineAlphaBar((t + 1.0) / trainSteps) / cosineAlphaBar((double) t / trainSteps);
      betas[t] = Math.min(1.0 - ratio, COSINE_MAX_BETA);
    }
    return new NoiseSchedule(String.format(Locale.ROOT, "cosine(%d)", trainSteps), betas);
  }

  /** A schedule from explicit betas (copied). */
  public static NoiseSchedule fromBetas(double[] betas) {
    return new NoiseSchedule("betas(" + betas.length + ")", betas.clone());
  }

  /**
   * A schedule by the name a model package uses: {@code linear}, {@code scaled_linear} or {@code
   * cosine} (forgiving about case, dashes and underscores). {@code betaStart} and {@code betaEnd}
   * are ignored by the cosine schedule.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static NoiseSchedule named(String kind, int trainSteps, double betaStart, double betaEnd) {
    String key = kind == null ? "" : kind.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    switch (key) {
      case "linear":
        return linear(trainSteps, betaStart, betaEnd);
      case "scaledlinear":
        return scaledLinear(trainSteps, betaStart, betaEnd);
      case "cosine":
      case "squaredcoscapv2":
        return cosine(trainSteps);
      default:
        throw new IllegalArgumentException(
            "unknown noise schedule '" + kind + "'; use one of: linear, scaled_linear, cosine");
    }
  }

  /** Number of training timesteps {@code T}; timesteps run {@code 0 … T−1}. */
  public int trainSteps() {
    return betas.length;
  }

  /** {@code β_t}. */
  public double beta(int t) {
    return betas[t];
  }

  /** {@code ᾱ_t}, the signal fraction of variance at timestep {@code t}. */
  public double alphaBar(int t) {
    return alphasCumprod[t];
  }

  /** The noise-to-signal ratio {@code sqrt((1 − ᾱ_t)/ᾱ_t)}, the "sigma" of k-diffusion. */
  public double sigma(int t) {
    double ab = alphasCumprod[t];
    return Math.sqrt((1.0 - ab) / ab);
  }

  /** A copy of the betas. */
  public double[] betas() {
    return betas.clone();
  }

  /** How the schedule was made, e.g. {@code linear(1000, 1.0E-4, 0.02)}; fit for metadata. */
  @Override
  public String toString() {
    return description;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoiseSchedule other && Arrays.equals(betas, other.betas);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(betas);
  }

  private static double cosineAlphaBar(double tau) {
    double c = Math.cos((tau + COSINE_OFFSET) / (1.0 + COSINE_OFFSET) * Math.PI / 2.0);
    return c * c;
  }

  private static double fraction(int t, int trainSteps) {
    return trainSteps == 1 ? 0.0 : (double) t / (trainSteps - 1);
  }

  private static void checkSteps(int trainSteps) {
    if (trainSteps < 1 || trainSteps > MAX_TRAIN_STEPS) {
      throw new IllegalArgumentException(
          "a noise schedule has 1.." + MAX_TRAIN_STEPS + " training steps, got " + trainSteps);
    }
  }
}
