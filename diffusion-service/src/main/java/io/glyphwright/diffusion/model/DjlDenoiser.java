package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.glyphwright.diffusion.sampling.ConditionedDenoiser;
import io.glyphwright.diffusion.sampling.Conditioning;
import io.glyphwright.diffusion.sampling.Denoiser;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import java.util.Objects;

/**
 * A {@link GlyphUnet} in DJL behind the sampler's {@link Denoiser} interface: the trainer draws its
 * sample grids through it, and the exporter's parity tests compare it with the ONNX Runtime
 * denoiser on the very same calls. Inference only (no gradients). The UNet must be initialised; its
 * parameters are read, never changed.
 */
public final class DjlDenoiser implements Denoiser {
  private final GlyphUnet unet;
  private final DenoiserSpec spec;
  private final NDManager manager;

  /**
   * @param manager parent of the arrays each run makes (on the UNet's device)
   * @throws IllegalArgumentException if the spec does not describe this UNet
   */
  public DjlDenoiser(GlyphUnet unet, DenoiserSpec spec, NDManager manager) {
    this.unet = Objects.requireNonNull(unet, "unet");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.manager = Objects.requireNonNull(manager, "manager");
    UnetConfig c = unet.config();
    if (spec.modelChannels() != c.modelChannels()
        || spec.condChannels() != c.condChannels()
        || spec.textDim() != c.textWidth()
        || spec.unshuffle() != c.unshuffle()) {
      throw new IllegalArgumentException(
          "the spec (channels "
              + spec.modelChannels()
              + ", glyph channels "
              + spec.condChannels()
              + ", text width "
              + spec.textDim()
              + ") does not describe this UNet ("
              + c
              + ")");
    }
  }

  @Override
  public DenoiserSpec spec() {
    return spec;
  }

  @Override
  public ConditionedDenoiser condition(Conditioning c) {
    c.checkAgainst(spec);
    NDManager run = manager.newSubManager();
    int b = c.batch();
    NDArray glyphs =
        run.create(c.glyphs(), new Shape(b, spec.condChannels(), c.height(), c.width()));
    NDArray text = run.create(c.text(), new Shape(b, spec.textTokens(), spec.textDim()));
    NDArray mask = run.create(c.textMask(), new Shape(b, spec.textTokens()));
    ParameterStore ps = new ParameterStore(run, false);
    Shape xShape = new Shape(b, spec.modelChannels(), c.height(), c.width());
    return new ConditionedDenoiser() {
      @Override
      public void predict(float[] x, float[] t, float[] out) {
        try (NDManager step = run.newSubManager()) {
          NDArray xs = step.create(x, xShape);
          NDArray ts = step.create(t, new Shape(b));
          NDArray y =
              unet.forward(ps, new NDList(xs, ts, glyphs, text, mask), false).singletonOrThrow();
          float[] values = y.toFloatArray();
          System.arraycopy(values, 0, out, 0, values.length);
        }
      }

      @Override
      public void close() {
        run.close();
      }
    };
  }
}
