package io.glyphwright.layout.lm;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * How the next token is chosen among those the grammar allows: greedy (temperature 0, the default:
 * the same prompt gives the same layout), or sampled from the model's distribution sharpened by the
 * temperature and cut to the smallest set of tokens whose probability reaches {@code topP} (nucleus
 * sampling), from a stream seeded by {@code seed}.
 *
 * @param temperature 0 for greedy, else the softmax temperature (at most 10)
 * @param topP nucleus mass in (0, 1]
 * @param seed seed of the sampling stream (unused when greedy)
 */
public record Sampling(double temperature, double topP, long seed) {
  public static final Sampling GREEDY = new Sampling(0, 1, 0);

  public Sampling {
    if (!(temperature >= 0 && temperature <= 10)) {
      throw new IllegalArgumentException(
          "temperature " + temperature + " is out of range: use 0 (greedy) to 10");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top-p " + topP + " is out of range: use (0, 1]");
    }
  }

  public boolean greedy() {
    return temperature == 0;
  }

  /** A chooser with its own random stream; one per decoded layout. */
  Chooser chooser() {
    return new Chooser(new SplittableRandom(seed));
  }

  /** Picks tokens for one decoded layout. */
  final class Chooser {
    private final SplittableRandom rng;

    private Chooser(SplittableRandom rng) {
      this.rng = rng;
    }

    /**
     * One of the {@code allowed} tokens (never another, whatever the logits hold: NaN and infinite
     * scores fall back to the first allowed token).
     */
    int pick(float[] logits, BitSet allowed) {
      int first = allowed.nextSetBit(0);
      if (first < 0) {
        throw new IllegalArgumentException("no token is allowed");
      }
      int[] ids = allowed.stream().toArray();
      if (greedy()) {
        int best = first;
        float bestScore = Float.NEGATIVE_INFINITY;
        for (int id : ids) {
          float s = id < logits.length ? logits[id] : Float.NaN;
          if (s > bestScore) {
            bestScore = s;
            best = id;
          }
        }
        return best;
      }
      double max = Double.NEGATIVE_INFINITY;
      for (int id : ids) {
        if (id < logits.length && Float.isFinite(logits[id])) {
          max = Math.max(max, logits[id]);
        }
      }
      if (max == Double.NEGATIVE_INFINITY) {
        return first;
      }
      double[] p = new double[ids.length];
      double sum = 0;
      for (int k = 0; k < ids.length; k++) {
        float s = ids[k] < logits.length ? logits[ids[k]] : Float.NaN;
        p[k] = Float.isFinite(s) ? Math.exp((s - max) / temperature) : 0;
        sum += p[k];
      }
      Integer[] order = new Integer[ids.length];
      for (int k = 0; k < order.length; k++) {
        order[k] = k;
      }
      final double[] probs = p;
      Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
      double mass = 0;
      int keep = 0;
      while (keep < order.length && (keep == 0 || mass < topP * sum)) {
        mass += p[order[keep]];
        keep++;
      }
      double r = rng.nextDouble() * mass;
      for (int k = 0; k < keep; k++) {
        r -= p[order[k]];
        if (r < 0) {
          return ids[order[k]];
        }
      }
      return ids[order[keep - 1]];
    }
  }
}
