package io.glyphwright.diffusion.sampling;

import java.util.Objects;

/**
 * How a model was trained, as far as sampling needs to know: its noise schedule and prediction
 * type; and how to sample it: the timestep spacing and whether the denoised estimate is clipped to
 * the data range. It comes from the model package's metadata.
 *
 * @param schedule the training noise schedule
 * @param prediction what the model's output means
 * @param spacing how sampling steps pick training timesteps
 * @param clipDenoised whether every scheduler clamps its denoised estimate {@code x0} to {@code
 *     [−1, 1]}, the range of pixel data, before using it (then {@code ε} is recomputed from the
 *     clamped {@code x0})
 */
public record SchedulerConfig(
    NoiseSchedule schedule,
    PredictionType prediction,
    TimestepSpacing spacing,
    boolean clipDenoised) {

  /** The training schedule assumed when a model package names none: DDPM's linear betas. */
  public static final NoiseSchedule DEFAULT_SCHEDULE = NoiseSchedule.linear(1000, 1e-4, 0.02);

  public SchedulerConfig {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(prediction, "prediction");
    Objects.requireNonNull(spacing, "spacing");
  }

  /**
   * The defaults: {@link #DEFAULT_SCHEDULE}, ε-prediction, trailing spacing, clipped {@code x0}.
   */
  public static SchedulerConfig defaults() {
    return new SchedulerConfig(
        DEFAULT_SCHEDULE, PredictionType.EPSILON, TimestepSpacing.TRAILING, true);
  }

  /** This configuration with another prediction type. */
  public SchedulerConfig withPrediction(PredictionType newPrediction) {
    return new SchedulerConfig(schedule, newPrediction, spacing, clipDenoised);
  }

  /** This configuration with another noise schedule. */
  public SchedulerConfig withSchedule(NoiseSchedule newSchedule) {
    return new SchedulerConfig(newSchedule, prediction, spacing, clipDenoised);
  }

  /** This configuration with another timestep spacing. */
  public SchedulerConfig withSpacing(TimestepSpacing newSpacing) {
    return new SchedulerConfig(schedule, prediction, newSpacing, clipDenoised);
  }

  /** This configuration with clipping of the denoised estimate switched on or off. */
  public SchedulerConfig withClipDenoised(boolean clip) {
    return new SchedulerConfig(schedule, prediction, spacing, clip);
  }
}
