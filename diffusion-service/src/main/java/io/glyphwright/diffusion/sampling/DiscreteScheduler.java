package io.glyphwright.diffusion.sampling;

import java.util.Objects;

/**
 * What the four schedulers share: the timesteps of the run, the conversion of model output to a
 * (clipped) denoised estimate, the in-order step check and a scratch buffer for ancestral noise.
 */
abstract class DiscreteScheduler implements Scheduler {
  final NoiseSchedule schedule;
  final PredictionType prediction;
  final boolean clipDenoised;
  final int[] timesteps;
  private int nextStep;
  private float[] noiseBuffer;

  DiscreteScheduler(SchedulerConfig config, int steps) {
    Objects.requireNonNull(config, "config");
    this.schedule = config.schedule();
    this.prediction = config.prediction();
    this.clipDenoised = config.clipDenoised();
    this.timesteps = config.spacing().timesteps(schedule.trainSteps(), steps);
  }

  @Override
  public final int steps() {
    return timesteps.length;
  }

  @Override
  public final int timestep(int i) {
    return timesteps[i];
  }

  @Override
  public float modelInputScale(int i) {
    return 1.0f;
  }

  @Override
  public float initNoiseSigma() {
    return 1.0f;
  }

  /** {@code ᾱ} at step {@code i}'s timestep. */
  final double alphaBarAt(int i) {
    return schedule.alphaBar(timesteps[i]);
  }

  /** {@code ᾱ} of the step after {@code i}: 1 (clean data) after the last step. */
  final double alphaBarAfter(int i) {
    return i + 1 < timesteps.length ? schedule.alphaBar(timesteps[i + 1]) : 1.0;
  }

  final boolean isLast(int i) {
    return i == timesteps.length - 1;
  }

  /** The denoised estimate for output {@code o} at model input {@code x}, clipped if configured. */
  final double denoise(double o, double x, double alpha, double sigma) {
    double x0 = prediction.denoised(o, x, alpha, sigma);
    return clipDenoised ? Math.max(-1.0, Math.min(1.0, x0)) : x0;
  }

  /**
   * Checks the arguments of step {@code i} and that steps come in order. Returns nothing; throws
   * {@link IllegalStateException} or {@link IllegalArgumentException}.
   */
  final void begin(int i, float[] modelOutput, float[] sample, float[] denoised) {
    if (i != nextStep) {
      throw new IllegalStateException(
          "steps run in order 0.."
              + (timesteps.length - 1)
              + "; expected "
              + nextStep
              + ", got "
              + i);
    }
    if (modelOutput.length != sample.length || denoised.length != sample.length) {
      throw new IllegalArgumentException(
          "model output ("
              + modelOutput.length
              + "), sample ("
              + sample.length
              + ") and denoised ("
              + denoised.length
              + ") differ in length");
    }
    nextStep++;
  }

  /** Fresh N(0, 1) noise the size of the sample, in a buffer reused across steps. */
  final float[] drawNoise(NoiseSource noise, int length) {
    if (noiseBuffer == null || noiseBuffer.length != length) {
      noiseBuffer = new float[length];
    }
    noise.fill(noiseBuffer);
    return noiseBuffer;
  }
}
