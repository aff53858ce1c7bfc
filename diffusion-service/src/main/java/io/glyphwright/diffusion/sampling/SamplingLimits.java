package io.glyphwright.diffusion.sampling;

/**
 * The ranges a sampling request must keep to. A model may narrow them further: sides must be
 * multiples of its {@link DenoiserSpec#sizeMultiple()} (and match a network exported at a fixed
 * size), and steps may not exceed its training timesteps.
 */
public final class SamplingLimits {
  public static final int MIN_STEPS = 1;
  public static final int MAX_STEPS = 1000;
  public static final double MIN_GUIDANCE = 0.0;
  public static final double MAX_GUIDANCE = 30.0;
  public static final int MIN_IMAGES = 1;
  public static final int MAX_IMAGES = 8;
  public static final int MIN_SIDE = 16;
  public static final int MAX_SIDE = 1024;

  /** Largest {@code n·width·height} of one request (8 images of 512×512). */
  public static final long MAX_BATCH_PIXELS = 8L * 512 * 512;

  private SamplingLimits() {}
}
