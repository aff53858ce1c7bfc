package io.glyphwright.diffusion;

import static org.junit.jupiter.api.Assertions.fail;

/** The one numerical assertion of the module's tests. */
public final class NumericAssertions {
  private NumericAssertions() {}

  /**
   * Asserts {@code |actual[i] − expected[i]| ≤ atol + rtol·|expected[i]|} for every i, naming the
   * first element that is off and the largest error.
   */
  public static void assertAlmostEquals(
      float[] actual, double[] expected, double rtol, double atol) {
    if (actual.length != expected.length) {
      fail("length " + actual.length + " != expected " + expected.length);
    }
    int first = -1;
    double worst = 0.0;
    for (int i = 0; i < actual.length; i++) {
      double error = Math.abs(actual[i] - expected[i]);
      if (!(error <= atol + rtol * Math.abs(expected[i]))) {
        if (first < 0) {
          first = i;
        }
        worst = Math.max(worst, Double.isNaN(error) ? Double.POSITIVE_INFINITY : error);
      }
    }
    if (first >= 0) {
      fail(
          "element "
              + first
              + ": "
              + actual[first]
              + " != expected "
              + expected[first]
              + " (rtol "
              + rtol
              + ", atol "
              + atol
              + "); largest error "
              + worst);
    }
  }

  /** {@link #assertAlmostEquals(float[], double[], double, double)} for a float expectation. */
  public static void assertAlmostEquals(
      float[] actual, float[] expected, double rtol, double atol) {
    double[] wide = new double[expected.length];
    for (int i = 0; i < wide.length; i++) {
      wide[i] = expected[i];
    }
    assertAlmostEquals(actual, wide, rtol, atol);
  }
}
