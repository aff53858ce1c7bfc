package io.glyphwright.layout.lm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import io.glyphwright.layout.RequestedTexts;
import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Trains a layout model on (caption → layout) pairs with DJL (PyTorch engine, CPU) and writes a
 * model package.
 *
 * <p>Next-token cross-entropy on the layout tokens (the prompt is context, not a target), AdamW
 * with decoupled weight decay on matrices, linear warm-up then cosine decay to a tenth of the peak
 * learning rate, gradients clipped to a global norm of 1. Batches are drawn from a per-epoch
 * permutation seeded by the run's seed, so a run is a function of its data, settings and seed.
 *
 * <p>The optimiser runs in Java on the master weights; the engine computes the loss and gradients.
 * A checkpoint (weights, both Adam moments, the step) therefore captures the whole state: a run
 * stopped and resumed ends with the same weights, bit for bit, as one that ran straight through.
 *
 * <p>Files in the output folder: {@code checkpoint.bin} (every {@code checkpointEvery} steps and at
 * the end, written atomically), {@code training-log.jsonl} (one JSON object per logged step and per
 * validation), and at the end the package, {@code weights.bin} and {@code model.json}.
 */
public final class LayoutLmTrainer {
  public static final String CHECKPOINT = "checkpoint.bin";
  public static final String LOG = "training-log.jsonl";
  private static final String CHECKPOINT_KIND = "layout-lm-checkpoint";
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.95;
  private static final double EPS = 1e-8;
  private static final double CLIP = 1.0;

  /**
   * What to train and how.
   *
   * @param name the package name written to model.json
   * @param steps optimiser steps in all (a resumed run goes on to this many)
   * @param batchSize sequences per step
   * @param learningRate peak learning rate
   * @param warmupSteps steps of linear warm-up
   * @param weightDecay decoupled weight decay on matrices
   * @param seed seeds the initial weights and the batch order
   * @param dModel width; {@code layers}, {@code heads}, {@code dFf}, {@code maxLen} as in {@link
   *     LayoutLmConfig}
   * @param minCharCount a character joins the vocabulary when it occurs at least this often in the
   *     training data (others are spelt in UTF-8 bytes)
   * @param checkpointEvery steps between checkpoints
   * @param logEvery steps between log lines
   * @param evalEvery steps between validation losses
   * @param command the command line, recorded in model.json
   */
  public record Settings(
      String name,
      int steps,
      int batchSize,
      double learningRate,
      int warmupSteps,
      double weightDecay,
      long seed,
      int dModel,
      int layers,
      int heads,
      int dFf,
      int maxLen,
      int minCharCount,
      int checkpointEvery,
      int logEvery,
      int evalEvery,
      String command) {
    public Settings {
      Objects.requireNonNull(name, "name");
      if (steps < 1 || batchSize < 1 || checkpointEvery < 1 || logEvery < 1 || evalEvery < 1) {
        throw new IllegalArgumentException(
            "steps, batch size and the checkpoint, log and evaluation intervals must be positive");
      }
      if (!(learningRate > 0) || warmupSteps < 0 || weightDecay < 0 || minCharCount < 1) {
        throw new IllegalArgumentException(
            "learning rate must be positive, warm-up and weight decay not negative");
      }
      command = command == null ? "" : command;
    }

    /** The settings of {@code layout-lm-s}. */
    public static Settings small() {
      return new Settings(
          "layout-lm-s",
          4000,
          32,
          1e-3,
          200,
          0.01,
          20251129L,
          128,
          4,
          4,
          512,
          256,
          3,
          250,
          50,
          500,
          "");
    }

    public Settings withSteps(int n) {
      return new Settings(
          name,
          n,
          batchSize,
          learningRate,
          warmupSteps,
          weightDecay,
          seed,
          dModel,
          layers,
          heads,
          dFf,
          maxLen,
          minCharCount,
          checkpointEvery,
          logEvery,
          evalEvery,
          command);
    }

    public Settings withCommand(String c) {
      return new Settings(
          name,
          steps,
          batchSize,
          learningRate,
          warmupSteps,
          weightDecay,
          seed,
          dModel,
          layers,
          heads,
          dFf,
          maxLen,
          minCharCount,
          checkpointEvery,
          logEvery,
          evalEvery,
          c);
    }

    LayoutLmConfig config(int vocabSize) {
      return new LayoutLmConfig(vocabSize, dModel, layers, heads, dFf, maxLen);
    }

    ObjectNode toJson() {
      ObjectNode s = LayoutLmPackage.json().createObjectNode();
      s.put("steps", steps);
      s.put("batch_size", batchSize);
      s.put("learning_rate", learningRate);
      s.put("warmup_steps", warmupSteps);
      s.put("schedule", "linear warm-up, cosine decay to 10% of the peak");
      s.put("optimizer", "AdamW beta1 0.9 beta2 0.95 eps 1e-8, global gradient norm clipped to 1");
      s.put("weight_decay", weightDecay);
      s.put("seed", seed);
      s.put("min_char_count", minCharCount);
      return s;
    }
  }

  /**
   * What a run did.
   *
   * @param steps steps done in all
   * @param stepsThisRun steps done by this call (fewer after a resume)
   * @param trainLoss mean training loss over the last logged interval
   * @param validationLoss validation loss at the end (NaN without validation examples)
   * @param seconds wall time of this call
   * @param packageDir where the package was written
   */
  public record Result(
      int steps,
      int stepsThisRun,
      double trainLoss,
      double validationLoss,
      double seconds,
      Path packageDir) {}

  private final Settings settings;
  private final Path out;
  private final Consumer<String> progress;

  public LayoutLmTrainer(Settings settings, Path out, Consumer<String> progress) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.out = Objects.requireNonNull(out, "out");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /** The training state: everything a checkpoint holds. */
  private static final class State {
    LayoutLmConfig config;
    LayoutTokenizer tokenizer;
    Map<String, float[]> weights = new LinkedHashMap<>();
    Map<String, float[]> m = new LinkedHashMap<>();
    Map<String, float[]> v = new LinkedHashMap<>();
    Map<String, int[]> shapes = new LinkedHashMap<>();
    int step;
    double seconds;
  }

  /**
   * Trains, or resumes from the output folder's checkpoint, up to {@link Settings#steps()}.
   *
   * @param validation examples never trained on, for the validation loss (may be empty)
   * @param resume continue from {@code checkpoint.bin}; without it, a folder that holds one is
   *     refused
   * @throws IOException on a file that cannot be written or a checkpoint that cannot be read
   * @throws IllegalArgumentException when the examples give no usable sequence, or a checkpoint
   *     belongs to other data or settings
   */
  public Result train(
      List<TrainingExample> examples, List<TrainingExample> validation, boolean resume)
      throws IOException {
    return train(examples, validation, resume, Integer.MAX_VALUE);
  }

  /**
   * As {@link #train(List, List, boolean)}, but stops dead after step {@code stopAfter} as a killed
   * process would (no checkpoint, no package beyond what was written): for tests of resuming.
   *
   * @return null when stopped early
   */
  Result train(
      List<TrainingExample> examples,
      List<TrainingExample> validation,
      boolean resume,
      int stopAfter)
      throws IOException {
    long started = System.nanoTime();
    long callStarted = started;
    Files.createDirectories(out);
    Path checkpoint = out.resolve(CHECKPOINT);
    String fingerprint = fingerprint(examples);
    State state;
    if (Files.exists(checkpoint)) {
      if (!resume) {
        throw new IllegalArgumentException(
            out
                + " already holds a checkpoint: pass --resume to continue it, or choose another"
                + " --out");
      }
      state = readCheckpoint(checkpoint, fingerprint);
      truncateLog(state.step);
      progress.accept("resuming from step " + state.step + " of " + settings.steps());
    } else {
      List<String> texts = new ArrayList<>();
      for (TrainingExample e : examples) {
        texts.add(RequestedTexts.clean(e.prompt()));
        texts.add(e.layout());
      }
      state = new State();
      state.tokenizer = LayoutTokenizer.fromTexts(texts, settings.minCharCount(), 20_000);
      state.config = settings.config(state.tokenizer.vocabSize());
      for (Map.Entry<String, Tensor> e :
          LayoutLmWeights.initial(state.config, settings.seed()).entrySet()) {
        state.weights.put(e.getKey(), e.getValue().data().clone());
        state.shapes.put(e.getKey(), e.getValue().shape());
        state.m.put(e.getKey(), new float[e.getValue().data().length]);
        state.v.put(e.getKey(), new float[e.getValue().data().length]);
      }
      Files.deleteIfExists(out.resolve(LOG));
    }
    List<TrainingExample.Encoded> train = encodeAll(examples, state);
    List<TrainingExample.Encoded> val = encodeAll(validation, state);
    if (train.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the " + examples.size() + " examples gives a usable training sequence");
    }
    if (state.step == 0) {
      progress.accept(
          String.format(
              "training %s: %,d parameters, vocabulary %d (%d characters), %d sequences (%d"
                  + " skipped), %d for validation",
              settings.name(),
              state.config.parameterCount(),
              state.config.vocabSize(),
              state.tokenizer.codePoints().size(),
              train.size(),
              examples.size() - train.size(),
              val.size()));
    }
    DjlEngine.configure();
    int firstStep = state.step;
    double intervalLoss = 0;
    int intervalSteps = 0;
    long intervalTokens = 0;
    long intervalStart = System.nanoTime();
    double lastLoss = Double.NaN;
    double valLoss = Double.NaN;
    try (NDManager root = NDManager.newBaseManager()) {
      while (state.step < settings.steps()) {
        List<TrainingExample.Encoded> batch = batch(train, state.step);
        StepResult r = step(root, state, batch);
        state.step++;
        intervalLoss += r.loss;
        intervalSteps++;
        intervalTokens += r.targets;
        boolean last = state.step == settings.steps();
        if (state.step % settings.logEvery() == 0 || last) {
          double secs = (System.nanoTime() - intervalStart) / 1e9;
          lastLoss = intervalLoss / intervalSteps;
          ObjectNode line = LayoutLmPackage.json().createObjectNode();
          line.put("step", state.step);
          putRounded(line, "loss", lastLoss);
          line.put("lr", learningRate(state.step - 1));
          putRounded(line, "grad_norm", r.gradNorm);
          putRounded(line, "sec_per_step", secs / intervalSteps);
          line.put("target_tokens_per_s", Math.round(intervalTokens / Math.max(secs, 1e-9)));
          appendLog(line);
          progress.accept(
              String.format(
                  "step %d/%d  loss %.4f  lr %.2e  %.2f s/step",
                  state.step,
                  settings.steps(),
                  lastLoss,
                  learningRate(state.step - 1),
                  secs / intervalSteps));
          intervalLoss = 0;
          intervalSteps = 0;
          intervalTokens = 0;
          intervalStart = System.nanoTime();
        }
        if (!val.isEmpty() && (state.step % settings.evalEvery() == 0 || last)) {
          valLoss = validationLoss(root, state, val);
          ObjectNode line = LayoutLmPackage.json().createObjectNode();
          line.put("step", state.step);
          putRounded(line, "val_loss", valLoss);
          appendLog(line);
          progress.accept(String.format("step %d  validation loss %.4f", state.step, valLoss));
        }
        if (state.step % settings.checkpointEvery() == 0 || last) {
          state.seconds += (System.nanoTime() - started) / 1e9;
          started = System.nanoTime();
          writeCheckpoint(checkpoint, state, fingerprint);
        }
        if (state.step == stopAfter && !last) {
          return null;
        }
      }
      if (Double.isNaN(valLoss) && !val.isEmpty()) {
        valLoss = validationLoss(root, state, val);
      }
    }
    state.seconds += (System.nanoTime() - started) / 1e9;
    writePackage(state, examples.size(), train.size(), val.size(), fingerprint, lastLoss, valLoss);
    progress.accept("wrote the model package to " + out);
    return new Result(
        state.step,
        state.step - firstStep,
        lastLoss,
        valLoss,
        (System.nanoTime() - callStarted) / 1e9,
        out);
  }

  private List<TrainingExample.Encoded> encodeAll(List<TrainingExample> examples, State state) {
    List<TrainingExample.Encoded> out = new ArrayList<>(examples.size());
    for (TrainingExample e : examples) {
      TrainingExample.Encoded enc = e.encode(state.tokenizer, state.config.maxLen());
      if (enc != null) {
        out.add(enc);
      }
    }
    return out;
  }

  /** The sequences of step {@code step}: consecutive slices of per-epoch seeded permutations. */
  private List<TrainingExample.Encoded> batch(List<TrainingExample.Encoded> train, int step) {
    int n = train.size();
    List<TrainingExample.Encoded> batch = new ArrayList<>(settings.batchSize());
    long first = (long) step * settings.batchSize();
    int[] perm = null;
    long permEpoch = -1;
    for (int k = 0; k < settings.batchSize(); k++) {
      long pos = first + k;
      long epoch = pos / n;
      if (epoch != permEpoch) {
        perm = permutation(n, settings.seed() * 1_000_003L + epoch);
        permEpoch = epoch;
      }
      batch.add(train.get(perm[(int) (pos % n)]));
    }
    return batch;
  }

  static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  double learningRate(int step) {
    double peak = settings.learningRate();
    if (step < settings.warmupSteps()) {
      return peak * (step + 1) / settings.warmupSteps();
    }
    int decay = Math.max(1, settings.steps() - settings.warmupSteps());
    double progress = Math.min(1.0, (step - settings.warmupSteps()) / (double) decay);
    return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  private record StepResult(double loss, double gradNorm, long targets) {}

  private StepResult step(NDManager root, State state, List<TrainingExample.Encoded> batch) {
    Map<String, float[]> grads = new HashMap<>();
    double loss;
    long targets;
    try (NDManager m = root.newSubManager()) {
      Map<String, NDArray> params = toArrays(m, state, true);
      Batch b = Batch.of(m, batch);
      targets = b.targetCount;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray l = loss(state.config, params, m, b);
        gc.backward(l);
        loss = l.getFloat();
      }
      for (Map.Entry<String, NDArray> e : params.entrySet()) {
        try (NDArray g = e.getValue().getGradient()) {
          grads.put(e.getKey(), g.toFloatArray());
        }
      }
    }
    double sq = 0;
    for (float[] g : grads.values()) {
      for (float x : g) {
        sq += (double) x * x;
      }
    }
    double norm = Math.sqrt(sq);
    float clip = norm > CLIP ? (float) (CLIP / norm) : 1f;
    int t = state.step + 1;
    float lr = (float) learningRate(state.step);
    float b1 = (float) BETA1;
    float b2 = (float) BETA2;
    float c1 = (float) (1 - Math.pow(BETA1, t));
    float c2 = (float) (1 - Math.pow(BETA2, t));
    float eps = (float) EPS;
    for (Map.Entry<String, float[]> e : state.weights.entrySet()) {
      String name = e.getKey();
      float[] w = e.getValue();
      float[] g = grads.get(name);
      float[] mom = state.m.get(name);
      float[] vel = state.v.get(name);
      float wd = LayoutLmWeights.decays(name) ? (float) settings.weightDecay() : 0f;
      for (int i = 0; i < w.length; i++) {
        float gi = g[i] * clip;
        mom[i] = b1 * mom[i] + (1 - b1) * gi;
        vel[i] = b2 * vel[i] + (1 - b2) * gi * gi;
        float mh = mom[i] / c1;
        float vh = vel[i] / c2;
        w[i] -= lr * (mh / ((float) Math.sqrt(vh) + eps) + wd * w[i]);
      }
    }
    return new StepResult(loss, norm, targets);
  }

  private static Map<String, NDArray> toArrays(NDManager m, State state, boolean grad) {
    Map<String, NDArray> params = new HashMap<>();
    for (Map.Entry<String, float[]> e : state.weights.entrySet()) {
      NDArray a = LayoutLm.toArray(m, new Tensor(state.shapes.get(e.getKey()), e.getValue()));
      if (grad) {
        a.setRequiresGradient(true);
      }
      params.put(e.getKey(), a);
    }
    return params;
  }

  /** Padded inputs, and the flat positions and ids of the layout tokens to predict. */
  private record Batch(NDArray inputs, NDArray positions, NDArray targets, long targetCount) {
    static Batch of(NDManager m, List<TrainingExample.Encoded> seqs) {
      int b = seqs.size();
      int t = 0;
      int count = 0;
      for (TrainingExample.Encoded s : seqs) {
        t = Math.max(t, s.length() - 1);
        count += s.length() - s.targetStart();
      }
      int[] in = new int[b * t];
      long[] pos = new long[count];
      long[] tgt = new long[count];
      int k = 0;
      for (int r = 0; r < b; r++) {
        TrainingExample.Encoded s = seqs.get(r);
        for (int i = 0; i < s.length() - 1; i++) {
          in[r * t + i] = s.token(i);
        }
        for (int i = s.targetStart() - 1; i < s.length() - 1; i++) {
          pos[k] = (long) r * t + i;
          tgt[k] = s.token(i + 1);
          k++;
        }
      }
      return new Batch(
          m.create(in).reshape(b, t), m.create(pos), m.create(tgt).reshape(count, 1), count);
    }
  }

  /** Mean cross-entropy of the layout tokens. */
  private static NDArray loss(LayoutLmConfig c, Map<String, NDArray> params, NDManager m, Batch b) {
    Shape s = b.inputs.getShape();
    NDArray hidden =
        LayoutLm.forward(c, params, m, b.inputs, 0, null).reshape(s.get(0) * s.get(1), c.dModel());
    NDArray picked = hidden.get(b.positions);
    NDArray logits = Linear.linear(picked, params.get("tok_emb"), null).singletonOrThrow();
    return logits.logSoftmax(-1).gather(b.targets.toType(DataType.INT64, false), 1).mean().neg();
  }

  private double validationLoss(NDManager root, State state, List<TrainingExample.Encoded> val) {
    double total = 0;
    long count = 0;
    try (NDManager m = root.newSubManager()) {
      Map<String, NDArray> params = toArrays(m, state, false);
      for (int i = 0; i < val.size(); i += settings.batchSize()) {
        try (NDManager bm = m.newSubManager()) {
          Batch b = Batch.of(bm, val.subList(i, Math.min(val.size(), i + settings.batchSize())));
          total += loss(state.config, params, bm, b).getFloat() * b.targetCount;
          count += b.targetCount;
        }
      }
    }
    return total / count;
  }

  // ------------------------------------------------------------------ files

  private void writeCheckpoint(Path file, State state, String fingerprint) throws IOException {
    ObjectNode h = LayoutLmPackage.header(state.config, state.tokenizer);
    h.put("kind", CHECKPOINT_KIND);
    h.put("step", state.step);
    h.put("seconds", state.seconds);
    h.put("data_fingerprint", fingerprint);
    h.set("settings", settings.toJson());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (String name : state.weights.keySet()) {
      int[] shape = state.shapes.get(name);
      tensors.put("w/" + name, new Tensor(shape, state.weights.get(name)));
      tensors.put("m/" + name, new Tensor(shape, state.m.get(name)));
      tensors.put("v/" + name, new Tensor(shape, state.v.get(name)));
    }
    TensorFile.write(file, h.toString(), tensors);
  }

  private State readCheckpoint(Path file, String fingerprint) throws IOException {
    TensorFile.Contents c = TensorFile.read(file);
    JsonNode h = LayoutLmPackage.json().readTree(c.header());
    if (!CHECKPOINT_KIND.equals(h.path("kind").asString(""))) {
      throw new IOException(file + " is not a layout model checkpoint");
    }
    if (!fingerprint.equals(h.path("data_fingerprint").asString(""))) {
      throw new IllegalArgumentException(
          file
              + " was trained on other data: resume with the same --data, or choose another"
              + " --out");
    }
    ObjectNode mine = settings.toJson();
    ObjectNode theirs = (ObjectNode) h.path("settings");
    for (String key :
        List.of("batch_size", "learning_rate", "warmup_steps", "weight_decay", "seed")) {
      if (!mine.path(key).toString().equals(theirs.path(key).toString())) {
        throw new IllegalArgumentException(
            file
                + " was trained with "
                + key
                + " "
                + theirs.path(key)
                + ", not "
                + mine.path(key)
                + ": resume with the same settings");
      }
    }
    State s = new State();
    s.config = LayoutLmConfig.fromJson(h.get("config"));
    if (s.config.dModel() != settings.dModel()
        || s.config.layers() != settings.layers()
        || s.config.heads() != settings.heads()
        || s.config.dFf() != settings.dFf()
        || s.config.maxLen() != settings.maxLen()) {
      throw new IllegalArgumentException(
          file + " holds a model of another shape (" + h.get("config") + ")");
    }
    List<Integer> cps = new ArrayList<>();
    h.path("vocab").forEach(n -> cps.add(n.intValue()));
    s.tokenizer = new LayoutTokenizer(cps);
    s.step = h.path("step").intValue();
    s.seconds = h.path("seconds").doubleValue();
    for (String name : LayoutLmWeights.shapes(s.config).keySet()) {
      Tensor w = c.tensors().get("w/" + name);
      Tensor m = c.tensors().get("m/" + name);
      Tensor v = c.tensors().get("v/" + name);
      if (w == null || m == null || v == null) {
        throw new IOException(file + " lacks the state of parameter " + name);
      }
      s.weights.put(name, w.data());
      s.m.put(name, m.data());
      s.v.put(name, v.data());
      s.shapes.put(name, w.shape());
    }
    return s;
  }

  private void appendLog(ObjectNode line) throws IOException {
    Files.writeString(
        out.resolve(LOG),
        line.toString() + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Drops log lines written after the checkpoint a resumed run starts from. */
  private void truncateLog(int step) throws IOException {
    Path log = out.resolve(LOG);
    if (!Files.exists(log)) {
      return;
    }
    StringBuilder kept = new StringBuilder();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (!line.isBlank()
          && LayoutLmPackage.json().readTree(line).path("step").intValue() <= step) {
        kept.append(line).append('\n');
      }
    }
    Files.writeString(log, kept.toString(), StandardCharsets.UTF_8);
  }

  private void writePackage(
      State state,
      int examples,
      int used,
      int validation,
      String fingerprint,
      double trainLoss,
      double valLoss)
      throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (String name : state.weights.keySet()) {
      tensors.put(name, new Tensor(state.shapes.get(name), state.weights.get(name)));
    }
    LayoutLmPackage.writeWeights(
        out.resolve(LayoutLmPackage.WEIGHTS), state.config, state.tokenizer, tensors);
    ObjectNode training = settings.toJson();
    training.put("command", settings.command());
    training.put("steps_done", state.step);
    training.put("seconds", Math.round(state.seconds));
    training.put("threads", "PyTorch intra-op and inter-op threads: 1");
    ObjectNode data = training.putObject("data");
    data.put("examples", examples);
    data.put("sequences", used);
    data.put("validation_sequences", validation);
    data.put("fingerprint", fingerprint);
    putRounded(training, "final_train_loss", trainLoss);
    putRounded(training, "final_validation_loss", valLoss);
    training.put("log", LOG);
    Path json = out.resolve(LayoutLmPackage.MODEL_JSON);
    ObjectNode metrics = LayoutLmPackage.json().createObjectNode();
    if (Files.exists(json)) {
      JsonNode old = LayoutLmPackage.json().readTree(Files.readString(json));
      if (old.path("metrics").isObject()) {
        metrics = (ObjectNode) old.path("metrics");
      }
    }
    LayoutLmPackage.writeModelJson(
        out, settings.name(), state.config, state.tokenizer, training, metrics);
  }

  static String fingerprint(List<TrainingExample> examples) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (TrainingExample e : examples) {
        d.update(e.prompt().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0);
        d.update(e.layout().getBytes(StandardCharsets.UTF_8));
        d.update((byte) 1);
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Four decimals; null for NaN or an infinity (no validation set, a diverged run). */
  private static void putRounded(ObjectNode node, String key, double x) {
    if (Double.isFinite(x)) {
      node.put(key, Math.round(x * 10000) / 10000.0);
    } else {
      node.putNull(key);
    }
  }
}
