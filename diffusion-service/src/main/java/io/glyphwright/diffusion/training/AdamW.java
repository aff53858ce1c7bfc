package io.glyphwright.diffusion.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov & Hutter 2019) whose whole state — both moments of every parameter and the step
 * count — is held here, so that a checkpoint saves it and a resumed run continues exactly. The
 * update is the engine's fused Adam kernel in its decoupled-weight-decay form; weight decay applies
 * to matrices and kernels only, not to biases and norm scales. Gradients are rescaled to a global
 * norm of at most {@code maxGradNorm} first, and zeroed after the update.
 */
final class AdamW {
  private final List<Parameter> params;
  private final List<NDArray> means = new ArrayList<>();
  private final List<NDArray> variances = new ArrayList<>();
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private final float weightDecay;
  private final float maxGradNorm;
  private long steps;

  AdamW(
      List<Parameter> params,
      NDManager manager,
      float beta1,
      float beta2,
      float epsilon,
      float weightDecay,
      float maxGradNorm) {
    this.params = List.copyOf(params);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.maxGradNorm = maxGradNorm;
    for (Parameter p : params) {
      NDArray w = p.getArray();
      means.add(manager.zeros(w.getShape(), w.getDataType()));
      variances.add(manager.zeros(w.getShape(), w.getDataType()));
    }
  }

  /** Updates done so far. */
  long steps() {
    return steps;
  }

  /**
   * One update at learning rate {@code lr}.
   *
   * @return the global gradient norm before clipping
   */
  float step(float lr) {
    List<NDArray> grads = new ArrayList<>(params.size());
    try {
      double sq = 0;
      for (Parameter p : params) {
        NDArray g = p.getArray().getGradient();
        grads.add(g);
        // Both results are full-size or scalar arrays attached to the parameters' manager, which
        // lives as long as the run: unclosed, the squares alone held a copy of every gradient
        // per step (≈ 14 MB a step for the default UNet).
        try (NDArray squares = g.square();
            NDArray s = squares.sum()) {
          sq += s.getFloat();
        }
      }
      float norm = (float) Math.sqrt(sq);
      if (!Float.isFinite(norm)) {
        throw new IllegalStateException(
            "the gradient norm is "
                + norm
                + " at update "
                + (steps + 1)
                + "; lower the learning rate");
      }
      float rescale = maxGradNorm > 0 && norm > maxGradNorm ? maxGradNorm / norm : 1f;
      steps++;
      double coef1 = 1.0 - Math.pow(beta1, steps);
      double coef2 = 1.0 - Math.pow(beta2, steps);
      float lrCorrected = (float) (lr * Math.sqrt(coef2) / coef1);
      for (int i = 0; i < params.size(); i++) {
        NDArray w = params.get(i).getArray();
        float wd = w.getShape().dimension() > 1 ? weightDecay : 0f;
        w.getNDArrayInternal()
            .adamUpdate(
                new NDList(w, grads.get(i), means.get(i), variances.get(i)),
                new NDList(w),
                lr,
                lrCorrected,
                wd,
                rescale,
                Float.POSITIVE_INFINITY,
                beta1,
                beta2,
                epsilon,
                true,
                true);
      }
      return norm;
    } finally {
      grads.forEach(NDArray::close);
    }
  }

  /** Both moments, parameter by parameter: m₀, v₀, m₁, v₁, … */
  NDList state() {
    NDList list = new NDList();
    for (int i = 0; i < params.size(); i++) {
      list.add(means.get(i));
      list.add(variances.get(i));
    }
    return list;
  }

  /** Restores what {@link #state} saved, after {@code steps} updates. */
  void restore(NDList state, long restoredSteps) {
    if (state.size() != 2 * params.size()) {
      throw new IllegalArgumentException(
          "optimizer state has " + state.size() + " arrays, expected " + 2 * params.size());
    }
    for (int i = 0; i < params.size(); i++) {
      means.get(i).set(state.get(2 * i).toByteBuffer());
      variances.get(i).set(state.get(2 * i + 1).toByteBuffer());
    }
    this.steps = restoredSteps;
  }
}
