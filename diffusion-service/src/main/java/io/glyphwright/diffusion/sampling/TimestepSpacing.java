package io.glyphwright.diffusion.sampling;

import java.util.Locale;

/**
 * How the {@code n} sampling steps pick their timesteps out of the {@code T} training timesteps.
 * The definitions are those of diffusers (and of Lin et al. 2023, table 2), with no step offset.
 * Rounding is half-to-even, as numpy rounds. Every spacing returns {@code n} distinct timesteps in
 * strictly decreasing order for {@code 1 ≤ n ≤ T}.
 */
public enum TimestepSpacing {
  /**
   * {@code round(T − k·T/n) − 1} for {@code k = 0 … n−1}: always starts at the last training
   * timestep {@code T−1}, where the model saw (almost) pure noise. The default.
   */
  TRAILING {
    @Override
    int timestep(int k, int trainSteps, int steps) {
      return (int) Math.rint(trainSteps - k * ((double) trainSteps / steps)) - 1;
    }
  },
  /**
   * {@code (n−1−k)·⌊T/n⌋}: ends at 0 and starts below {@code T−1} (Stable Diffusion's historical
   * spacing, without its offset of 1).
   */
  LEADING {
    @Override
    int timestep(int k, int trainSteps, int steps) {
      return (steps - 1 - k) * (trainSteps / steps);
    }
  },
  /** {@code round((n−1−k)·(T−1)/(n−1))}: from {@code T−1} to 0 inclusive. */
  LINSPACE {
    @Override
    int timestep(int k, int trainSteps, int steps) {
      if (steps == 1) {
        return trainSteps - 1;
      }
      return (int) Math.rint((steps - 1 - k) * ((trainSteps - 1.0) / (steps - 1)));
    }
  };

  abstract int timestep(int k, int trainSteps, int steps);

  /**
   * The timesteps of {@code steps} sampling steps, first (noisiest) to last.
   *
   * @throws IllegalArgumentException unless {@code 1 ≤ steps ≤ trainSteps}
   */
  public int[] timesteps(int trainSteps, int steps) {
    if (steps < 1 || steps > trainSteps) {
      throw new IllegalArgumentException(
          "steps must be 1.." + trainSteps + " (the training timesteps), got " + steps);
    }
    int[] timesteps = new int[steps];
    for (int k = 0; k < steps; k++) {
      timesteps[k] = timestep(k, trainSteps, steps);
    }
    return timesteps;
  }

  /**
   * Finds a spacing by name ({@code trailing}, {@code leading}, {@code linspace}; any case).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static TimestepSpacing lookup(String name) {
    String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    for (TimestepSpacing spacing : values()) {
      if (spacing.name().equals(key)) {
        return spacing;
      }
    }
    throw new IllegalArgumentException(
        "unknown timestep spacing '" + name + "'; use one of: trailing, leading, linspace");
  }
}
