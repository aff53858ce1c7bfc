package io.glyphwright.diffusion.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.PromptText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How much of the input's noise an x0-predicting UNet lets through into its prediction.
 *
 * <p>Two independent noise draws around the same clean images, {@code x_t = α·x0 + σ·ε}, with the
 * same timestep, glyphs and prompt: half the mean squared difference of the two predictions is the
 * part of the prediction that follows the noise ({@code leak}). Where the input holds almost no
 * image (t near the end of the schedule) the best prediction does not depend on the noise at all,
 * so any leak there is error that a deterministic sampler keeps as if it were image. The mean
 * squared error against the clean images is reported beside it.
 */
public final class NoiseLeak {
  private NoiseLeak() {}

  /** One timestep's figures. */
  public record Figure(int timestep, double leak, double mse) {}

  /**
   * Measures {@code net} at each of {@code timesteps}.
   *
   * @param x0 clean images, unshuffled, {@code [batch, modelChannels, h, w]}
   * @param glyph unshuffled glyph masks {@code [batch, condChannels, h, w]}
   * @param text prompt tokens {@code [batch, tokens, textWidth]}
   * @param textMask {@code [batch, tokens]}
   */
  public static List<Figure> measure(
      GlyphUnet net,
      NoiseSchedule schedule,
      float[] x0,
      float[] glyph,
      float[] text,
      float[] textMask,
      int batch,
      int h,
      int w,
      int[] timesteps,
      long seed,
      NDManager manager) {
    UnetConfig c = net.config();
    int tokens = textMask.length / batch;
    ParameterStore ps = new ParameterStore(manager, false);
    List<Figure> out = new ArrayList<>();
    for (int t : timesteps) {
      double alphaBar = schedule.alphaBar(t);
      float a = (float) Math.sqrt(alphaBar);
      float s = (float) Math.sqrt(1 - alphaBar);
      float[][] pred = new float[2][];
      for (int draw = 0; draw < 2; draw++) {
        SplittableRandom rng = new SplittableRandom(seed + 31L * t + draw);
        float[] x = new float[x0.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = a * x0[i] + s * (float) rng.nextGaussian();
        }
        float[] ts = new float[batch];
        Arrays.fill(ts, t);
        try (NDManager m = manager.newSubManager()) {
          NDList in =
              new NDList(
                  m.create(x, new Shape(batch, c.modelChannels(), h, w)),
                  m.create(ts),
                  m.create(glyph, new Shape(batch, c.condChannels(), h, w)),
                  m.create(text, new Shape(batch, tokens, c.textWidth())),
                  m.create(textMask, new Shape(batch, tokens)));
          pred[draw] = net.forward(ps, in, false).singletonOrThrow().toFloatArray();
        }
      }
      double leak = 0;
      double mse = 0;
      for (int i = 0; i < x0.length; i++) {
        double d = pred[0][i] - pred[1][i];
        double e = pred[0][i] - x0[i];
        leak += d * d;
        mse += e * e;
      }
      out.add(new Figure(t, leak / 2 / x0.length, mse / x0.length));
    }
    return out;
  }

  /**
   * {@code NoiseLeak --data CORPUS --run RUN --checkpoint step-N [--raw] [--size 256]}: the figures
   * of a checkpoint's EMA weights (raw weights with {@code --raw}) of the default UNet, on the
   * run's 4 held-out samples, at t = 999, 900 and 600 (cosine schedule of 1000 steps). A checkpoint
   * of a network with fewer blocks loads as {@code --init-from} loads it. The prompts are embedded
   * as the run saw them (the checkpoint's recipe says which {@link PromptText}).
   */
  public static void main(String[] args) throws IOException {
    Path data = null;
    Path run = null;
    String checkpoint = null;
    boolean raw = false;
    int size = 256;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(args[++i]);
        case "--run" -> run = Path.of(args[++i]);
        case "--checkpoint" -> checkpoint = args[++i];
        case "--raw" -> raw = true;
        case "--size" -> size = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (data == null || run == null || checkpoint == null) {
      throw new IllegalArgumentException(
          "usage: NoiseLeak --data CORPUS --run RUN --checkpoint step-N [--raw] [--size 256]");
    }
    Path dir = run.resolve("checkpoints");
    Object recorded = Checkpoints.state(dir.resolve(checkpoint)).recipe().get("promptText");
    PromptText promptText = PromptText.recorded(recorded == null ? null : recorded.toString());
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(1);
    NoiseSchedule schedule = NoiseSchedule.cosine(1000);
    UnetConfig config = UnetTrainer.DEFAULT_UNET;
    try (NDManager root = engine.newBaseManager();
        TrainingCache cache =
            TrainingCache.openOrBuild(
                data, run.resolve("cache"), size * 9 / 8, 64, promptText, System.err::println)) {
      GlyphUnet net = new GlyphUnet(config, 0);
      net.initialize(root);
      NDList[] weights =
          new Checkpoints(dir, Integer.MAX_VALUE).loadWeights(dir.resolve(checkpoint), root);
      NDList chosen = raw ? weights[0] : weights[1];
      UnetTrainer.copyPrefix(chosen, net.getParameters().values(), dir.resolve(checkpoint));
      int n = cache.size();
      int batch = Math.min(4, n);
      int[] held = new int[batch];
      for (int i = 0; i < batch; i++) {
        held[i] = n - batch + i;
      }
      BatchMaker maker =
          new BatchMaker(
              cache,
              held,
              size,
              config.unshuffle(),
              schedule,
              PredictionType.SAMPLE,
              7,
              batch,
              0,
              0,
              1f);
      BatchMaker.Batch b = maker.newBatch();
      maker.fill(1, b);
      int hw = size / config.unshuffle();
      for (Figure f :
          measure(
              net,
              schedule,
              b.target,
              b.glyph,
              b.text,
              b.textMask,
              batch,
              hw,
              hw,
              new int[] {999, 900, 600},
              11,
              root)) {
        System.out.printf(
            Locale.ROOT,
            "%s t=%d leak %.4f mse %.4f%n",
            checkpoint,
            f.timestep(),
            f.leak(),
            f.mse());
      }
    }
  }
}
