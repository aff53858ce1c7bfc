package io.glyphwright.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

  @Test
  void medianAndP95InterpolateBetweenRanks() {
    List<Double> v = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      v.add((double) i);
    }
    Collections.reverse(v);
    LatencyStats s = LatencyStats.of(v);
    assertEquals(20, s.count());
    assertEquals(10.5, s.medianMs(), 1e-12); // mean of the middle two
    assertEquals(19.05, s.p95Ms(), 1e-12); // rank 0.95 * 19 = 18.05 → 19 + 0.05
    assertEquals(10.5, s.meanMs(), 1e-12);
    assertEquals(20.0, s.maxMs(), 0);
  }

  @Test
  void oneValueIsEveryPercentile() {
    LatencyStats s = LatencyStats.of(List.of(7.0));
    assertEquals(7.0, s.medianMs(), 0);
    assertEquals(7.0, s.p95Ms(), 0);
  }

  @Test
  void noValuesIsNoSummary() {
    assertNull(LatencyStats.of(List.of()));
  }
}
