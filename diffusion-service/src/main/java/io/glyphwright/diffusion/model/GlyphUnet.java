package io.glyphwright.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The glyph-conditioned denoiser: a small ADM-style UNet that works on pixel-unshuffled images.
 *
 * <p>Inputs, in this order (see {@link #forward(ParameterStore, NDList, boolean)}):
 *
 * <ol>
 *   <li>{@code x} {@code [B, 3r², h, w]}: the noisy image, unshuffled by {@code r};
 *   <li>{@code t} {@code [B]} float: the training timestep;
 *   <li>{@code glyph} {@code [B, r², h, w]}: the glyph mask in {@code [0, 1]}, unshuffled the same
 *       way;
 *   <li>{@code text} {@code [B, L, D]}: the prompt's token embeddings;
 *   <li>{@code textMask} {@code [B, L]} float: 1 for a real token, 0 for padding; all zeros is the
 *       unconditional prompt of classifier-free guidance.
 * </ol>
 *
 * Output: {@code [B, 3r², h, w]}, the model's prediction in the same unshuffled space.
 *
 * <p>Conditioning: the timestep (sinusoidal embedding, MLP) and the prompt (masked mean of its
 * tokens, MLP) are summed into one embedding that scales and shifts every residual block's
 * normalised activations (FiLM). The glyph mask is concatenated to the input and again to the
 * features before the output convolution, so the ink can be painted without being carried through
 * the whole network; a 1×1 convolution of the noisy input is added to the output ({@link
 * #inputSkip}); and an ink head paints the mask in a colour the features choose ({@link #inkHead}).
 */
public final class GlyphUnet extends UnetLayer {
  private final UnetConfig config;
  private final DenseLayer time1;
  private final DenseLayer time2;
  private final DenseLayer text1;
  private final DenseLayer text2;
  private final Conv2dLayer convIn;
  private final List<UnetLayer> down = new ArrayList<>();
  private final ResBlock mid1;
  private final ResBlock mid2;
  private final List<UnetLayer> up = new ArrayList<>();
  private final GroupNorm normOut;
  private final Conv2dLayer convOut;
  private final Conv2dLayer inputSkip;
  private final Conv2dLayer inkHead;
  private final DenseLayer skipGate;
  private final DenseLayer outShift;
  private final DenseLayer inGate;
  private final DenseLayer promptShift;
  private final DenseLayer promptGate;

  /** A freshly initialised UNet; the same configuration and seed give the same weights. */
  public GlyphUnet(UnetConfig config, long seed) {
    this.config = Objects.requireNonNull(config, "config");
    SplittableRandom seeds = new SplittableRandom(seed);
    int c0 = config.baseChannels();
    int e = config.embedDim();
    int g = config.groups();
    boolean z = config.zeroInit();
    time1 = addChildBlock("time1", new DenseLayer(c0, e, seeds, false));
    time2 = addChildBlock("time2", new DenseLayer(e, e, seeds, false));
    text1 = addChildBlock("text1", new DenseLayer(config.textWidth(), e, seeds, false));
    text2 = addChildBlock("text2", new DenseLayer(e, e, seeds, false));
    convIn =
        addChildBlock(
            "convIn",
            new Conv2dLayer(
                config.modelChannels() + config.condChannels(), c0, 3, 1, seeds, false));

    List<Integer> skipChannels = new ArrayList<>();
    skipChannels.add(c0);
    int ch = c0;
    List<Integer> mults = config.channelMults();
    for (int level = 0; level < mults.size(); level++) {
      int outCh = c0 * mults.get(level);
      for (int i = 0; i < config.resBlocksPerLevel(); i++) {
        down.add(
            addChildBlock("down" + level + "_res" + i, new ResBlock(ch, outCh, e, g, seeds, z)));
        ch = outCh;
        skipChannels.add(ch);
      }
      if (level < mults.size() - 1) {
        down.add(
            addChildBlock("down" + level + "_pool", new Conv2dLayer(ch, ch, 3, 2, seeds, false)));
        skipChannels.add(ch);
      }
    }
    mid1 = addChildBlock("mid1", new ResBlock(ch, ch, e, g, seeds, z));
    mid2 = addChildBlock("mid2", new ResBlock(ch, ch, e, g, seeds, z));
    for (int level = mults.size() - 1; level >= 0; level--) {
      int outCh = c0 * mults.get(level);
      for (int i = 0; i <= config.resBlocksPerLevel(); i++) {
        int skip = skipChannels.remove(skipChannels.size() - 1);
        up.add(
            addChildBlock(
                "up" + level + "_res" + i, new ResBlock(ch + skip, outCh, e, g, seeds, z)));
        ch = outCh;
      }
      if (level > 0) {
        up.add(addChildBlock("up" + level + "_upsample", new Upsample(ch, seeds)));
      }
    }
    normOut = addChildBlock("normOut", new GroupNorm(ch, g));
    convOut =
        addChildBlock(
            "convOut",
            new Conv2dLayer(ch + config.condChannels(), config.modelChannels(), 3, 1, seeds, z));
    inputSkip =
        addChildBlock(
            "inputSkip",
            new Conv2dLayer(config.modelChannels(), config.modelChannels(), 1, 1, seeds, z));
    inkHead = addChildBlock("inkHead", new Conv2dLayer(ch, config.imageChannels(), 3, 1, seeds, z));
    skipGate = addChildBlock("skipGate", new DenseLayer(e, config.modelChannels(), seeds, z));
    outShift = addChildBlock("outShift", new DenseLayer(e, config.modelChannels(), seeds, z));
    inGate = addChildBlock("inGate", new DenseLayer(e, c0, seeds, z));
    promptShift =
        addChildBlock(
            "promptShift", new DenseLayer(config.textWidth(), config.modelChannels(), seeds, z));
    promptGate = addChildBlock("promptGate", new DenseLayer(e, config.modelChannels(), seeds, z));
  }

  public UnetConfig config() {
    return config;
  }

  public DenseLayer time1() {
    return time1;
  }

  public DenseLayer time2() {
    return time2;
  }

  public DenseLayer text1() {
    return text1;
  }

  public DenseLayer text2() {
    return text2;
  }

  public Conv2dLayer convIn() {
    return convIn;
  }

  /**
   * The way down, in order: {@link ResBlock}s, and between levels a stride-2 {@link Conv2dLayer}.
   * The output of each, and of {@link #convIn}, is kept for the way up.
   */
  public List<UnetLayer> down() {
    return List.copyOf(down);
  }

  public ResBlock mid1() {
    return mid1;
  }

  public ResBlock mid2() {
    return mid2;
  }

  /**
   * The way up, in order: {@link ResBlock}s, each fed the running features concatenated (channels)
   * with the last kept skip, and between levels an {@link Upsample}.
   */
  public List<UnetLayer> up() {
    return List.copyOf(up);
  }

  public GroupNorm normOut() {
    return normOut;
  }

  public Conv2dLayer convOut() {
    return convOut;
  }

  /**
   * A 1×1 convolution from the noisy input straight to the output, added to {@link #convOut}'s
   * result. The first convolution folds {@code 3r²} input channels into {@code baseChannels} (192
   * into 48 by default), which loses most of the input's per-pixel detail; the noise estimate at
   * low noise levels needs exactly that detail.
   */
  public Conv2dLayer inputSkip() {
    return inputSkip;
  }

  /**
   * The ink head: a 3×3 convolution of the last features to one colour offset per image channel and
   * position, multiplied by each of that position's {@code r²} glyph-mask sub-pixels and added to
   * the output ({@link #inkProduct}). {@link #convOut} sees the mask only linearly, so it can add
   * one fixed offset per sub-pixel — the average contrast of text, near zero when text is as often
   * light on dark as dark on light; the product lets the features choose the ink's colour while the
   * mask alone gives its exact shape.
   */
  public Conv2dLayer inkHead() {
    return inkHead;
  }

  /**
   * {@code ink ⊗ mask} in the unshuffled layout: channel {@code c·r² + k} is {@code ink[c] ·
   * glyph[k]}, {@code k} the sub-pixel (the first {@code r²} glyph channels, the mask).
   */
  static NDArray inkProduct(NDArray ink, NDArray glyph, int r2) {
    Shape s = ink.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long hh = s.get(2);
    long ww = s.get(3);
    NDArray mask = glyph.getShape().get(1) == r2 ? glyph : glyph.get(":, 0:" + r2);
    NDList tiles = new NDList();
    for (int i = 0; i < c; i++) {
      tiles.add(mask);
    }
    NDArray tiled = NDArrays.concat(tiles, 1);
    NDArray spread = ink.expandDims(2).repeat(2, r2).reshape(b, c * r2, hh, ww);
    return spread.mul(tiled);
  }

  /**
   * The skip gate: from the timestep alone, one factor per output channel for the {@link
   * #inputSkip}, {@code out += (1 + gate(t)) ⊙ inputSkip(x)}, starting at 1. A skip with one weight
   * for every timestep copies the noise of {@code x} into the predicted image where {@code x} is
   * mostly noise, and the sampler keeps it; the gate lets the skip fade out there. It sees the
   * timestep only, so the conditional and unconditional predictions of guidance share it and
   * guidance cannot amplify the noise it lets through.
   */
  public DenseLayer skipGate() {
    return skipGate;
  }

  /**
   * The output shift: from the whole conditioning embedding (timestep and prompt), one value per
   * output channel added to the output, starting at 0. A direct path from the prompt to the image's
   * colours, which the output GroupNorm would otherwise normalise away.
   */
  public DenseLayer outShift() {
    return outShift;
  }

  /**
   * The input gate: from the timestep alone, one factor per channel of {@link #convIn} for the part
   * of its output that comes from the noisy input {@code x} (not the glyphs), {@code h = convIn(x,
   * glyph) + gate(t) ⊙ convIn_x(x)}, starting at 0. Without it every path from {@code x} through
   * the level-0 skip and the residual connections is the same linear map at every timestep, so at
   * the noisiest steps, where {@code x} tells nothing, part of its noise reaches the predicted
   * image; the gate lets the network shut {@code x} out there.
   */
  public DenseLayer inGate() {
    return inGate;
  }

  /**
   * The prompt shift: one value per output channel straight from the pooled prompt embedding (one
   * matrix, no MLP), scaled by {@code 1 + }{@link #promptGate}{@code (t)}, added to the output,
   * starting at 0. The prompt otherwise reaches the image only through the summed embedding, where
   * a fresh network's prompt part is small beside the timestep's, and through FiLM in normalised
   * features: trained networks predicted the same mean colour (within 1 of 255) for every colour a
   * prompt named (docs/MODELS.md). A linear map of the pooled embedding learns the colour a prompt
   * names the way a linear probe would.
   */
  public DenseLayer promptShift() {
    return promptShift;
  }

  /**
   * From the timestep alone, one factor per output channel for {@link #promptShift}, {@code 1 +
   * gate(t)}, starting at 1: where the input already shows the image the shift must fade out.
   */
  public DenseLayer promptGate() {
    return promptGate;
  }

  /** The frequencies of the sinusoidal timestep embedding: {@code 10000^(−i/half)}. */
  public static float[] timestepFrequencies(int dim) {
    int half = dim / 2;
    float[] f = new float[half];
    for (int i = 0; i < half; i++) {
      f[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
    }
    return f;
  }

  /** Number of trainable values. */
  public long parameterCount() {
    return getParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
  }

  /** Initialises the parameters (their values come from the seed, not from the engine). */
  public void initialize(NDManager manager) {
    initialize(manager, DataType.FLOAT32, new Shape(1));
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    if (inputs.size() != 5) {
      throw new IllegalArgumentException(
          "the UNet takes 5 inputs (x, t, glyph, text, textMask), got " + inputs.size());
    }
    NDArray x = inputs.get(0);
    NDArray t = inputs.get(1);
    NDArray glyph = inputs.get(2);
    NDArray text = inputs.get(3);
    NDArray textMask = inputs.get(4);
    NDManager m = x.getManager();

    NDArray freqs = m.create(timestepFrequencies(config.baseChannels()));
    NDArray args = t.reshape(-1, 1).mul(freqs.reshape(1, -1));
    NDArray sinus = NDArrays.concat(new NDList(args.cos(), args.sin()), 1);
    NDArray temb = time2.apply(ps, Nonlinearity.silu(time1.apply(ps, sinus, training)), training);

    NDArray maskE = textMask.expandDims(2);
    NDArray count = textMask.sum(new int[] {1}, true).maximum(1f);
    NDArray pooled = text.mul(maskE).sum(new int[] {1}).div(count);
    NDArray pemb = text2.apply(ps, Nonlinearity.silu(text1.apply(ps, pooled, training)), training);
    NDArray embSilu = Nonlinearity.silu(temb.add(pemb));

    NDArray timeSilu = Nonlinearity.silu(temb);
    long b = x.getShape().get(0);
    int mc = config.modelChannels();
    NDArray h = convIn.apply(ps, NDArrays.concat(new NDList(x, glyph), 1), training);
    NDArray inG = inGate.apply(ps, timeSilu, training).reshape(b, config.baseChannels(), 1, 1);
    h = h.add(convIn.applyInputs(ps, x, 0, mc, training).mul(inG));
    Deque<NDArray> skips = new ArrayDeque<>();
    skips.push(h);
    for (UnetLayer layer : down) {
      if (layer instanceof ResBlock r) {
        h = r.apply(ps, h, embSilu, training);
      } else {
        h = ((Conv2dLayer) layer).apply(ps, h, training);
      }
      skips.push(h);
    }
    h = mid1.apply(ps, h, embSilu, training);
    h = mid2.apply(ps, h, embSilu, training);
    for (UnetLayer layer : up) {
      if (layer instanceof ResBlock r) {
        h = r.apply(ps, NDArrays.concat(new NDList(h, skips.pop()), 1), embSilu, training);
      } else {
        h = ((Upsample) layer).apply(ps, h, training);
      }
    }
    h = Nonlinearity.silu(normOut.apply(ps, h, training));
    NDArray out = convOut.apply(ps, NDArrays.concat(new NDList(h, glyph), 1), training);
    int r2 = config.unshuffle() * config.unshuffle();
    NDArray ink = inkProduct(inkHead.apply(ps, h, training), glyph, r2);
    NDArray gate = skipGate.apply(ps, timeSilu, training).reshape(b, mc, 1, 1).add(1f);
    NDArray shift = outShift.apply(ps, embSilu, training).reshape(b, mc, 1, 1);
    NDArray skip = inputSkip.apply(ps, x, training).mul(gate);
    NDArray promptG = promptGate.apply(ps, timeSilu, training).reshape(b, mc, 1, 1).add(1f);
    NDArray prompt = promptShift.apply(ps, pooled, training).reshape(b, mc, 1, 1).mul(promptG);
    return new NDList(out.add(skip).add(shift).add(ink).add(prompt));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  /**
   * The top-level blocks by the names they were added under ({@code time1}, {@code down0_res0},
   * {@code promptShift}, …), in the order their parameters are saved.
   */
  public Map<String, Block> namedBlocks() {
    Map<String, Block> out = new LinkedHashMap<>();
    PairList<String, Block> children = getChildren();
    for (int i = 0; i < children.size(); i++) {
      String key = children.keyAt(i);
      out.put(key.substring(childNumberDigits(key)), children.valueAt(i));
    }
    return out;
  }

  /** DJL names a child {@code NN<name>}, NN its 1-based number. */
  private static int childNumberDigits(String key) {
    int i = 0;
    while (i < key.length() && Character.isDigit(key.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The blocks in the order their parameters are saved; for tests and reports. */
  List<Block> blocks() {
    return new ArrayList<>(getChildren().values());
  }
}
