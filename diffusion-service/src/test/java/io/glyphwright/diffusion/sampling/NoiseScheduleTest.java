package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

  @Test
  void linearBetasRunFromStartToEnd() {
    NoiseSchedule schedule = NoiseSchedule.linear(1000, 1e-4, 0.02);
    assertEquals(1000, schedule.trainSteps());
    assertEquals(1e-4, schedule.beta(0), 1e-15);
    assertEquals(0.02, schedule.beta(999), 1e-15);
    assertEquals(1e-4 + 0.0199 * 500 / 999, schedule.beta(500), 1e-12);
    // Known value: ᾱ at the last step of DDPM's schedule is about 4.04e-5.
    assertEquals(4.04e-5, schedule.alphaBar(999), 0.01e-5);
    assertEquals("linear(1000, 1.0E-4, 0.02)", schedule.toString());
  }

  @Test
  void alphaBarIsTheRunningProductOfOneMinusBeta() {
    NoiseSchedule schedule = NoiseSchedule.scaledLinear(50, 0.00085, 0.012);
    double product = 1;
    for (int t = 0; t < 50; t++) {
      product *= 1 - schedule.beta(t);
      assertEquals(product, schedule.alphaBar(t), 1e-15);
      assertEquals(Math.sqrt((1 - product) / product), schedule.sigma(t), 1e-12);
    }
    assertEquals(0.00085, schedule.beta(0), 1e-15);
    assertEquals(0.012, schedule.beta(49), 1e-15);
    double root = (Math.sqrt(0.00085) + Math.sqrt(0.012)) / 2;
    NoiseSchedule odd = NoiseSchedule.scaledLinear(3, 0.00085, 0.012);
    assertEquals(root * root, odd.beta(1), 1e-15);
  }

  @Test
  void cosineFollowsItsClosedFormUntilTheCap() {
    NoiseSchedule schedule = NoiseSchedule.cosine(1000);
    double f0 = Math.pow(Math.cos(0.008 / 1.008 * Math.PI / 2), 2);
    for (int t : new int[] {0, 100, 500, 900}) {
      double f = Math.pow(Math.cos(((t + 1) / 1000.0 + 0.008) / 1.008 * Math.PI / 2), 2);
      assertEquals(f / f0, schedule.alphaBar(t), 1e-9, "t=" + t);
    }
    assertEquals(0.999, schedule.beta(999), 1e-12);
  }

  @Test
  void namedSchedulesComeFromModelMetadata() {
    assertEquals(
        NoiseSchedule.scaledLinear(1000, 0.00085, 0.012),
        NoiseSchedule.named("scaled-linear", 1000, 0.00085, 0.012));
    assertEquals(NoiseSchedule.cosine(100), NoiseSchedule.named("Cosine", 100, 0, 0));
    assertEquals(NoiseSchedule.linear(10, 1e-3, 0.1), NoiseSchedule.named("LINEAR", 10, 1e-3, 0.1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NoiseSchedule.named("sigmoid", 10, 0, 1));
    assertTrue(e.getMessage().contains("linear, scaled_linear, cosine"), e.getMessage());
  }

  @Test
  void betasOutsideTheOpenUnitIntervalAreRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> NoiseSchedule.fromBetas(new double[] {0.1, 1.0}));
    assertTrue(e.getMessage().contains("beta[1] = 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(0, 1e-4, 0.02));
    assertThrows(IllegalArgumentException.class, () -> NoiseSchedule.linear(10, 0, 0.02));
    double[] betas = {0.1, 0.2};
    NoiseSchedule schedule = NoiseSchedule.fromBetas(betas);
    betas[0] = 0.5;
    assertArrayEquals(new double[] {0.1, 0.2}, schedule.betas());
  }
}
