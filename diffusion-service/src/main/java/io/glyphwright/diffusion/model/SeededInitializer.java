package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Fills a parameter from its own Java random stream, so that a model's initial weights depend only
 * on its configuration and seed, never on the engine or on the order in which parameters are
 * initialised.
 */
final class SeededInitializer implements Initializer {
  private final long seed;
  private final double bound;
  private final double constant;

  private SeededInitializer(long seed, double bound, double constant) {
    this.seed = seed;
    this.bound = bound;
    this.constant = constant;
  }

  /** Uniform in {@code [−1/√fanIn, 1/√fanIn]}: PyTorch's default for convolutions and linears. */
  static SeededInitializer uniform(long seed, long fanIn) {
    return new SeededInitializer(seed, 1.0 / Math.sqrt(fanIn), 0);
  }

  /** Every element equal to {@code value}. */
  static SeededInitializer constant(double value) {
    return new SeededInitializer(0, 0, value);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    int n = Math.toIntExact(shape.size());
    float[] values = new float[n];
    if (bound == 0) {
      java.util.Arrays.fill(values, (float) constant);
    } else {
      SplittableRandom rng = new SplittableRandom(seed);
      for (int i = 0; i < n; i++) {
        values[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
      }
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
