package io.glyphwright.diffusion.sampling;

/** Standard normal noise for the initial sample and for ancestral scheduler steps. */
@FunctionalInterface
public interface NoiseSource {
  /** Fills {@code dst} with independent draws from N(0, 1). */
  void fill(float[] dst);
}
