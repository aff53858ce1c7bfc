package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/** Nearest-neighbour ×2 upsampling followed by a 3×3 convolution. */
public final class Upsample extends UnetLayer {
  private final Conv2dLayer conv;

  Upsample(int channels, SplittableRandom seeds) {
    conv = addChildBlock("conv", new Conv2dLayer(channels, channels, 3, 1, seeds, false));
  }

  public Conv2dLayer conv() {
    return conv;
  }

  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return conv.apply(ps, x.repeat(2, 2).repeat(3, 2), training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) * 2, s.get(3) * 2)};
  }
}
