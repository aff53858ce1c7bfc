package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The residual block of ADM (Dhariwal & Nichol 2021) with scale-shift conditioning (FiLM):
 *
 * <pre>{@code
 * h = conv1(silu(norm1(x)))
 * (scale, shift) = film(silu(emb))              // [B, 2·out] → two [B, out, 1, 1]
 * h = conv2(silu(norm2(h)·(1 + scale) + shift))
 * return skip(x) + h                            // skip: 1×1 conv when in ≠ out, else identity
 * }</pre>
 *
 * {@code conv2} starts at zero, so every block starts as the identity.
 */
public final class ResBlock extends UnetLayer {
  private final int in;
  private final int out;
  private final GroupNorm norm1;
  private final Conv2dLayer conv1;
  private final DenseLayer film;
  private final GroupNorm norm2;
  private final Conv2dLayer conv2;
  private final Conv2dLayer skip;

  ResBlock(int in, int out, int embedDim, int groups, SplittableRandom seeds, boolean zeroInit) {
    this.in = in;
    this.out = out;
    norm1 = addChildBlock("norm1", new GroupNorm(in, groups));
    conv1 = addChildBlock("conv1", new Conv2dLayer(in, out, 3, 1, seeds, false));
    film = addChildBlock("film", new DenseLayer(embedDim, 2 * out, seeds, false));
    norm2 = addChildBlock("norm2", new GroupNorm(out, groups));
    conv2 = addChildBlock("conv2", new Conv2dLayer(out, out, 3, 1, seeds, zeroInit));
    skip = in == out ? null : addChildBlock("skip", new Conv2dLayer(in, out, 1, 1, seeds, false));
  }

  public int inChannels() {
    return in;
  }

  public int outChannels() {
    return out;
  }

  public GroupNorm norm1() {
    return norm1;
  }

  public Conv2dLayer conv1() {
    return conv1;
  }

  public DenseLayer film() {
    return film;
  }

  public GroupNorm norm2() {
    return norm2;
  }

  public Conv2dLayer conv2() {
    return conv2;
  }

  /** The 1×1 projection of the residual path, present when the channel count changes. */
  public Optional<Conv2dLayer> skip() {
    return Optional.ofNullable(skip);
  }

  /**
   * @param x {@code [B, in, H, W]}
   * @param embSilu {@code silu(emb)}, {@code [B, E]}
   */
  NDArray apply(ParameterStore ps, NDArray x, NDArray embSilu, boolean training) {
    NDArray h = conv1.apply(ps, Nonlinearity.silu(norm1.apply(ps, x, training)), training);
    NDArray ss = film.apply(ps, embSilu, training);
    long b = ss.getShape().get(0);
    NDArray scale = ss.get(":, :" + out).reshape(b, out, 1, 1);
    NDArray shift = ss.get(":, " + out + ":").reshape(b, out, 1, 1);
    h = norm2.apply(ps, h, training).mul(scale.add(1f)).add(shift);
    h = conv2.apply(ps, Nonlinearity.silu(h), training);
    NDArray residual = skip == null ? x : skip.apply(ps, x, training);
    return residual.add(h);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(ps, inputs.get(0), Nonlinearity.silu(inputs.get(1)), training));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {new Shape(s.get(0), out, s.get(2), s.get(3))};
  }
}
