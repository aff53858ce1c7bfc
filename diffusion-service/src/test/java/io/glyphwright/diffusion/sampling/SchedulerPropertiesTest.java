package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties every scheduler must have, with oracle denoisers whose answer is known. */
class SchedulerPropertiesTest {
  private static final int LENGTH = 2 * 3 * 8 * 8;

  /** A denoiser for data whose elements are N(mu, s²) independently; s = 0 is one data point. */
  private record GaussianData(double mu, double s) {
    /** The exact E[x0 | x_t] as the model's output of the given prediction type. */
    double output(PredictionType prediction, double x, double alphaBar) {
      double alpha = Math.sqrt(alphaBar);
      double sigma = Math.sqrt(1.0 - alphaBar);
      double x0 = mu + alpha * s * s / (alpha * alpha * s * s + sigma * sigma) * (x - alpha * mu);
      double eps = (x - alpha * x0) / sigma;
      switch (prediction) {
        case EPSILON:
          return eps;
        case V_PREDICTION:
          return alpha * eps - sigma * x0;
        case SAMPLE:
          return x0;
        default:
          throw new AssertionError(prediction);
      }
    }
  }

  private static float[] sample(
      Scheduler scheduler, SchedulerConfig config, GaussianData data, float[] start, long seed) {
    GaussianNoise noise = GaussianNoise.forImages(seed, 2);
    float[] x = start.clone();
    float[] out = new float[x.length];
    float[] denoised = new float[x.length];
    for (int i = 0; i < scheduler.steps(); i++) {
      double ab = config.schedule().alphaBar(scheduler.timestep(i));
      float scale = scheduler.modelInputScale(i);
      for (int j = 0; j < x.length; j++) {
        out[j] = (float) data.output(config.prediction(), x[j] * scale, ab);
      }
      scheduler.step(i, out, x, denoised, noise);
    }
    return x;
  }

  private static float[] noise(long seed, float scale) {
    float[] z = new float[LENGTH];
    GaussianNoise.forImages(seed, 2).fill(z);
    for (int j = 0; j < z.length; j++) {
      z[j] *= scale;
    }
    return z;
  }

  @ParameterizedTest
  @EnumSource(SchedulerKind.class)
  void aPerfectOracleForOneDataPointRecoversIt(SchedulerKind kind) {
    for (PredictionType prediction : PredictionType.values()) {
      SchedulerConfig config =
          SchedulerConfig.defaults().withPrediction(prediction).withClipDenoised(false);
      GaussianData point = new GaussianData(0.37, 0.0);
      Scheduler scheduler = kind.create(config, 5, 0.0);
      float[] x = sample(scheduler, config, point, noise(7, scheduler.initNoiseSigma()), 11);
      for (float value : x) {
        assertEquals(0.37, value, 1e-4, kind + " " + prediction);
      }
    }
  }

  /**
   * For N(mu, s²) data the probability-flow ODE is known in closed form: x_t = α_t·mu +
   * sqrt(α_t²·s² + σ_t²)·z with z fixed, so x_T maps to mu + s·z. The deterministic solvers must
   * approach that map, DPM-Solver++(2M) faster than DDIM.
   */
  @Test
  void deterministicSolversFollowTheExactOdeOfGaussianData() {
    for (PredictionType prediction :
        new PredictionType[] {PredictionType.EPSILON, PredictionType.V_PREDICTION}) {
      SchedulerConfig config =
          SchedulerConfig.defaults().withPrediction(prediction).withClipDenoised(false);
      GaussianData data = new GaussianData(0.2, 0.5);
      double abT = config.schedule().alphaBar(config.schedule().trainSteps() - 1);
      float[] z = noise(3, 1.0f);
      float[] start = new float[LENGTH];
      double[] exact = new double[LENGTH];
      for (int j = 0; j < LENGTH; j++) {
        start[j] =
            (float)
                (Math.sqrt(abT) * data.mu()
                    + Math.sqrt(abT * data.s() * data.s() + 1 - abT) * z[j]);
        exact[j] = data.mu() + data.s() * z[j];
      }
      double ddim10 =
          error(sample(SchedulerKind.DDIM.create(config, 10, 0.0), config, data, start, 1), exact);
      double ddim50 =
          error(sample(SchedulerKind.DDIM.create(config, 50, 0.0), config, data, start, 1), exact);
      double dpm10 =
          error(
              sample(
                  SchedulerKind.DPM_SOLVER_PP_2M.create(config, 10, 0.0), config, data, start, 1),
              exact);
      double dpm50 =
          error(
              sample(
                  SchedulerKind.DPM_SOLVER_PP_2M.create(config, 50, 0.0), config, data, start, 1),
              exact);
      String where =
          prediction
              + ": ddim10 "
              + ddim10
              + ", ddim50 "
              + ddim50
              + ", dpm10 "
              + dpm10
              + ", dpm50 "
              + dpm50;
      assertTrue(dpm50 < 0.01, where);
      assertTrue(dpm50 < ddim50 / 5, where);
      assertTrue(dpm10 < ddim10, where);
      assertTrue(ddim50 < ddim10 / 2, where);
    }
  }

  @ParameterizedTest
  @EnumSource(SchedulerKind.class)
  void theSameSeedGivesTheSameSampleAndAnotherSeedAnotherWhenStochastic(SchedulerKind kind) {
    double eta = kind == SchedulerKind.DDIM ? 0.5 : 0.0;
    SchedulerConfig config = SchedulerConfig.defaults();
    GaussianData data = new GaussianData(0.1, 0.4);
    float[] start = noise(5, 1.0f);
    float[] first = sample(kind.create(config, 12, eta), config, data, start, 42);
    float[] again = sample(kind.create(config, 12, eta), config, data, start, 42);
    float[] other = sample(kind.create(config, 12, eta), config, data, start, 43);
    assertArrayEquals(first, again);
    if (kind.isStochastic(eta)) {
      assertFalse(Arrays.equals(first, other), kind + " ignores the noise seed");
    } else {
      assertArrayEquals(first, other, kind + " is deterministic given its start");
    }
  }

  @Test
  void deterministicSchedulersDrawNoNoise() {
    NoiseSource refuse =
        dst -> {
          throw new AssertionError("a deterministic scheduler drew noise");
        };
    for (Scheduler scheduler :
        new Scheduler[] {
          SchedulerKind.DDIM.create(SchedulerConfig.defaults(), 6, 0.0),
          SchedulerKind.DPM_SOLVER_PP_2M.create(SchedulerConfig.defaults(), 6, 0.0)
        }) {
      float[] x = noise(1, 1.0f);
      float[] out = new float[x.length];
      float[] denoised = new float[x.length];
      for (int i = 0; i < scheduler.steps(); i++) {
        Arrays.fill(out, 0.1f * i);
        scheduler.step(i, out, x, denoised, refuse);
      }
    }
  }

  @Test
  void theDenoisedEstimateIsClippedToTheDataRangeWhenConfigured() {
    SchedulerConfig config = SchedulerConfig.defaults();
    Scheduler scheduler = SchedulerKind.DDIM.create(config, 4, 0.0);
    float[] x = new float[] {3f, -3f, 0.5f, 0f};
    float[] out = new float[] {-2f, 2f, 0f, 0f};
    float[] denoised = new float[4];
    scheduler.step(0, out, x, denoised, dst -> {});
    for (float value : denoised) {
      assertTrue(value >= -1f && value <= 1f, "x0 " + value);
    }
  }

  @ParameterizedTest
  @EnumSource(SchedulerKind.class)
  void stepsMustComeInOrder(SchedulerKind kind) {
    Scheduler scheduler = kind.create(SchedulerConfig.defaults(), 5, 0.0);
    float[] x = new float[4];
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> scheduler.step(1, x, x.clone(), x.clone(), d -> {}));
    assertTrue(e.getMessage().contains("expected 0, got 1"), e.getMessage());
  }

  @Test
  void arraysOfDifferentLengthAreRefused() {
    Scheduler scheduler = SchedulerKind.DDIM.create(SchedulerConfig.defaults(), 5, 0.0);
    assertThrows(
        IllegalArgumentException.class,
        () -> scheduler.step(0, new float[3], new float[4], new float[4], d -> {}));
  }

  @Test
  void eulerStartsFromNoiseAtSigmaMaxAndScalesTheModelInput() {
    SchedulerConfig config = SchedulerConfig.defaults();
    EulerAncestralScheduler euler = new EulerAncestralScheduler(config, 10);
    double sigmaMax = config.schedule().sigma(999);
    assertEquals(Math.sqrt(sigmaMax * sigmaMax + 1), euler.initNoiseSigma(), 1e-3);
    assertEquals(Math.sqrt(config.schedule().alphaBar(999)), euler.modelInputScale(0), 1e-6);
    assertEquals(0.0, euler.sigma(10));
  }

  @Test
  void etaIsForDdimOnly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SchedulerKind.EULER_ANCESTRAL.create(SchedulerConfig.defaults(), 10, 0.5));
    assertTrue(e.getMessage().contains("ddim only"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SchedulerKind.DDIM.create(SchedulerConfig.defaults(), 10, 1.5));
  }

  private static double error(float[] actual, double[] expected) {
    double worst = 0;
    for (int j = 0; j < actual.length; j++) {
      worst = Math.max(worst, Math.abs(actual[j] - expected[j]));
    }
    return worst;
  }
}
