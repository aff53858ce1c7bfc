package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The activation used throughout the UNet. */
final class Nonlinearity {
  private Nonlinearity() {}

  /** SiLU (swish with β = 1): {@code x·σ(x)}. */
  static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }
}
