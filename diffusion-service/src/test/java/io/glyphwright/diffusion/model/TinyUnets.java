package io.glyphwright.diffusion.model;

import java.util.List;
import java.util.SplittableRandom;

/** Tiny UNets and random inputs for fast tests. */
public final class TinyUnets {
  private TinyUnets() {}

  /**
   * r = 2, 16 base channels, two levels, 8-wide text: about 0.16 M parameters; every parameter
   * random (no zero-initialised branches), so each one shows in the output.
   */
  public static UnetConfig config() {
    return new UnetConfig(2, 3, 1, 16, List.of(1, 2), 1, 32, 8, 4, false);
  }

  /** Values from N(0, 1), seeded. */
  public static float[] gaussian(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      // Box–Muller on the seeded stream; two uniforms per value keep it simple.
      double u = 1.0 - rng.nextDouble();
      double w = rng.nextDouble();
      v[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w));
    }
    return v;
  }

  /** Values uniform in [0, 1), seeded. */
  public static float[] uniform(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextDouble();
    }
    return v;
  }
}
