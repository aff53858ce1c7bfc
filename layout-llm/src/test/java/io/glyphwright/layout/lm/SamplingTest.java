package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SamplingTest {
  private static final int V = 400;

  private static BitSet coords(int lo, int hi) {
    BitSet b = new BitSet();
    b.set(LayoutTokenizer.coordToken(lo), LayoutTokenizer.coordToken(hi) + 1);
    return b;
  }

  /** Logits giving probability {@code p[k]} to coordinate {@code k}. */
  private static float[] logits(double[] p) {
    float[] l = new float[V];
    Arrays.fill(l, -50f);
    for (int k = 0; k < p.length; k++) {
      l[LayoutTokenizer.coordToken(k)] = p[k] > 0 ? (float) Math.log(p[k]) : -50f;
    }
    return l;
  }

  @Test
  void greedyTakesTheModeAndMedianTheMiddleOfTheMass() {
    double[] p = new double[129];
    p[10] = 0.4; // the single most likely value...
    for (int k = 50; k < 60; k++) {
      p[k] = 0.06; // ...but most of the mass lies between 50 and 59
    }
    float[] l = logits(p);
    BitSet all = coords(0, 128);
    assertEquals(LayoutTokenizer.coordToken(10), Sampling.GREEDY.chooser().pick(l, all));
    // cumulative: 0.4 at 10, then 0.46, 0.52 at 51
    assertEquals(LayoutTokenizer.coordToken(51), Sampling.GREEDY_MEDIAN.chooser().pick(l, all));
    // restricted to r > 55: renormalised over 56..59, median at 57
    assertEquals(
        LayoutTokenizer.coordToken(57), Sampling.GREEDY_MEDIAN.chooser().pick(l, coords(56, 128)));
  }

  @Test
  void medianCoordinatesLeaveTextChoicesToTheMode() {
    float[] l = new float[V];
    Arrays.fill(l, -5f);
    int text = LayoutTokenizer.FIRST_CHAR + 3;
    l[text] = 5f;
    BitSet endOrGoOn = coords(0, 127);
    endOrGoOn.set(text);
    assertEquals(text, Sampling.GREEDY_MEDIAN.chooser().pick(l, endOrGoOn));
  }

  @Test
  void samplingFollowsTheDistributionAndTopPCutsTheTail() {
    double[] p = new double[129];
    p[1] = 0.6;
    p[2] = 0.3;
    p[3] = 0.1;
    float[] l = logits(p);
    BitSet allowed = coords(0, 128);
    int[] counts = new int[4];
    Sampling.Chooser full = new Sampling(1.0, 1.0, 99).chooser();
    for (int i = 0; i < 20000; i++) {
      counts[LayoutTokenizer.coordValue(full.pick(l, allowed))]++;
    }
    assertEquals(0.6, counts[1] / 20000.0, 0.02);
    assertEquals(0.3, counts[2] / 20000.0, 0.02);
    assertEquals(0.1, counts[3] / 20000.0, 0.02);
    Sampling.Chooser nucleus = new Sampling(1.0, 0.8, 99).chooser();
    int[] cut = new int[4];
    for (int i = 0; i < 5000; i++) {
      cut[LayoutTokenizer.coordValue(nucleus.pick(l, allowed))]++;
    }
    assertEquals(0, cut[3], "0.6 + 0.3 reaches 0.8: value 3 is cut");
    assertTrue(cut[2] > 1000, "value 2 stays in the nucleus");
  }

  @Test
  void brokenScoresStillGiveAnAllowedToken() {
    float[] nan = new float[V];
    Arrays.fill(nan, Float.NaN);
    BitSet allowed = coords(40, 50);
    for (Sampling s :
        new Sampling[] {Sampling.GREEDY, Sampling.GREEDY_MEDIAN, new Sampling(1, 1, 3)}) {
      int t = s.chooser().pick(nan, allowed);
      assertTrue(allowed.get(t), s + " picked " + t);
    }
    assertThrows(IllegalArgumentException.class, () -> new Sampling(-1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Sampling(1, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> Sampling.GREEDY.chooser().pick(nan, new BitSet()));
  }
}
