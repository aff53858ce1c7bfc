package io.glyphwright.diffusion.sampling;

/** Told after every sampling step; called on the sampling thread, so it should return quickly. */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Step {@code step} of {@code total} is done ({@code step} runs 1 … total, in order).
   *
   * @param preview the step's denoised estimate, computed only if asked; valid during this call
   */
  void onStep(int step, int total, Preview preview);
}
