package io.glyphwright.diffusion.export;

import ai.djl.nn.Parameter;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.glyphwright.core.AtomicFiles;
import io.glyphwright.diffusion.model.Conv2dLayer;
import io.glyphwright.diffusion.model.DenseLayer;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.GroupNorm;
import io.glyphwright.diffusion.model.ResBlock;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.model.UnetLayer;
import io.glyphwright.diffusion.model.Upsample;
import io.glyphwright.diffusion.onnx.OnnxDenoiser;
import io.glyphwright.diffusion.sampling.PredictionType;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link GlyphUnet} as an ONNX graph that computes what its DJL forward pass computes, op
 * for op, with the current parameter values as initializers.
 */
public final class UnetOnnxExporter {
  private static final TensorProto.DataType FLOAT = TensorProto.DataType.FLOAT;

  private UnetOnnxExporter() {}

  /**
   * {@code ink ⊗ mask} as {@code GlyphUnet.inkProduct} computes it: each ink channel spread over
   * {@code r²} channels by a constant 1×1 convolution (weights 0/1, not a parameter), times the
   * mask's {@code r²} sub-pixels tiled once per image channel.
   */
  private static String inkProduct(OnnxGraph g, String ink, String glyph, UnetConfig c) {
    int r2 = c.unshuffle() * c.unshuffle();
    int ic = c.imageChannels();
    float[] spread = new float[ic * r2 * ic];
    for (int ch = 0; ch < ic; ch++) {
      for (int k = 0; k < r2; k++) {
        spread[(ch * r2 + k) * ic + ch] = 1f;
      }
    }
    String spreadW = g.floats("ink_spread", spread, ic * r2, ic, 1, 1);
    String wide = g.node("Conv", List.of(ink, spreadW));
    String mask = glyph;
    if (c.condChannels() != r2) {
      mask =
          g.node(
              "Slice",
              List.of(
                  glyph, g.longs("ink_start", 0), g.longs("ink_end", r2), g.longs("ink_axis", 1)));
    }
    List<String> tiles = new java.util.ArrayList<>();
    for (int ch = 0; ch < ic; ch++) {
      tiles.add(mask);
    }
    String tiled = ic == 1 ? mask : g.node("Concat", tiles, "axis", 1L);
    return g.node("Mul", List.of(wide, tiled));
  }

  /** The model as ONNX protobuf, with {@code metadata} in its {@code metadata_props}. */
  public static ModelProto toModel(
      GlyphUnet unet, PredictionType prediction, Map<String, String> metadata) {
    UnetConfig c = unet.config();
    OnnxGraph g = new OnnxGraph("glyph_unet");
    List<Object> image = List.of("batch", (long) c.modelChannels(), "height", "width");
    String x = g.input(OnnxDenoiser.INPUT_SAMPLE, FLOAT, image);
    String tf = g.input(OnnxDenoiser.INPUT_TIMESTEP, FLOAT, List.of("batch"));
    String glyph =
        g.input(
            OnnxDenoiser.INPUT_GLYPHS,
            FLOAT,
            List.of("batch", (long) c.condChannels(), "height", "width"));
    String text =
        g.input(OnnxDenoiser.INPUT_TEXT, FLOAT, List.of("batch", "tokens", (long) c.textWidth()));
    String maskF = g.input(OnnxDenoiser.INPUT_TEXT_MASK, FLOAT, List.of("batch", "tokens"));
    metadata.forEach(g::metadata);

    Emitter e = new Emitter(g);

    String freqs =
        g.floats("freqs", GlyphUnet.timestepFrequencies(c.baseChannels()), 1, c.baseChannels() / 2);
    String args =
        g.node("Mul", List.of(g.node("Unsqueeze", List.of(tf, g.longs("axes", 1))), freqs));
    String sinus =
        g.node(
            "Concat",
            List.of(g.node("Cos", List.of(args)), g.node("Sin", List.of(args))),
            "axis",
            1L);
    String temb = e.dense(unet.time2(), e.silu(e.dense(unet.time1(), sinus)));

    String count =
        g.node(
            "Max",
            List.of(
                g.node("ReduceSum", List.of(maskF, g.longs("axes", 1)), "keepdims", 1L),
                g.scalar("one", 1f)));
    String masked =
        g.node("Mul", List.of(text, g.node("Unsqueeze", List.of(maskF, g.longs("axes", 2)))));
    String pooled =
        g.node(
            "Div",
            List.of(
                g.node("ReduceSum", List.of(masked, g.longs("axes", 1)), "keepdims", 0L), count));
    String pemb = e.dense(unet.text2(), e.silu(e.dense(unet.text1(), pooled)));
    String embSilu = e.silu(g.node("Add", List.of(temb, pemb)));

    String timeSilu = e.silu(temb);
    String h = e.conv(unet.convIn(), g.node("Concat", List.of(x, glyph), "axis", 1L));
    String inGate =
        g.node("Unsqueeze", List.of(e.dense(unet.inGate(), timeSilu), g.longs("axes", 2, 3)));
    h =
        g.node(
            "Add",
            List.of(
                h,
                g.node(
                    "Mul", List.of(e.convInputs(unet.convIn(), x, 0, c.modelChannels()), inGate))));
    Deque<String> skips = new ArrayDeque<>();
    skips.push(h);
    for (UnetLayer layer : unet.down()) {
      h = layer instanceof ResBlock r ? e.resBlock(r, h, embSilu) : e.conv((Conv2dLayer) layer, h);
      skips.push(h);
    }
    h = e.resBlock(unet.mid1(), h, embSilu);
    h = e.resBlock(unet.mid2(), h, embSilu);
    for (UnetLayer layer : unet.up()) {
      if (layer instanceof ResBlock r) {
        h = e.resBlock(r, g.node("Concat", List.of(h, skips.pop()), "axis", 1L), embSilu);
      } else {
        h = e.upsample((Upsample) layer, h);
      }
    }
    h = e.silu(e.groupNorm(unet.normOut(), h));
    String axes = g.longs("axes", 2, 3);
    String gate4 = onePlus(g, e.dense(unet.skipGate(), timeSilu), axes);
    String shift = e.dense(unet.outShift(), embSilu);
    String skip = g.node("Mul", List.of(e.conv(unet.inputSkip(), x), gate4));
    String out =
        g.node(
            "Add",
            List.of(e.conv(unet.convOut(), g.node("Concat", List.of(h, glyph), "axis", 1L)), skip));
    out = g.node("Add", List.of(out, g.node("Unsqueeze", List.of(shift, axes))));
    out = g.node("Add", List.of(out, inkProduct(g, e.conv(unet.inkHead(), h), glyph, c)));
    String promptGate4 = onePlus(g, e.dense(unet.promptGate(), timeSilu), axes);
    String promptShift =
        g.node(
            "Mul",
            List.of(
                g.node("Unsqueeze", List.of(e.dense(unet.promptShift(), pooled), axes)),
                promptGate4));
    out = g.node("Add", List.of(out, promptShift));
    g.output(prediction.outputName(), out, FLOAT, image);
    return g.toModel("glyphwright");
  }

  /** {@code 1 + gate}, the per-channel {@code [B, C]} gate made {@code [B, C, 1, 1]}. */
  private static String onePlus(OnnxGraph g, String gate, String axes) {
    return g.node("Add", List.of(g.node("Unsqueeze", List.of(gate, axes)), g.scalar("one", 1f)));
  }

  /**
   * Writes the model to {@code file} atomically ({@link AtomicFiles}: a temporary file beside it,
   * forced to disk, then renamed over it), so a loader never sees half a graph; published {@code
   * rw-r--r--}. On failure an existing file is left as it was.
   */
  public static void write(
      GlyphUnet unet, PredictionType prediction, Map<String, String> metadata, Path file)
      throws IOException {
    ModelProto model = toModel(unet, prediction, metadata);
    Path tmp = AtomicFiles.tempFor(file);
    try {
      try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
        model.writeTo(out);
        out.getFD().sync();
      }
      AtomicFiles.publish(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Emits the ONNX nodes of each layer kind. */
  private static final class Emitter {
    private final OnnxGraph g;

    Emitter(OnnxGraph g) {
      this.g = g;
    }

    String silu(String v) {
      return g.node("Mul", List.of(v, g.node("Sigmoid", List.of(v))));
    }

    String conv(Conv2dLayer c, String in) {
      return convNode(c, List.of(in, weights("conv_w", c.weight()), weights("conv_b", c.bias())));
    }

    /** {@code c} over input channels {@code from…to−1} only, without its bias. */
    String convInputs(Conv2dLayer c, String in, int from, int to) {
      long k = c.kernel();
      float[] w = c.weight().getArray().get(":, " + from + ":" + to).toFloatArray();
      return convNode(c, List.of(in, g.floats("conv_w", w, c.outChannels(), to - from, k, k)));
    }

    /** A Conv node with {@code c}'s kernel, padding and stride. */
    private String convNode(Conv2dLayer c, List<String> inputs) {
      long k = c.kernel();
      long p = c.padding();
      long s = c.stride();
      return g.node(
          "Conv",
          inputs,
          "kernel_shape",
          new long[] {k, k},
          "pads",
          new long[] {p, p, p, p},
          "strides",
          new long[] {s, s});
    }

    String dense(DenseLayer d, String in) {
      return g.node(
          "Gemm",
          List.of(in, weights("dense_w", d.weight()), weights("dense_b", d.bias())),
          "transB",
          1L);
    }

    String groupNorm(GroupNorm n, String in) {
      long groups = n.groups();
      float[] ones = new float[(int) groups];
      Arrays.fill(ones, 1f);
      String shape = g.node("Shape", List.of(in));
      String grouped = g.node("Reshape", List.of(in, g.longs("gn_shape", 0, groups, -1)));
      String normed =
          g.node(
              "InstanceNormalization",
              List.of(
                  grouped,
                  g.floats("gn_one", ones, groups),
                  g.floats("gn_zero", new float[(int) groups], groups)),
              "epsilon",
              GroupNorm.EPS);
      String back = g.node("Reshape", List.of(normed, shape));
      long ch = n.channels();
      String gamma = g.floats("gn_gamma", values(n.gamma()), 1, ch, 1, 1);
      String beta = g.floats("gn_beta", values(n.beta()), 1, ch, 1, 1);
      return g.node("Add", List.of(g.node("Mul", List.of(back, gamma)), beta));
    }

    String resBlock(ResBlock r, String in, String embSilu) {
      String h = conv(r.conv1(), silu(groupNorm(r.norm1(), in)));
      String ss = dense(r.film(), embSilu);
      long out = r.outChannels();
      String scale = g.fresh("film_scale");
      String shift = g.fresh("film_shift");
      g.node("Split", List.of(ss, g.longs("split", out, out)), List.of(scale, shift), "axis", 1L);
      String axes = g.longs("axes", 2, 3);
      String scale4 = g.node("Unsqueeze", List.of(scale, axes));
      String shift4 = g.node("Unsqueeze", List.of(shift, axes));
      String onePlus = g.node("Add", List.of(scale4, g.scalar("one", 1f)));
      h = g.node("Add", List.of(g.node("Mul", List.of(groupNorm(r.norm2(), h), onePlus)), shift4));
      h = conv(r.conv2(), silu(h));
      String residual = r.skip().isPresent() ? conv(r.skip().get(), in) : in;
      return g.node("Add", List.of(residual, h));
    }

    String upsample(Upsample u, String in) {
      String up =
          g.node(
              "Resize",
              List.of(in, "", g.floats("scales", new float[] {1, 1, 2, 2}, 4)),
              "mode",
              "nearest",
              "coordinate_transformation_mode",
              "asymmetric",
              "nearest_mode",
              "floor");
      return conv(u.conv(), up);
    }

    private String weights(String hint, Parameter p) {
      long[] dims = p.getArray().getShape().getShape();
      return g.floats(hint, values(p), dims);
    }

    private static float[] values(Parameter p) {
      return p.getArray().toFloatArray();
    }
  }
}
