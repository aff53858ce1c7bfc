package io.glyphwright.diffusion.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.glyphwright.diffusion.export.UnetOnnxExporter;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.sampling.DenoiserException;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.PromptText;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import io.glyphwright.diffusion.text.PromptEncoder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains a {@link GlyphUnet} on a corpus with DJL (PyTorch engine, CPU, offline).
 *
 * <p>A run: prepare the corpus once ({@link TrainingCache}: images and glyph masks at the cache
 * side, captions embedded on ONNX Runtime, which is closed before DJL starts); hold out {@code
 * gridSamples} samples for the sample grids; then for each step make a batch ({@link BatchMaker}),
 * compute the weighted MSE between the UNet's output and the target of the prediction type, and
 * update with {@link AdamW} (linear warm-up, then constant) and the {@link Ema}. Every {@code
 * checkpointEvery} steps a checkpoint; every {@code sampleEvery} steps a sample grid from the EMA
 * weights; every step a line in {@code loss.csv}; every {@code logEvery} steps a progress line. At
 * the end the EMA weights are exported to {@code unet.onnx}.
 *
 * <p>Output folder: {@code loss.csv}, {@code samples/step-NNNNNNNN.png}, {@code checkpoints/},
 * {@code cache/}, {@code unet.onnx}, {@code unet.json} (the denoiser spec and recipe).
 *
 * <p>Everything random is drawn from the seed and the step, so a run resumed from a checkpoint
 * ({@code optResume(true)}) takes the same batches and ends with the same weights as one that was
 * never stopped.
 */
public final class UnetTrainer {
  /**
   * The default noise schedule, {@code cosine} (Nichol & Dhariwal 2021): with v-prediction it stays
   * well conditioned where {@code ᾱ → 0}. A 2-image overfit test sampled through ONNX Runtime with
   * deterministic DDIM came back at 21.7 dB PSNR with cosine + v, 19.0 dB with linear + v, and as
   * noise (11.2 dB) with linear + ε, whose {@code x0 = (x − σε)/α} blows up errors 150× at the
   * first step.
   */
  public static final String DEFAULT_SCHEDULE = "cosine";

  /** The default prediction type: velocity. */
  public static final PredictionType DEFAULT_PREDICTION = PredictionType.V_PREDICTION;

  /** The default network: 256×256 images at r = 8 (the UNet runs at 32×32), 3,367,875 values. */
  public static final UnetConfig DEFAULT_UNET =
      new UnetConfig(8, 3, 1, 48, List.of(1, 2, 2), 1, 192, PromptEncoder.WIDTH, 8, true);

  private final Builder b;

  private UnetTrainer(Builder builder) {
    this.b = builder;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The recipe: every setting that shapes the weights. A resumed run must have the same one. */
  public Map<String, Object> recipe() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("unet", b.unet.toString());
    r.put("schedule", b.scheduler.schedule().toString());
    r.put("prediction", predictionId(b.prediction));
    r.put("size", b.size);
    r.put("cacheSide", b.cacheSide);
    r.put("batchSize", b.batchSize);
    r.put("learningRate", b.learningRate);
    r.put("warmupSteps", b.warmupSteps);
    r.put("weightDecay", b.weightDecay);
    r.put("maxGradNorm", b.maxGradNorm);
    r.put("emaDecay", b.emaDecay);
    r.put("textDropout", b.textDropout);
    r.put("glyphDropout", b.glyphDropout);
    r.put("textLossWeight", b.textLossWeight);
    if (b.leakWeight > 0) {
      r.put("leakWeight", b.leakWeight);
    }
    r.put("gridSamples", b.gridSamples);
    r.put("maxTokens", b.maxTokens);
    r.put("promptText", b.promptText.id());
    r.put("namingBackground", b.namingBackground);
    r.put("seed", b.seed);
    if (b.initFrom != null) {
      r.put("initFrom", b.initFrom.toAbsolutePath().normalize().toString());
    }
    if (!b.trainOnly.isEmpty()) {
      r.put("trainOnly", String.join(",", b.trainOnly));
    }
    if (b.highNoise > 0) {
      r.put("highNoise", b.highNoise);
    }
    if (b.namingMinShare > 0) {
      r.put("namingMinShare", b.namingMinShare);
    }
    return r;
  }

  /** The spec a sampler needs for the trained network. */
  public DenoiserSpec denoiserSpec() {
    return b.unet.denoiserSpec(b.maxTokens, b.scheduler).withPromptText(b.promptText);
  }

  /**
   * Trains until {@code steps}.
   *
   * @throws IOException if the corpus or the output folder cannot be read or written
   * @throws IllegalStateException if a resumed checkpoint has another recipe, or training diverges
   */
  public TrainingResult run() throws IOException {
    Files.createDirectories(b.output);
    Path samples = b.output.resolve("samples");
    Files.createDirectories(samples);
    Checkpoints checkpoints = new Checkpoints(b.output.resolve("checkpoints"), b.keepCheckpoints);
    Map<String, Object> recipe = recipe();

    try (TrainingCache cache =
        TrainingCache.openOrBuild(
            b.corpus,
            b.output.resolve("cache"),
            b.cacheSide,
            b.maxTokens,
            b.promptText,
            b.namingMinShare,
            b.progress)) {
      int n = cache.size();
      int held = Math.min(b.gridSamples, n - 1);
      int[] train = new int[n - held];
      for (int i = 0; i < train.length; i++) {
        train[i] = i;
      }
      int[] grid = new int[held];
      for (int i = 0; i < held; i++) {
        grid[i] = n - held + i;
      }
      BatchMaker batches =
          new BatchMaker(
              cache,
              train,
              b.size,
              b.unet.unshuffle(),
              b.scheduler.schedule(),
              b.scheduler.prediction(),
              b.seed,
              b.batchSize,
              b.textDropout,
              b.glyphDropout,
              (float) b.textLossWeight,
              b.leakWeight > 0,
              b.namingBackground,
              b.highNoise);

      // DJL probes the network when its engine starts unless told not to; training never needs
      // it. The environment (DJL_OFFLINE, OPT_OUT_TRACKING) still wins over these defaults.
      System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
      System.setProperty("OPT_OUT_TRACKING", System.getProperty("OPT_OUT_TRACKING", "true"));
      Engine engine = Engine.getEngine("PyTorch");
      JniUtils.setNumThreads(b.threads);
      try (NDManager root = engine.newBaseManager()) {
        GlyphUnet unet = new GlyphUnet(b.unet, b.seed);
        unet.initialize(root);
        List<Parameter> params = unet.getParameters().values();
        List<Parameter> trained = trainedParameters(unet, b.trainOnly);
        for (Parameter p : params) {
          if (!trained.contains(p)) {
            p.freeze(true);
          }
        }
        AdamW adam =
            new AdamW(
                trained, root, 0.9f, 0.999f, 1e-8f, (float) b.weightDecay, (float) b.maxGradNorm);
        Ema ema = new Ema(params, root, (float) b.emaDecay);
        GlyphUnet emaNet = new GlyphUnet(b.unet, b.seed);
        emaNet.initialize(root);

        long start = 0;
        boolean resumed = false;
        if (b.resume) {
          Optional<Path> latest = checkpoints.latest();
          if (latest.isPresent()) {
            start = restore(checkpoints, latest.get(), recipe, params, adam, ema, root);
            resumed = true;
            b.progress.accept("resumed from " + latest.get() + " at step " + start);
          } else {
            b.progress.accept("no checkpoint in " + b.output + "; starting from step 0");
          }
        }
        if (!resumed && b.initFrom != null) {
          int loaded = warmStart(checkpoints, b.initFrom, params, ema, root);
          b.progress.accept(
              "initialised "
                  + loaded
                  + " of "
                  + params.size()
                  + " parameter arrays from "
                  + b.initFrom
                  + " (the rest are new)");
        }
        Path lossLog = b.output.resolve("loss.csv");
        truncateLog(lossLog, start);
        b.progress.accept(
            String.format(
                Locale.ROOT,
                "training %,d-parameter UNet%s on %d samples (%d held out for grids), batch %d,"
                    + " %d×%d, steps %d→%d",
                unet.parameterCount(),
                b.trainOnly.isEmpty()
                    ? ""
                    : String.format(
                        Locale.ROOT,
                        " (only %s: %,d values; the rest frozen)",
                        String.join(", ", b.trainOnly),
                        trained.stream().mapToLong(p -> p.getArray().getShape().size()).sum()),
                train.length,
                held,
                b.batchSize,
                b.size,
                b.size,
                start + 1,
                b.steps));

        ParameterStore ps = new ParameterStore(root, false);
        BatchMaker.Batch batch = batches.newBatch();
        int r = b.unet.unshuffle();
        int h = b.size / r;
        Shape xShape = new Shape(b.batchSize, b.unet.modelChannels(), h, h);
        Shape gShape = new Shape(b.batchSize, b.unet.condChannels(), h, h);
        List<Double> losses = new ArrayList<>();
        double stepSeconds = 0;
        long timed = 0;
        double running = Double.NaN;
        try (BufferedWriter log =
            Files.newBufferedWriter(
                lossLog,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
          if (start == 0) {
            log.write("step,loss,mse,lr,grad_norm,seconds\n");
          }
          for (long step = start + 1; step <= b.steps; step++) {
            long t0 = System.nanoTime();
            batches.fill(step, batch);
            float loss;
            float mse;
            try (NDManager m = root.newSubManager()) {
              NDList in =
                  new NDList(
                      m.create(batch.x, xShape),
                      m.create(batch.t),
                      m.create(batch.glyph, gShape),
                      m.create(batch.text, new Shape(b.batchSize, 1, PromptEncoder.WIDTH)),
                      m.create(batch.textMask, new Shape(b.batchSize, 1)));
              NDArray target = m.create(batch.target, xShape);
              NDArray weight = m.create(batch.weight, xShape);
              try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray out = unet.forward(ps, in, true).singletonOrThrow();
                NDArray sq = out.sub(target).square();
                NDArray l = sq.mul(weight).mean();
                if (b.leakWeight > 0) {
                  // Rows 2j and 2j+1 differ only in their noise: what differs between their
                  // predictions followed the noise (NoiseLeak's figure, on the batch). Charged
                  // away from the glyphs only (the pixels of the lowest loss weight), where it
                  // becomes grain; on the letters the input's edges are what keeps them sharp.
                  NDArray pairs = out.reshape(b.batchSize / 2, 2, -1);
                  NDArray diff = pairs.get(":, 0").sub(pairs.get(":, 1"));
                  NDArray away =
                      weight
                          .reshape(b.batchSize / 2, 2, -1)
                          .get(":, 0")
                          .lte(weight.min())
                          .toType(DataType.FLOAT32, false);
                  l = l.add(diff.square().mul(away).mean().mul((float) (b.leakWeight / 2)));
                }
                gc.backward(l);
                loss = l.getFloat();
                mse = sq.mean().getFloat();
              }
            }
            if (!Float.isFinite(loss)) {
              throw new IllegalStateException(
                  "the loss is " + loss + " at step " + step + "; lower the learning rate");
            }
            float lr = learningRate(step);
            float gradNorm = adam.step(lr);
            ema.update(adam.steps());
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (step > start + 1) { // the first step pays for warm-up
              stepSeconds += seconds;
              timed++;
            }
            losses.add((double) loss);
            running = Double.isNaN(running) ? loss : 0.98 * running + 0.02 * loss;
            log.write(
                String.format(
                    Locale.ROOT,
                    "%d,%.6f,%.6f,%.3e,%.4f,%.3f%n",
                    step,
                    loss,
                    mse,
                    lr,
                    gradNorm,
                    seconds));
            if (step % b.logEvery == 0 || step == b.steps) {
              log.flush();
              double sps = timed > 0 ? stepSeconds / timed : seconds;
              b.progress.accept(
                  String.format(
                      Locale.ROOT,
                      "step %d/%d  loss %.4f (avg %.4f)  lr %.2e  %.2f s/step  eta %s",
                      step,
                      b.steps,
                      loss,
                      running,
                      lr,
                      sps,
                      eta((b.steps - step) * sps)));
            }
            boolean last = step == b.steps;
            if (step % b.checkpointEvery == 0 || last) {
              log.flush();
              checkpoints.save(
                  new Checkpoints.State(step, adam.steps(), recipe),
                  new NDList(params.stream().map(Parameter::getArray).toList()),
                  ema.state(),
                  adam.state());
            }
            if (held > 0 && b.sampleEvery > 0 && (step % b.sampleEvery == 0 || last)) {
              ema.copyInto(emaNet.getParameters().values());
              try {
                SampleGrid.write(
                    emaNet,
                    denoiserSpec(),
                    root,
                    cache,
                    grid,
                    b.size,
                    b.gridSteps,
                    b.gridGuidance,
                    b.seed,
                    samples.resolve(String.format("step-%08d.png", step)));
              } catch (DenoiserException e) {
                throw new IOException("cannot draw the sample grid: " + e.getMessage(), e);
              }
            }
          }
        }
        Path onnx = null;
        if (b.export && b.steps > start) {
          ema.copyInto(emaNet.getParameters().values());
          onnx = b.output.resolve("unet.onnx");
          UnetOnnxExporter.write(emaNet, b.scheduler.prediction(), metadata(emaNet), onnx);
          JsonMapper.builder()
              .build()
              .writerWithDefaultPrettyPrinter()
              .writeValue(b.output.resolve("unet.json").toFile(), metadata(emaNet));
          b.progress.accept("exported the EMA weights to " + onnx);
        }
        int k = Math.max(1, Math.min(50, losses.size() / 4));
        return new TrainingResult(
            start + 1,
            b.steps,
            unet.parameterCount(),
            mean(losses.subList(0, k)),
            mean(losses.subList(losses.size() - k, losses.size())),
            timed > 0 ? stepSeconds / timed : Double.NaN,
            onnx);
      }
    }
  }

  private Map<String, String> metadata(GlyphUnet net) {
    DenoiserSpec spec = denoiserSpec();
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kind", "glyph-unet");
    m.put("imageChannels", String.valueOf(spec.imageChannels()));
    m.put("unshuffle", String.valueOf(spec.unshuffle()));
    m.put("glyphChannels", String.valueOf(spec.glyphChannels()));
    m.put("textTokens", String.valueOf(spec.textTokens()));
    m.put("textDim", String.valueOf(spec.textDim()));
    m.put("sizeMultiple", String.valueOf(spec.sizeMultiple()));
    m.put("promptText", spec.promptText().id());
    m.put("schedule", b.scheduleKind);
    m.put("trainSteps", String.valueOf(b.trainSteps));
    m.put("betaStart", String.valueOf(b.betaStart));
    m.put("betaEnd", String.valueOf(b.betaEnd));
    m.put("prediction", predictionId(b.prediction));
    m.put("resolution", String.valueOf(b.size));
    m.put("parameters", String.valueOf(net.parameterCount()));
    m.put("steps", String.valueOf(b.steps));
    recipe().forEach((k, v) -> m.putIfAbsent("recipe." + k, String.valueOf(v)));
    return m;
  }

  private long restore(
      Checkpoints checkpoints,
      Path checkpoint,
      Map<String, Object> recipe,
      List<Parameter> params,
      AdamW adam,
      Ema ema,
      NDManager root)
      throws IOException {
    try (NDManager m = root.newSubManager()) {
      Checkpoints.Loaded loaded = checkpoints.load(checkpoint, m);
      Map<String, Object> saved = loaded.state().recipe();
      for (Map.Entry<String, Object> e : recipe.entrySet()) {
        Object was = saved.get(e.getKey());
        if (!String.valueOf(e.getValue()).equals(String.valueOf(was))) {
          throw new IllegalStateException(
              "cannot resume from "
                  + checkpoint
                  + ": it was trained with "
                  + e.getKey()
                  + " = "
                  + was
                  + ", this run has "
                  + e.getValue()
                  + "; use the same settings or another output folder");
        }
      }
      NDList model = loaded.model();
      if (model.size() != params.size()) {
        throw new IllegalStateException(checkpoint + " holds another network");
      }
      copyPrefix(model, params, checkpoint);
      adam.restore(loaded.optimizer(), loaded.state().optimizerSteps());
      ema.restore(loaded.ema());
      return loaded.state().step();
    }
  }

  /**
   * Copies a checkpoint's weights and EMA weights into the leading parameters of this network
   * ({@link #copyPrefix}).
   *
   * @return how many parameter arrays were loaded
   */
  static int warmStart(
      Checkpoints checkpoints, Path checkpoint, List<Parameter> params, Ema ema, NDManager root)
      throws IOException {
    if (!Files.isRegularFile(checkpoint.resolve(Checkpoints.STATE))) {
      throw new IllegalArgumentException(
          checkpoint + " is not a checkpoint folder (no " + Checkpoints.STATE + ")");
    }
    try (NDManager m = root.newSubManager()) {
      NDList[] weights = checkpoints.loadWeights(checkpoint, m);
      if (weights[1].size() != weights[0].size()) {
        throw new IllegalStateException(
            checkpoint
                + " holds "
                + weights[0].size()
                + " weights but "
                + weights[1].size()
                + " EMA weights");
      }
      copyPrefix(weights[0], params, checkpoint);
      ema.restorePrefix(weights[1]);
      return weights[0].size();
    }
  }

  /**
   * Copies saved arrays into the first {@code saved.size()} parameters. They must match one by one
   * in shape (blocks are only ever added after the saved ones); more arrays than parameters, or a
   * shape that differs, is refused naming {@code from} and the parameter.
   */
  static void copyPrefix(NDList saved, List<Parameter> params, Path from) {
    if (saved.size() > params.size()) {
      throw new IllegalStateException(
          from + " holds " + saved.size() + " parameter arrays; this network has " + params.size());
    }
    for (int i = 0; i < saved.size(); i++) {
      Shape want = params.get(i).getArray().getShape();
      if (!saved.get(i).getShape().equals(want)) {
        throw new IllegalStateException(
            from
                + " does not fit this network: parameter "
                + params.get(i).getName()
                + " is "
                + want
                + " here, "
                + saved.get(i).getShape()
                + " there");
      }
      params.get(i).getArray().set(saved.get(i).toByteBuffer());
    }
  }

  /**
   * The parameters a run updates: all of them, or those of the top-level blocks named in {@code
   * only} ({@link GlyphUnet#namedBlocks}), in the network's order.
   *
   * @throws IllegalArgumentException naming an unknown block and the known ones
   */
  static List<Parameter> trainedParameters(GlyphUnet unet, List<String> only) {
    if (only.isEmpty()) {
      return unet.getParameters().values();
    }
    Map<String, Block> blocks = unet.namedBlocks();
    List<Parameter> out = new ArrayList<>();
    for (String name : only) {
      Block block = blocks.get(name);
      if (block == null) {
        throw new IllegalArgumentException(
            "--train-only: the UNet has no block '"
                + name
                + "'; its blocks: "
                + String.join(", ", blocks.keySet()));
      }
    }
    for (Map.Entry<String, Block> e : blocks.entrySet()) {
      if (only.contains(e.getKey())) {
        out.addAll(e.getValue().getParameters().values());
      }
    }
    return out;
  }

  /** The name {@link PredictionType#lookup} reads back: epsilon, v_prediction or sample. */
  static String predictionId(PredictionType p) {
    return switch (p) {
      case EPSILON -> "epsilon";
      case V_PREDICTION -> "v_prediction";
      case SAMPLE -> "sample";
    };
  }

  /** Linear warm-up from 0 to the learning rate over the warm-up steps, then constant. */
  float learningRate(long step) {
    if (b.warmupSteps > 0 && step <= b.warmupSteps) {
      return (float) (b.learningRate * step / b.warmupSteps);
    }
    return (float) b.learningRate;
  }

  /**
   * Keeps the header and the rows of steps up to {@code step} (all of them when 0 is the start).
   */
  private static void truncateLog(Path log, long step) throws IOException {
    if (!Files.exists(log)) {
      return;
    }
    if (step == 0) {
      Files.delete(log);
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      int comma = line.indexOf(',');
      if (comma < 0) {
        continue;
      }
      String first = line.substring(0, comma);
      if (first.equals("step")
          || (first.chars().allMatch(Character::isDigit) && Long.parseLong(first) <= step)) {
        kept.add(line);
      }
    }
    Files.write(log, kept, StandardCharsets.UTF_8);
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static String eta(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }

  /** Settings of a training run: {@code set*} required, {@code opt*} optional. */
  public static final class Builder {
    private Path corpus;
    private Path output;
    private UnetConfig unet = DEFAULT_UNET;
    private String scheduleKind = DEFAULT_SCHEDULE;
    private int trainSteps = 1000;
    private double betaStart = 1e-4;
    private double betaEnd = 0.02;
    private PredictionType prediction = DEFAULT_PREDICTION;
    private SchedulerConfig scheduler;
    private int size = 256;
    private int cacheSide = -1;
    private long steps = 1000;
    private int batchSize = 16;
    private double learningRate = 2e-4;
    private int warmupSteps = 100;
    private double weightDecay = 0.01;
    private double maxGradNorm = 1.0;
    private double emaDecay = 0.999;
    private double textDropout = 0.1;
    private double glyphDropout = 0.05;
    private double textLossWeight = 1.0;
    private double leakWeight = 0.0;
    private PromptText promptText = PromptText.WITHOUT_QUOTED_TEXT;
    private double namingBackground = 0.5;
    private double namingMinShare = 0;
    private double highNoise = 0.0;
    private int maxTokens = 64;
    private long seed;
    private int checkpointEvery = 500;
    private int keepCheckpoints = 2;
    private int sampleEvery = 500;
    private int gridSamples = 4;
    private int gridSteps = 20;
    private double gridGuidance = 3.0;
    private int logEvery = 10;
    private boolean resume;
    private Path initFrom;
    private List<String> trainOnly = List.of();
    private boolean export = true;
    private Consumer<String> progress = System.err::println;
    private int threads = 1;

    private Builder() {}

    /** The corpus folder (shards) or one shard tar. */
    public Builder setCorpus(Path corpus) {
      this.corpus = corpus;
      return this;
    }

    /** The output folder: log, grids, checkpoints, cache, exported model. */
    public Builder setOutput(Path output) {
      this.output = output;
      return this;
    }

    public Builder optUnet(UnetConfig unet) {
      this.unet = unet;
      return this;
    }

    /**
     * The training noise schedule by the name a model package records ({@code linear}, {@code
     * scaled_linear}, {@code cosine}; {@link NoiseSchedule#named}); default {@code cosine} over
     * 1000 steps (the betas are ignored by cosine).
     */
    public Builder optNoiseSchedule(String kind, int trainSteps, double betaStart, double betaEnd) {
      this.scheduleKind = kind;
      this.trainSteps = trainSteps;
      this.betaStart = betaStart;
      this.betaEnd = betaEnd;
      return this;
    }

    /** What the network predicts; default {@link PredictionType#V_PREDICTION}. */
    public Builder optPrediction(PredictionType prediction) {
      this.prediction = Objects.requireNonNull(prediction, "prediction");
      return this;
    }

    /** Training image side in pixels (default 256). */
    public Builder optSize(int size) {
      this.size = size;
      return this;
    }

    /** Side of the cached images; crops of {@code size … cacheSide} (default {@code size·9/8}). */
    public Builder optCacheSide(int cacheSide) {
      this.cacheSide = cacheSide;
      return this;
    }

    /** The last step to train (default 1000). */
    public Builder optSteps(long steps) {
      this.steps = steps;
      return this;
    }

    public Builder optBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder optLearningRate(double learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder optWarmupSteps(int warmupSteps) {
      this.warmupSteps = warmupSteps;
      return this;
    }

    public Builder optWeightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder optMaxGradNorm(double maxGradNorm) {
      this.maxGradNorm = maxGradNorm;
      return this;
    }

    /**
     * Trains only the parameters of these top-level blocks ({@link GlyphUnet#namedBlocks}); the
     * rest keep their initial or warm-started values (default: empty, everything trains).
     */
    public Builder optTrainOnly(List<String> blocks) {
      this.trainOnly = List.copyOf(blocks);
      return this;
    }

    public Builder optEmaDecay(double emaDecay) {
      this.emaDecay = emaDecay;
      return this;
    }

    /** Share of samples trained without their prompt (default 0.1), for guidance. */
    public Builder optTextDropout(double textDropout) {
      this.textDropout = textDropout;
      return this;
    }

    /** Share trained without prompt and glyphs (default 0.05), for glyph guidance. */
    public Builder optGlyphDropout(double glyphDropout) {
      this.glyphDropout = glyphDropout;
      return this;
    }

    /** Extra loss weight on and next to the glyphs (default 1: twice the weight). */
    public Builder optTextLossWeight(double textLossWeight) {
      this.textLossWeight = textLossWeight;
      return this;
    }

    /** Prompt tokens of the exported model's text input (default 64). */
    public Builder optMaxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder optCheckpointEvery(int checkpointEvery) {
      this.checkpointEvery = checkpointEvery;
      return this;
    }

    /** How many checkpoints are kept (default 2). */
    public Builder optKeepCheckpoints(int keepCheckpoints) {
      this.keepCheckpoints = keepCheckpoints;
      return this;
    }

    /** Steps between sample grids; 0 for none but the last (default 500). */
    public Builder optSampleEvery(int sampleEvery) {
      this.sampleEvery = sampleEvery;
      return this;
    }

    /** Samples held out and drawn in the grids (default 4; 0 for no grids). */
    public Builder optGridSamples(int gridSamples) {
      this.gridSamples = gridSamples;
      return this;
    }

    public Builder optGridSteps(int gridSteps) {
      this.gridSteps = gridSteps;
      return this;
    }

    public Builder optGridGuidance(double gridGuidance) {
      this.gridGuidance = gridGuidance;
      return this;
    }

    public Builder optLogEvery(int logEvery) {
      this.logEvery = logEvery;
      return this;
    }

    /**
     * Weight of the noise-leak penalty (default 0, off). When above 0, every batch holds {@code
     * batch / 2} samples, each twice with independent noise, and the loss adds {@code w/2 ·
     * mean((x̂₁ − x̂₂)² · away)}, {@code away} = 1 on pixels away from the glyphs: the part of the
     * prediction that follows the input's noise, which a deterministic sampler keeps as image
     * (docs/MODELS.md, "Noise in the samples").
     */
    public Builder optLeakWeight(double weight) {
      if (!(weight >= 0 && weight <= 100)) {
        throw new IllegalArgumentException("leak weight must be 0..100, got " + weight);
      }
      this.leakWeight = weight;
      return this;
    }

    /**
     * What part of each caption the text encoder sees (default {@link
     * PromptText#WITHOUT_QUOTED_TEXT}: the quoted text is in the glyph mask already). The package
     * records it and the generator applies the same to prompts.
     */
    public Builder optPromptText(PromptText promptText) {
      this.promptText = Objects.requireNonNull(promptText, "promptText");
      return this;
    }

    /**
     * The chance that a training row's prompt is its caption naming the background colour (from the
     * corpus's {@code background} field, {@link TrainingCache#namingBackground}) instead of the
     * caption as written (default 0.5; half the synthetic captions name it already). Teaches the
     * network what a colour word in the prompt means; prompts without one still occur.
     */
    public Builder optNamingBackground(double chance) {
      this.namingBackground = BatchMaker.checkChance(chance, "naming the background");
      return this;
    }

    /**
     * Which colour the naming rows name (default 0: the corpus's recorded background colour). Above
     * 0, the colour the image shows away from its text, judged as the colour evaluation judges it,
     * and only where that colour covers at least this share of the background; a sample without
     * such a colour keeps its caption as written in naming rows. Colour words are then learnt from
     * backgrounds that are that colour, not from gradients and photos whose mean falls between
     * names (orange posters averaging brown, yellow ones gold).
     */
    public Builder optNamingMinShare(double share) {
      this.namingMinShare = TrainingCache.checkNamingMinShare(share);
      return this;
    }

    /**
     * The chance that a training row's timestep comes from the high-noise band ({@code ᾱ ≤ 1e-3},
     * {@code BatchMaker.highNoiseFrom}) instead of the whole schedule (default 0). There the input
     * hides the image's colours, so only the prompt can tell them; a run that trains only the
     * prompt's blocks ({@link #optTrainOnly}) learns from those rows alone.
     */
    public Builder optHighNoise(double chance) {
      this.highNoise = BatchMaker.checkChance(chance, "a high-noise timestep");
      return this;
    }

    /**
     * Starts a new run from the weights (and EMA weights) of another run's checkpoint folder
     * ({@code RUN/checkpoints/step-N}): the network may have grown since, by blocks added after the
     * saved ones, which keep their fresh initialisation. The optimiser, the step count and the
     * learning-rate warm-up start anew. Ignored when {@link #optResume} finds a checkpoint of this
     * run.
     */
    public Builder optInitFrom(Path checkpoint) {
      this.initFrom = checkpoint;
      return this;
    }

    /** Continue from the latest checkpoint in the output folder, if there is one. */
    public Builder optResume(boolean resume) {
      this.resume = resume;
      return this;
    }

    /** Export {@code unet.onnx} at the end (default true). */
    public Builder optExport(boolean export) {
      this.export = export;
      return this;
    }

    /**
     * PyTorch intra-op threads (default 1). On the two shared cores of the development machine one
     * thread trained the default UNet at 1.8 s/step and two at 13 s/step (OpenMP threads spin while
     * they wait, and lose the core to any other process). The result does not depend on it.
     */
    public Builder optThreads(int threads) {
      this.threads = threads;
      return this;
    }

    /** Where progress lines go (default standard error). */
    public Builder optProgress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the first setting that is missing or out of range
     */
    public UnetTrainer build() {
      Objects.requireNonNull(corpus, "corpus is required (setCorpus)");
      Objects.requireNonNull(output, "output is required (setOutput)");
      Objects.requireNonNull(unet, "unet");
      scheduler =
          SchedulerConfig.defaults()
              .withSchedule(NoiseSchedule.named(scheduleKind, trainSteps, betaStart, betaEnd))
              .withPrediction(prediction);
      if (unet.imageChannels() != 3 || unet.glyphChannels() != 1) {
        throw new IllegalArgumentException("the trainer paints RGB images from one glyph mask");
      }
      if (unet.textWidth() != PromptEncoder.WIDTH) {
        throw new IllegalArgumentException(
            "the UNet's text width must be " + PromptEncoder.WIDTH + ", got " + unet.textWidth());
      }
      if (size < unet.sideMultiple() || size % unet.sideMultiple() != 0) {
        throw new IllegalArgumentException(
            "size " + size + " must be a multiple of " + unet.sideMultiple() + " for this UNet");
      }
      if (cacheSide < 0) {
        cacheSide = size * 9 / 8;
      }
      if (cacheSide < size) {
        throw new IllegalArgumentException(
            "the cache side " + cacheSide + " must be at least the size " + size);
      }
      check(steps >= 1, "steps must be ≥ 1");
      check(batchSize >= 1, "batch size must be ≥ 1");
      check(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1)");
      check(warmupSteps >= 0, "warm-up steps must be ≥ 0");
      check(weightDecay >= 0, "weight decay must be ≥ 0");
      check(emaDecay >= 0 && emaDecay < 1, "EMA decay must be in [0, 1)");
      check(
          textDropout >= 0 && glyphDropout >= 0 && textDropout + glyphDropout <= 1,
          "dropout shares must be ≥ 0 and sum to at most 1");
      check(textLossWeight >= 0, "text loss weight must be ≥ 0");
      check(maxTokens >= 2, "max tokens must be ≥ 2");
      check(checkpointEvery >= 1, "checkpoint interval must be ≥ 1");
      check(keepCheckpoints >= 1, "keep at least one checkpoint");
      check(sampleEvery >= 0 && gridSamples >= 0, "grid settings must be ≥ 0");
      check(gridSteps >= 1, "grid steps must be ≥ 1");
      check(logEvery >= 1, "log interval must be ≥ 1");
      check(threads >= 1, "threads must be ≥ 1");
      return new UnetTrainer(this);
    }

    private static void check(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  /**
   * A training run from the command line, for smoke runs until the CLI has {@code train unet}:
   *
   * <pre>
   * UnetTrainer --data DIR --out DIR [--steps N] [--batch B] [--size 256] [--seed S] [--lr X]
   *             [--checkpoint-every N] [--sample-every N] [--log-every N] [--resume]
   *             [--schedule linear|scaled_linear|cosine] [--prediction eps|v|x0] [--threads 1]
   *             [--text-weight 1] [--leak-weight 0] [--init-from RUN/checkpoints/step-N]
   *             [--prompt-text without-quoted-text|full] [--naming-background 0.5]
   *             [--naming-min-share 0]
   *             [--train-only BLOCK,BLOCK] [--ema-decay 0.999] [--high-noise 0]
   * </pre>
   *
   * DJL runs offline and without tracking unless the environment says otherwise ({@code
   * DJL_OFFLINE}, {@code OPT_OUT_TRACKING}).
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String k = args[i];
      if (!k.startsWith("--")) {
        throw new IllegalArgumentException("expected an option, got '" + k + "'");
      }
      if (k.equals("--resume")) {
        a.put(k, "true");
      } else if (i + 1 < args.length) {
        a.put(k, args[++i]);
      } else {
        throw new IllegalArgumentException(k + " needs a value");
      }
    }
    if (!a.containsKey("--data") || !a.containsKey("--out")) {
      System.err.println(
          "usage: UnetTrainer --data DIR --out DIR [--steps N] [--batch B] [--resume]");
      System.exit(2);
    }
    Builder builder =
        builder()
            .setCorpus(Path.of(a.remove("--data")))
            .setOutput(Path.of(a.remove("--out")))
            .optResume(a.remove("--resume") != null);
    String v;
    if ((v = a.remove("--schedule")) != null) {
      builder.optNoiseSchedule(v, 1000, 1e-4, 0.02);
    }
    if ((v = a.remove("--prediction")) != null) {
      builder.optPrediction(PredictionType.lookup(v));
    }
    if ((v = a.remove("--steps")) != null) {
      builder.optSteps(Long.parseLong(v));
    }
    if ((v = a.remove("--batch")) != null) {
      builder.optBatchSize(Integer.parseInt(v));
    }
    if ((v = a.remove("--size")) != null) {
      builder.optSize(Integer.parseInt(v));
    }
    if ((v = a.remove("--seed")) != null) {
      builder.optSeed(Long.parseLong(v));
    }
    if ((v = a.remove("--lr")) != null) {
      builder.optLearningRate(Double.parseDouble(v));
    }
    if ((v = a.remove("--warmup")) != null) {
      builder.optWarmupSteps(Integer.parseInt(v));
    }
    if ((v = a.remove("--checkpoint-every")) != null) {
      builder.optCheckpointEvery(Integer.parseInt(v));
    }
    if ((v = a.remove("--sample-every")) != null) {
      builder.optSampleEvery(Integer.parseInt(v));
    }
    if ((v = a.remove("--threads")) != null) {
      builder.optThreads(Integer.parseInt(v));
    }
    if ((v = a.remove("--leak-weight")) != null) {
      builder.optLeakWeight(Double.parseDouble(v));
    }
    if ((v = a.remove("--init-from")) != null) {
      builder.optInitFrom(Path.of(v));
    }
    if ((v = a.remove("--prompt-text")) != null) {
      builder.optPromptText(PromptText.lookup(v));
    }
    if ((v = a.remove("--naming-background")) != null) {
      builder.optNamingBackground(Double.parseDouble(v));
    }
    if ((v = a.remove("--naming-min-share")) != null) {
      builder.optNamingMinShare(Double.parseDouble(v));
    }
    if ((v = a.remove("--train-only")) != null) {
      builder.optTrainOnly(List.of(v.split(",")));
    }
    if ((v = a.remove("--high-noise")) != null) {
      builder.optHighNoise(Double.parseDouble(v));
    }
    if ((v = a.remove("--ema-decay")) != null) {
      builder.optEmaDecay(Double.parseDouble(v));
    }
    if ((v = a.remove("--text-weight")) != null) {
      builder.optTextLossWeight(Double.parseDouble(v));
    }
    if ((v = a.remove("--log-every")) != null) {
      builder.optLogEvery(Integer.parseInt(v));
    }
    if (!a.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + a.keySet());
    }
    TrainingResult r = builder.build().run();
    System.out.println(
        String.format(
            Locale.ROOT,
            "trained steps %d..%d: %,d parameters, loss %.4f -> %.4f (means of first/last quarter, at most 50 steps),"
                + " %.3f s/step%s",
            r.firstStep(),
            r.lastStep(),
            r.parameters(),
            r.firstLoss(),
            r.lastLoss(),
            r.secondsPerStep(),
            r.onnx() == null ? "" : ", exported " + r.onnx()));
  }
}
