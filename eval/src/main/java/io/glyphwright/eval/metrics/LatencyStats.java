package io.glyphwright.eval.metrics;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of one stage's latencies in milliseconds. Percentiles interpolate linearly between the
 * closest ranks (NumPy's default, "type 7"): the median of an even count is the mean of the middle
 * two.
 */
public record LatencyStats(int count, double medianMs, double p95Ms, double meanMs, double maxMs) {

  /** The summary of {@code millis}; null when it is empty. */
  public static LatencyStats of(Collection<Double> millis) {
    if (millis.isEmpty()) {
      return null;
    }
    double[] v = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new LatencyStats(
        v.length,
        percentile(v, 50),
        percentile(v, 95),
        Arrays.stream(v).average().orElseThrow(),
        v[v.length - 1]);
  }

  /** The {@code p}-th percentile (0..100) of sorted values, interpolated linearly. */
  public static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
  }
}
