package io.glyphwright.diffusion.training;

import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PixelShuffle;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.text.PromptEncoder;
import java.util.SplittableRandom;

/**
 * Makes training batches in Java, every random choice drawn from {@code (seed, step)} alone, so
 * that the batch of a step is the same whether the run went straight through or was resumed.
 *
 * <p>Per sample: which one (a fresh permutation of the training samples every epoch); a random
 * square crop of side {@code size … cacheSide} of the cached image, resized to {@code size} (a mild
 * zoom and shift; no flips or rotations, which would mirror letters, and no colour changes, which
 * would contradict captions that name colours); the timestep (uniform, or with a chance from the
 * high-noise band, where the input no longer shows the image's colours); condition dropout; the
 * noise. Returns the noisy input, the target of the prediction type and per-element loss weights,
 * all pixel-unshuffled as the UNet takes them. Not thread-safe (it keeps scratch arrays).
 */
final class BatchMaker {
  /** Arrays of one batch, flattened row-major. */
  static final class Batch {
    final float[] x;
    final float[] t;
    final float[] glyph;
    final float[] text;
    final float[] textMask;
    final float[] target;
    final float[] weight;

    Batch(int b, int modelValues, int condValues) {
      x = new float[b * modelValues];
      t = new float[b];
      glyph = new float[b * condValues];
      text = new float[b * PromptEncoder.WIDTH];
      textMask = new float[b];
      target = new float[b * modelValues];
      weight = new float[b * modelValues];
    }
  }

  private static final long NAMING_SALT = 0x6E616D696E67L;
  private static final long HIGH_NOISE_SALT = 0x6869676E6F6973L;

  private final TrainingCache cache;
  private final int[] trainIndices;
  private final int size;
  private final int r;
  private final NoiseSchedule schedule;
  private final PredictionType prediction;
  private final long seed;
  private final int batchSize;
  private final double textDropout;
  private final double glyphDropout;
  private final float textLossWeight;
  private final boolean paired;
  private final double namingBackground;
  private final double highNoise;
  private final int highFrom;
  private long permEpoch = -1;
  private int[] perm;
  private float[] scratch = new float[0];

  BatchMaker(
      TrainingCache cache,
      int[] trainIndices,
      int size,
      int unshuffle,
      NoiseSchedule schedule,
      PredictionType prediction,
      long seed,
      int batchSize,
      double textDropout,
      double glyphDropout,
      float textLossWeight) {
    this(
        cache,
        trainIndices,
        size,
        unshuffle,
        schedule,
        prediction,
        seed,
        batchSize,
        textDropout,
        glyphDropout,
        textLossWeight,
        false,
        0.0,
        0.0);
  }

  /**
   * @param paired rows {@code 2j} and {@code 2j+1} hold the same sample, crop, timestep and dropout
   *     with two independent noise draws (for the noise-leak penalty); a batch then holds {@code
   *     batchSize / 2} samples and the epoch advances by that many per step
   * @param namingBackground the chance that a row's prompt is its caption naming the background
   *     colour ({@link TrainingCache#namingBackground}) rather than the caption as written
   * @param highNoise the chance that a row's timestep is drawn from the high-noise band ({@link
   *     #highNoiseFrom}) instead of the whole schedule
   */
  BatchMaker(
      TrainingCache cache,
      int[] trainIndices,
      int size,
      int unshuffle,
      NoiseSchedule schedule,
      PredictionType prediction,
      long seed,
      int batchSize,
      double textDropout,
      double glyphDropout,
      float textLossWeight,
      boolean paired,
      double namingBackground,
      double highNoise) {
    if (paired && batchSize % 2 != 0) {
      throw new IllegalArgumentException(
          "paired batches need an even batch size, got " + batchSize);
    }
    this.paired = paired;
    this.namingBackground = checkChance(namingBackground, "naming the background");
    this.highNoise = checkChance(highNoise, "a high-noise timestep");
    this.highFrom = highNoiseFrom(schedule);
    this.cache = cache;
    this.trainIndices = trainIndices.clone();
    this.size = size;
    this.r = unshuffle;
    this.schedule = schedule;
    this.prediction = prediction;
    this.seed = seed;
    this.batchSize = batchSize;
    this.textDropout = textDropout;
    this.glyphDropout = glyphDropout;
    this.textLossWeight = textLossWeight;
  }

  /** The largest {@code ᾱ} of the high-noise band: under 3 % of the image's amplitude left. */
  static final double HIGH_NOISE_ALPHA_BAR = 1e-3;

  /**
   * The first timestep of the high-noise band, where {@code ᾱ(t) ≤} {@link #HIGH_NOISE_ALPHA_BAR}
   * (the last timestep if none is that noisy). There even a whole image's mean colour is below the
   * noise of its estimate from the input, so only the prompt can tell it: t ≥ 979 of 1000 for the
   * cosine schedule.
   */
  static int highNoiseFrom(NoiseSchedule schedule) {
    int from = schedule.trainSteps() - 1;
    while (from > 0 && schedule.alphaBar(from - 1) <= HIGH_NOISE_ALPHA_BAR) {
      from--;
    }
    return from;
  }

  /** {@code chance} when it lies in [0, 1]; {@code what} names it in the error. */
  static double checkChance(double chance, String what) {
    if (!(chance >= 0 && chance <= 1)) {
      throw new IllegalArgumentException(
          "the chance of " + what + " must be in [0, 1], got " + chance);
    }
    return chance;
  }

  Batch newBatch() {
    return new Batch(batchSize, 3 * size * size, size * size);
  }

  /** Fills {@code out} with the batch of {@code step} (1-based). */
  void fill(long step, Batch out) {
    int side = cache.side();
    int n = trainIndices.length;
    int plane = size * size;
    byte[] rgb = new byte[3 * side * side];
    byte[] mask = new byte[side * side];
    float[] pooled = new float[PromptEncoder.WIDTH];
    float[] img = new float[3 * plane];
    float[] m = new float[plane];
    float[] xt = new float[3 * plane];
    float[] target = new float[3 * plane];
    float[] w = new float[3 * plane];
    int samplesPerStep = paired ? batchSize / 2 : batchSize;
    for (int i = 0; i < batchSize; i++) {
      int row = paired ? i / 2 : i;
      long position = (step - 1) * samplesPerStep + row;
      int index = trainIndices[permutation(position / n)[(int) (position % n)]];
      SplittableRandom rng = new SplittableRandom(mix(mix(seed, step), row));
      // Its own generator, so that the crops, timesteps and noise of a seed stay as they were.
      boolean naming =
          namingBackground > 0
              && new SplittableRandom(mix(mix(seed ^ NAMING_SALT, step), row)).nextDouble()
                  < namingBackground;
      cache.read(index, rgb, mask, pooled, naming);

      double crop = size + rng.nextDouble() * (side - size);
      double left = rng.nextDouble() * (side - crop);
      double top = rng.nextDouble() * (side - crop);
      Resampling.cropResize(rgb, 3, side, left, top, crop, size, img, 1.0 / 127.5, -1.0);
      Resampling.cropResize(mask, 1, side, left, top, crop, size, m, 1.0 / 255.0, 0.0);

      int t = rng.nextInt(schedule.trainSteps());
      if (highNoise > 0) {
        // Its own generator too; the uniform draw above is still made, so the rest stays.
        SplittableRandom high = new SplittableRandom(mix(mix(seed ^ HIGH_NOISE_SALT, step), row));
        if (high.nextDouble() < highNoise) {
          t = highFrom + high.nextInt(schedule.trainSteps() - highFrom);
        }
      }
      double u = rng.nextDouble();
      boolean dropGlyph = u < glyphDropout;
      boolean dropText = u < glyphDropout + textDropout;

      float alpha = (float) Math.sqrt(schedule.alphaBar(t));
      float sigma = (float) Math.sqrt(1 - schedule.alphaBar(t));
      SplittableRandom noise = paired ? new SplittableRandom(mix(mix(~seed, step), i)) : rng;
      for (int p = 0; p < 3 * plane; p++) {
        float eps = (float) noise.nextGaussian();
        float x0 = img[p];
        xt[p] = alpha * x0 + sigma * eps;
        target[p] =
            switch (prediction) {
              case EPSILON -> eps;
              case V_PREDICTION -> alpha * eps - sigma * x0;
              case SAMPLE -> x0;
            };
      }
      weights(m, w);
      if (dropGlyph) {
        java.util.Arrays.fill(m, 0f);
      }

      int mv = 3 * plane;
      PixelShuffle.unshuffle(xt, 1, 3, size, size, r, tmp(mv));
      System.arraycopy(scratch, 0, out.x, i * mv, mv);
      PixelShuffle.unshuffle(target, 1, 3, size, size, r, tmp(mv));
      System.arraycopy(scratch, 0, out.target, i * mv, mv);
      PixelShuffle.unshuffle(w, 1, 3, size, size, r, tmp(mv));
      System.arraycopy(scratch, 0, out.weight, i * mv, mv);
      PixelShuffle.unshuffle(m, 1, 1, size, size, r, tmp(plane));
      System.arraycopy(scratch, 0, out.glyph, i * plane, plane);
      out.t[i] = t;
      if (dropText) {
        java.util.Arrays.fill(out.text, i * PromptEncoder.WIDTH, (i + 1) * PromptEncoder.WIDTH, 0f);
        out.textMask[i] = 0f;
      } else {
        System.arraycopy(pooled, 0, out.text, i * PromptEncoder.WIDTH, PromptEncoder.WIDTH);
        out.textMask[i] = 1f;
      }
    }
    normalise(out.weight);
  }

  private float[] tmp(int n) {
    if (scratch.length != n) {
      scratch = new float[n];
    }
    return scratch;
  }

  /**
   * Loss weights: 1, plus {@code textLossWeight} on and next to the glyphs (the mask dilated by one
   * pixel), the same for the three colours of a pixel.
   */
  private void weights(float[] mask, float[] w) {
    int plane = size * size;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float max = 0;
        for (int dy = -1; dy <= 1; dy++) {
          int yy = y + dy;
          if (yy < 0 || yy >= size) {
            continue;
          }
          for (int dx = -1; dx <= 1; dx++) {
            int xx = x + dx;
            if (xx >= 0 && xx < size) {
              max = Math.max(max, mask[yy * size + xx]);
            }
          }
        }
        float v = 1f + textLossWeight * max;
        int p = y * size + x;
        w[p] = v;
        w[plane + p] = v;
        w[2 * plane + p] = v;
      }
    }
  }

  /** Scales the weights to mean 1, so that the loss stays on the scale of a plain MSE. */
  private static void normalise(float[] w) {
    double sum = 0;
    for (float v : w) {
      sum += v;
    }
    float k = (float) (w.length / sum);
    for (int i = 0; i < w.length; i++) {
      w[i] *= k;
    }
  }

  private int[] permutation(long epoch) {
    if (epoch != permEpoch) {
      int n = trainIndices.length;
      perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      SplittableRandom rng = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, epoch));
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      permEpoch = epoch;
    }
    return perm;
  }

  /** SplitMix64's finaliser over a combination of two values. */
  static long mix(long a, long b) {
    long z = a + 0x9E3779B97F4A7C15L * (b + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
