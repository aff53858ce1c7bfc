package io.glyphwright.diffusion.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of the parameters, {@code ema ← d·ema + (1 − d)·θ}, with the decay
 * warmed up as {@code d = min(decay, (1 + n)/(10 + n))} after {@code n} updates (as in diffusers'
 * EMAModel), so that early averages are not dominated by the random initial weights.
 */
final class Ema {
  private final List<Parameter> params;
  private final List<NDArray> averages = new ArrayList<>();
  private final float decay;

  Ema(List<Parameter> params, NDManager manager, float decay) {
    this.params = List.copyOf(params);
    this.decay = decay;
    for (Parameter p : params) {
      averages.add(p.getArray().duplicate());
    }
    averages.forEach(a -> a.attach(manager));
  }

  /** The decay used at update {@code n} (1-based). */
  float decayAt(long n) {
    return Math.min(decay, (1f + n) / (10f + n));
  }

  /** Folds in the current parameters; {@code n} is the optimizer's update count. */
  void update(long n) {
    float d = decayAt(n);
    for (int i = 0; i < params.size(); i++) {
      NDArray a = averages.get(i);
      try (NDArray scaled = params.get(i).getArray().mul(1f - d)) {
        a.muli(d).addi(scaled);
      }
    }
  }

  /** The averaged values, parameter by parameter. */
  NDList state() {
    return new NDList(averages);
  }

  void restore(NDList state) {
    if (state.size() != params.size()) {
      throw new IllegalArgumentException(
          "EMA state has " + state.size() + " arrays, expected " + params.size());
    }
    restorePrefix(state);
  }

  /**
   * Sets the first {@code state.size()} averages (a network grown since the state was saved); the
   * others keep their values.
   */
  void restorePrefix(NDList state) {
    if (state.size() > params.size()) {
      throw new IllegalArgumentException(
          "EMA state has " + state.size() + " arrays, more than the " + params.size() + " here");
    }
    for (int i = 0; i < state.size(); i++) {
      averages.get(i).set(state.get(i).toByteBuffer());
    }
  }

  /** Copies the averages into {@code target}'s parameters (a UNet of the same shape). */
  void copyInto(List<Parameter> target) {
    for (int i = 0; i < params.size(); i++) {
      target.get(i).getArray().set(averages.get(i).toByteBuffer());
    }
  }
}
