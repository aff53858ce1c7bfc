package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.SplittableRandom;

/**
 * A square 2-D convolution with bias, "same" padding ({@code k/2}) and stride 1 or 2; weights
 * {@code [out, in, k, k]} as in PyTorch and ONNX.
 */
public final class Conv2dLayer extends UnetLayer {
  private final int in;
  private final int out;
  private final int kernel;
  private final int stride;
  private final Parameter weight;
  private final Parameter bias;

  Conv2dLayer(int in, int out, int kernel, int stride, SplittableRandom seeds, boolean zero) {
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.stride = stride;
    long fanIn = (long) in * kernel * kernel;
    weight =
        addParameter(
            Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(out, in, kernel, kernel))
                .optInitializer(
                    zero
                        ? SeededInitializer.constant(0)
                        : SeededInitializer.uniform(seeds.nextLong(), fanIn))
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
                        : SeededInitializer.uniform(seeds.nextLong(), fanIn))
                .build());
  }

  public int inChannels() {
    return in;
  }

  public int outChannels() {
    return out;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  /** Padding on every side. */
  public int padding() {
    return kernel / 2;
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
    int p = padding();
    return Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(p, p), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  /**
   * The convolution of {@code x} with the weights of input channels {@code from…to−1} only, without
   * the bias: the part of {@link #apply}'s result that those channels contribute, when {@code x}
   * holds just them.
   */
  NDArray applyInputs(ParameterStore ps, NDArray x, int from, int to, boolean training) {
    NDArray w = ps.getValue(weight, x.getDevice(), training).get(":, " + from + ":" + to);
    NDArray zero = x.getManager().zeros(new Shape(out), x.getDataType(), x.getDevice());
    int p = padding();
    return Conv2d.conv2d(x, w, zero, new Shape(stride, stride), new Shape(p, p), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), out, s.get(2) / stride, s.get(3) / stride)};
  }
}
