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
 * <p>With {@code medianCoordinates}, a greedy decoder picks each box coordinate as the median of
 * the model's distribution over the allowed values instead of its most likely value: the coordinate
 * that minimises the expected distance to the truth, where the mode may sit on one of several
 * separate peaks.
 *
 * @param temperature 0 for greedy, else the softmax temperature (at most 10)
 * @param topP nucleus mass in (0, 1]
 * @param seed seed of the sampling stream (unused when greedy)
 * @param medianCoordinates when greedy, coordinates at the median rather than the mode
 */
public record Sampling(double temperature, double topP, long seed, boolean medianCoordinates) {
  /** The most likely token at every step. */
  public static final Sampling GREEDY = new Sampling(0, 1, 0, false);

  /** Greedy texts, coordinates at the median of the model's distribution. */
  public static final Sampling GREEDY_MEDIAN = new Sampling(0, 1, 0, true);

  public Sampling {
    if (!(temperature >= 0 && temperature <= 10)) {
      throw new IllegalArgumentException(
          "temperature " + temperature + " is out of range: use 0 (greedy) to 10");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top-p " + topP + " is out of range: use (0, 1]");
    }
  }

  /** Sampling (or, at temperature 0, greedy decoding) with coordinates at the mode. */
  public Sampling(double temperature, double topP, long seed) {
    this(temperature, topP, seed, false);
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
    /** The allowed token at which the model's probability mass, in id order, reaches half. */
    private int median(float[] logits, int[] ids) {
      double max = Double.NEGATIVE_INFINITY;
      for (int id : ids) {
        if (id < logits.length && Float.isFinite(logits[id])) {
          max = Math.max(max, logits[id]);
        }
      }
      if (max == Double.NEGATIVE_INFINITY) {
        return ids[0];
      }
      double[] p = new double[ids.length];
      double sum = 0;
      for (int k = 0; k < ids.length; k++) {
        float s = ids[k] < logits.length ? logits[ids[k]] : Float.NaN;
        p[k] = Float.isFinite(s) ? Math.exp(s - max) : 0;
        sum += p[k];
      }
      double acc = 0;
      for (int k = 0; k < ids.length; k++) {
        acc += p[k];
        if (acc >= sum / 2) {
          return ids[k];
        }
      }
      return ids[ids.length - 1];
    }

    int pick(float[] logits, BitSet allowed) {
      int first = allowed.nextSetBit(0);
      if (first < 0) {
        throw new IllegalArgumentException("no token is allowed");
      }
      int[] ids = allowed.stream().toArray();
      if (greedy() && medianCoordinates && LayoutTokenizer.isCoord(ids[ids.length - 1])) {
        return median(logits, ids);
      }
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
