package io.glyphwright.diffusion.sampling;

import static io.glyphwright.diffusion.NumericAssertions.assertAlmostEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scheduler against a naive double-precision reference of its update rule, written from the
 * papers independently of the implementation, on a fixed analytic "model" and seeded noise.
 */
class SchedulerReferenceTest {
  private static final int IMAGES = 2;
  private static final int LENGTH = IMAGES * 3 * 4 * 4;
  private static final long SEED = 20240611L;

  /** A fixed analytic stand-in for the UNet: smooth in x, varying with t and position. */
  static double model(double x, int t, int j) {
    return 0.6 * x + 0.2 * Math.sin(0.01 * t + 0.37 * j);
  }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    NoiseSchedule[] schedules = {
      NoiseSchedule.linear(1000, 1e-4, 0.02), NoiseSchedule.scaledLinear(1000, 0.00085, 0.012)
    };
    for (NoiseSchedule schedule : schedules) {
      for (PredictionType prediction :
          new PredictionType[] {PredictionType.EPSILON, PredictionType.V_PREDICTION}) {
        for (boolean clip : new boolean[] {false, true}) {
          for (int steps : new int[] {1, 4, 10}) {
            cases.add(
                Arguments.of(
                    new SchedulerConfig(schedule, prediction, TimestepSpacing.TRAILING, clip),
                    steps));
          }
        }
      }
    }
    cases.add(
        Arguments.of(
            new SchedulerConfig(
                NoiseSchedule.cosine(1000),
                PredictionType.V_PREDICTION,
                TimestepSpacing.LEADING,
                true),
            7));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}, {1} steps")
  @MethodSource("cases")
  void ddpmFollowsThePosteriorOfQ(SchedulerConfig config, int steps) {
    float[] actual = run(new DdpmScheduler(config, steps));
    assertAlmostEquals(actual, referenceDdpm(config, steps), 2e-4, 2e-5);
  }

  @ParameterizedTest(name = "{0}, {1} steps")
  @MethodSource("cases")
  void ddimWithEtaZeroFollowsEquation12(SchedulerConfig config, int steps) {
    float[] actual = run(new DdimScheduler(config, steps, 0.0));
    assertAlmostEquals(actual, referenceDdim(config, steps, 0.0), 2e-4, 2e-5);
  }

  @ParameterizedTest(name = "{0}, {1} steps")
  @MethodSource("cases")
  void ddimWithEtaFollowsEquation12(SchedulerConfig config, int steps) {
    float[] actual = run(new DdimScheduler(config, steps, 0.7));
    assertAlmostEquals(actual, referenceDdim(config, steps, 0.7), 2e-4, 2e-5);
  }

  @ParameterizedTest(name = "{0}, {1} steps")
  @MethodSource("cases")
  void dpmSolverFollowsAlgorithm2(SchedulerConfig config, int steps) {
    float[] actual = run(new DpmSolverMultistepScheduler(config, steps));
    assertAlmostEquals(actual, referenceDpmSolver(config, steps), 2e-4, 2e-5);
  }

  @ParameterizedTest(name = "{0}, {1} steps")
  @MethodSource("cases")
  void eulerAncestralFollowsKDiffusion(SchedulerConfig config, int steps) {
    float[] actual = run(new EulerAncestralScheduler(config, steps));
    assertAlmostEquals(actual, referenceEulerAncestral(config, steps), 2e-4, 2e-5);
  }

  /** The sampler's loop around a scheduler, with the analytic model. */
  static float[] run(Scheduler scheduler) {
    GaussianNoise noise = GaussianNoise.forImages(SEED, IMAGES);
    float[] sample = new float[LENGTH];
    noise.fill(sample);
    float init = scheduler.initNoiseSigma();
    for (int j = 0; j < LENGTH; j++) {
      sample[j] *= init;
    }
    float[] output = new float[LENGTH];
    float[] denoised = new float[LENGTH];
    for (int i = 0; i < scheduler.steps(); i++) {
      float scale = scheduler.modelInputScale(i);
      int t = scheduler.timestep(i);
      for (int j = 0; j < LENGTH; j++) {
        output[j] = (float) model(sample[j] * scale, t, j);
      }
      scheduler.step(i, output, sample, denoised, noise);
    }
    return sample;
  }

  // ---- references: straightforward formulas in double precision ----

  /** ᾱ by its definition, the running product of (1 − β). */
  static double[] alphaBars(NoiseSchedule schedule) {
    double[] betas = schedule.betas();
    double[] ab = new double[betas.length];
    double product = 1.0;
    for (int t = 0; t < betas.length; t++) {
      product = product * (1.0 - betas[t]);
      ab[t] = product;
    }
    return ab;
  }

  /** Timesteps as numpy computes them for trailing, leading and linspace spacing. */
  static int[] timesteps(TimestepSpacing spacing, int trainSteps, int steps) {
    int[] ts = new int[steps];
    for (int k = 0; k < steps; k++) {
      switch (spacing) {
        case TRAILING:
          ts[k] = (int) Math.rint(trainSteps - k * (trainSteps / (double) steps)) - 1;
          break;
        case LEADING:
          ts[steps - 1 - k] = k * (trainSteps / steps);
          break;
        case LINSPACE:
          double value = steps == 1 ? 0.0 : k * (trainSteps - 1.0) / (steps - 1);
          ts[steps - 1 - k] = (int) Math.rint(value);
          break;
        default:
          throw new AssertionError(spacing);
      }
    }
    return ts;
  }

  /** The initial sample and the noise stream, drawn in the same order as the sampler draws. */
  private static final class Stream2 {
    final GaussianNoise noise = GaussianNoise.forImages(SEED, IMAGES);

    double[] next() {
      float[] z = new float[LENGTH];
      noise.fill(z);
      double[] wide = new double[LENGTH];
      for (int j = 0; j < LENGTH; j++) {
        wide[j] = z[j];
      }
      return wide;
    }
  }

  private static double clip(SchedulerConfig config, double x0) {
    return config.clipDenoised() ? Math.min(1.0, Math.max(-1.0, x0)) : x0;
  }

  /** x0 from the output, in the variance-preserving frame, for ε- and v-prediction. */
  private static double x0(SchedulerConfig config, double out, double x, double ab) {
    double value =
        config.prediction() == PredictionType.EPSILON
            ? (x - Math.sqrt(1.0 - ab) * out) / Math.sqrt(ab)
            : Math.sqrt(ab) * x - Math.sqrt(1.0 - ab) * out;
    return clip(config, value);
  }

  private static float f(double x) {
    return (float) x;
  }

  /**
   * DDPM: the posterior q(x_s | x_t, x0) by Gaussian conditioning, prior x_s ~ N(sqrt(ᾱ_s)·x0, 1 −
   * ᾱ_s) times likelihood x_t | x_s ~ N(sqrt(a)·x_s, 1 − a), a = ᾱ_t/ᾱ_s.
   */
  static double[] referenceDdpm(SchedulerConfig config, int steps) {
    double[] ab = alphaBars(config.schedule());
    int[] ts = timesteps(config.spacing(), ab.length, steps);
    Stream2 noise = new Stream2();
    double[] x = noise.next();
    for (int i = 0; i < steps; i++) {
      double abT = ab[ts[i]];
      boolean last = i == steps - 1;
      double[] z = last ? null : noise.next();
      for (int j = 0; j < LENGTH; j++) {
        double x0 = x0(config, model(f(x[j]), ts[i], j), f(x[j]), abT);
        if (last) {
          x[j] = x0;
          continue;
        }
        double abS = ab[ts[i + 1]];
        double a = abT / abS;
        double precision = 1.0 / (1.0 - abS) + a / (1.0 - a);
        double variance = 1.0 / precision;
        double mean =
            variance * (Math.sqrt(abS) * x0 / (1.0 - abS) + Math.sqrt(a) * x[j] / (1.0 - a));
        x[j] = mean + Math.sqrt(variance) * z[j];
      }
    }
    return x;
  }

  /** DDIM, Song et al. eq. 12, with ε read back from x0 (equal to the model's ε unless clipped). */
  static double[] referenceDdim(SchedulerConfig config, int steps, double eta) {
    double[] ab = alphaBars(config.schedule());
    int[] ts = timesteps(config.spacing(), ab.length, steps);
    Stream2 noise = new Stream2();
    double[] x = noise.next();
    for (int i = 0; i < steps; i++) {
      double abT = ab[ts[i]];
      double abPrev = i == steps - 1 ? 1.0 : ab[ts[i + 1]];
      double sigma = eta * Math.sqrt((1 - abPrev) / (1 - abT)) * Math.sqrt(1 - abT / abPrev);
      double[] z = sigma > 0 ? noise.next() : null;
      for (int j = 0; j < LENGTH; j++) {
        double xt = f(x[j]);
        double x0 = x0(config, model(xt, ts[i], j), xt, abT);
        double eps = (xt - Math.sqrt(abT) * x0) / Math.sqrt(1 - abT);
        double next = Math.sqrt(abPrev) * x0 + Math.sqrt(1 - abPrev - sigma * sigma) * eps;
        x[j] = z == null ? next : next + sigma * z[j];
      }
    }
    return x;
  }

  /**
   * DPM-Solver++(2M), Lu et al. 2022 algorithm 2: D_i = (1 + 1/(2r_i))·x_θ(t_{i−1}) −
   * 1/(2r_i)·x_θ(t_{i−2}), x_{t_i} = (σ_{t_i}/σ_{t_{i−1}})·x − α_{t_i}·(e^{−h_i} − 1)·D_i; the step
   * to σ = 0 returns x_θ.
   */
  static double[] referenceDpmSolver(SchedulerConfig config, int steps) {
    double[] ab = alphaBars(config.schedule());
    int[] ts = timesteps(config.spacing(), ab.length, steps);
    Stream2 noise = new Stream2();
    double[] x = noise.next();
    double[] previousX0 = new double[LENGTH];
    for (int i = 0; i < steps; i++) {
      double abFrom = ab[ts[i]];
      double[] x0 = new double[LENGTH];
      for (int j = 0; j < LENGTH; j++) {
        x0[j] = x0(config, model(f(x[j]), ts[i], j), f(x[j]), abFrom);
      }
      if (i == steps - 1) {
        x = x0;
        break;
      }
      double abTo = ab[ts[i + 1]];
      double lambdaFrom = Math.log(Math.sqrt(abFrom) / Math.sqrt(1 - abFrom));
      double lambdaTo = Math.log(Math.sqrt(abTo) / Math.sqrt(1 - abTo));
      double h = lambdaTo - lambdaFrom;
      for (int j = 0; j < LENGTH; j++) {
        double d;
        if (i == 0) {
          d = x0[j];
        } else {
          double abBefore = ab[ts[i - 1]];
          double lambdaBefore = Math.log(Math.sqrt(abBefore) / Math.sqrt(1 - abBefore));
          double r = (lambdaFrom - lambdaBefore) / h;
          d = (1 + 1 / (2 * r)) * x0[j] - 1 / (2 * r) * previousX0[j];
        }
        x[j] =
            Math.sqrt(1 - abTo) / Math.sqrt(1 - abFrom) * x[j]
                - Math.sqrt(abTo) * (Math.exp(-h) - 1) * d;
      }
      previousX0 = x0;
    }
    return x;
  }

  /** Euler ancestral as k-diffusion writes it, in sigma space with the VP model wrapper. */
  static double[] referenceEulerAncestral(SchedulerConfig config, int steps) {
    double[] ab = alphaBars(config.schedule());
    int[] ts = timesteps(config.spacing(), ab.length, steps);
    double[] sigmas = new double[steps + 1];
    for (int i = 0; i < steps; i++) {
      sigmas[i] = Math.sqrt((1 - ab[ts[i]]) / ab[ts[i]]);
    }
    Stream2 noise = new Stream2();
    double[] x = noise.next();
    for (int j = 0; j < LENGTH; j++) {
      x[j] = f(x[j]) * f(Math.sqrt(sigmas[0] * sigmas[0] + 1));
    }
    for (int i = 0; i < steps; i++) {
      double sigma = sigmas[i];
      double sigmaNext = sigmas[i + 1];
      double sigmaUp =
          Math.min(
              sigmaNext,
              Math.sqrt(
                  sigmaNext
                      * sigmaNext
                      * (sigma * sigma - sigmaNext * sigmaNext)
                      / (sigma * sigma)));
      double sigmaDown = Math.sqrt(sigmaNext * sigmaNext - sigmaUp * sigmaUp);
      double[] z = sigmaNext > 0 ? noise.next() : null;
      float cIn = f(1 / Math.sqrt(sigma * sigma + 1));
      for (int j = 0; j < LENGTH; j++) {
        double out = model(f(x[j]) * cIn, ts[i], j);
        double denoised =
            config.prediction() == PredictionType.EPSILON
                ? x[j] - sigma * out
                : out * (-sigma / Math.sqrt(sigma * sigma + 1)) + x[j] / (sigma * sigma + 1);
        denoised = clip(config, denoised);
        double d = (x[j] - denoised) / sigma;
        x[j] = x[j] + d * (sigmaDown - sigma);
        if (z != null) {
          x[j] += z[j] * sigmaUp;
        }
      }
    }
    return x;
  }
}
