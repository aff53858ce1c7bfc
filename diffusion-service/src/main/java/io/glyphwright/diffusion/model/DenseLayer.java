package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/** A fully connected layer {@code y = x·Wᵀ + b} over the last axis; weight {@code [out, in]}. */
public final class DenseLayer extends UnetLayer {
  private final int in;
  private final int out;
  private final Parameter weight;
  private final Parameter bias;

  DenseLayer(int in, int out, SplittableRandom seeds, boolean zero) {
    this.in = in;
    this.out = out;
    weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in))
                .optInitializer(
                    zero
                        ? SeededInitializer.constant(0)
                        : SeededInitializer.uniform(seeds.nextLong(), in))
                .build());
    bias =
        addParameter(
            Parameter.builder()
                .setName("bias")
                .setType(Parameter.Type.BIAS)
                .optShape(new Shape(out))
                .optInitializer(
                    zero
                        ? SeededInitializer.constant(0)
                        : SeededInitializer.uniform(seeds.nextLong(), in))
                .build());
  }

  public int inFeatures() {
    return in;
  }

  public int outFeatures() {
    return out;
  }

  public Parameter weight() {
    return weight;
  }

  public Parameter bias() {
    return bias;
  }

  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training);
    NDArray b = ps.getValue(bias, x.getDevice(), training);
    return Linear.linear(x, w, b).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {s.slice(0, s.dimension() - 1).add(out)};
  }
}
