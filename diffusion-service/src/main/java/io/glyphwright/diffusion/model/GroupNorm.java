package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Group normalisation (Wu & He 2018), which DJL lacks, built on the engine's fused layer norm: the
 * channels of {@code [B, C, H, W]} are split into {@code G} groups, each group of {@code C/G·H·W}
 * values is normalised to zero mean and unit variance (biased variance, {@code eps} inside the
 * square root), then every channel is scaled by {@code γ_c} and shifted by {@code β_c}.
 */
public final class GroupNorm extends UnetLayer {
  /** The {@code eps} of PyTorch's {@code GroupNorm} and ONNX's {@code LayerNormalization}. */
  public static final float EPS = 1e-5f;

  private final int channels;
  private final int groups;
  private final Parameter gamma;
  private final Parameter beta;

  GroupNorm(int channels, int groups) {
    if (channels % groups != 0) {
      throw new IllegalArgumentException(
          channels + " channels do not split into " + groups + " groups");
    }
    this.channels = channels;
    this.groups = groups;
    gamma =
        addParameter(
            Parameter.builder()
                .setName("gamma")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels))
                .optInitializer(SeededInitializer.constant(1))
                .build());
    beta =
        addParameter(
            Parameter.builder()
                .setName("beta")
                .setType(Parameter.Type.BETA)
                .optShape(new Shape(channels))
                .optInitializer(SeededInitializer.constant(0))
                .build());
  }

  public int channels() {
    return channels;
  }

  public int groups() {
    return groups;
  }

  public Parameter gamma() {
    return gamma;
  }

  public Parameter beta() {
    return beta;
  }

  /** Normalises without the per-channel affine; {@link #affine} applies it. */
  NDArray normalize(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long groupSize = s.size() / (b * groups);
    NDArray grouped = x.reshape(b, groups, groupSize);
    Shape norm = new Shape(groupSize);
    try (NDArray ones = x.getManager().ones(norm, x.getDataType());
        NDArray zeros = x.getManager().zeros(norm, x.getDataType())) {
      NDArray y = LayerNorm.layerNorm(grouped, norm, ones, zeros, EPS).singletonOrThrow();
      return y.reshape(s);
    }
  }

  NDArray affine(ParameterStore ps, NDArray normalized, boolean training) {
    NDArray g = ps.getValue(gamma, normalized.getDevice(), training).reshape(1, channels, 1, 1);
    NDArray bt = ps.getValue(beta, normalized.getDevice(), training).reshape(1, channels, 1, 1);
    return normalized.mul(g).add(bt);
  }

  NDArray apply(ParameterStore ps, NDArray x, boolean training) {
    return affine(ps, normalize(x), training);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.singletonOrThrow(), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
