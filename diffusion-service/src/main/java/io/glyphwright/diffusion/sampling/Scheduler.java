package io.glyphwright.diffusion.sampling;

/**
 * One sampling run's walk from noise to image: which timestep the model sees at each step, how the
 * model's input is scaled, and the update from the model's output to the next sample.
 *
 * <p>Arrays are flattened NCHW batches in the model's space; all elementwise. An instance serves
 * one run: call {@link #step} for {@code i = 0, 1, …, steps()−1} in order. Instances are not
 * thread-safe. The sampler's loop is:
 *
 * <pre>{@code
 * sample = noise · initNoiseSigma()
 * for i in 0 … steps()−1:
 *   output = model(sample · modelInputScale(i), timestep(i))
 *   step(i, output, sample, denoised, noise)        // sample ← next sample
 * }</pre>
 *
 * After the last step the sample is the clean image (every scheduler's last step goes to zero
 * noise).
 */
public interface Scheduler {
  /** Number of steps (model evaluations) of this run. */
  int steps();

  /** The training timestep the model is told at step {@code i}, in {@code [0, T)}. */
  int timestep(int i);

  /** Factor applied to the sample to make the model's input at step {@code i} (1 except Euler). */
  float modelInputScale(int i);

  /** Standard deviation of the initial sample: the run starts from N(0, 1) noise times this. */
  float initNoiseSigma();

  /**
   * Advances {@code sample} in place by one step.
   *
   * @param i the step, {@code 0 … steps()−1}, called in order
   * @param modelOutput the model's (guided) output for the current sample, same length as sample
   * @param sample the current sample, replaced by the next one
   * @param denoised receives the denoised estimate {@code x0} of this step (for previews)
   * @param noise source of fresh noise for ancestral steps
   */
  void step(int i, float[] modelOutput, float[] sample, float[] denoised, NoiseSource noise);
}
