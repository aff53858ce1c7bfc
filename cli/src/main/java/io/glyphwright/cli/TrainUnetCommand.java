package io.glyphwright.cli;

import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.PromptText;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import io.glyphwright.diffusion.training.TrainingResult;
import io.glyphwright.diffusion.training.UnetTrainer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./glyphwright train unet}: trains the glyph-conditioned UNet ({@link UnetTrainer}) in a
 * run folder and writes the model package ({@link GlyphUnetPackage#write}) to {@code --out}.
 *
 * <p>The package folder holds only the package (model.json, unet.onnx, training.log, samples/): it
 * is replaced as a whole when written, so the run's working files (checkpoints/, cache/, samples/,
 * loss.csv, unet.onnx, unet.json, training.log) live in a sibling folder, {@code <out>.run} unless
 * {@code --run} says otherwise.
 */
@Command(
    name = "unet",
    mixinStandardHelpOptions = true,
    description = {
      "Train the glyph-conditioned diffusion UNet on a corpus (DJL, PyTorch CPU) and write its"
          + " model package (model.json, unet.onnx, training.log, samples/) to --out.",
      "Working files (checkpoints/, cache/, samples/, loss.csv, training.log) go to the run"
          + " folder, --run (default: <out>.run, next to --out); --resume continues from its last"
          + " checkpoint. --package-only packages a finished run without training.",
      "See docs/MODELS.md."
    })
final class TrainUnetCommand implements Callable<Integer> {
  static final String RUN_LOG = "training.log";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "corpus folder (shard-NNNNNN.tar files) or one shard .tar")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "model package folder (e.g. models/glyph-unet-s)")
  Path out;

  @Option(
      names = "--run",
      paramLabel = "DIR",
      description = "run folder for checkpoints, cache, samples, logs (default: <out>.run)")
  Path run;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "optimiser steps in all (default 1000)")
  Long steps;

  @Option(names = "--batch", paramLabel = "B", description = "batch size (default 16)")
  Integer batch;

  @Option(names = "--lr", paramLabel = "X", description = "learning rate (default 2e-4)")
  Double lr;

  @Option(names = "--size", paramLabel = "PX", description = "training image side (default 256)")
  Integer size;

  @Option(
      names = "--resume",
      description = "continue from the run folder's last checkpoint (same settings)")
  boolean resume;

  @Option(names = "--threads", paramLabel = "T", description = "PyTorch threads (default 1)")
  Integer threads;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description = "steps between checkpoints (default 500)")
  Integer checkpointEvery;

  @Option(
      names = "--sample-every",
      paramLabel = "N",
      description = "steps between sample grids, 0 for none (default 500)")
  Integer sampleEvery;

  @Option(names = "--seed", paramLabel = "S", description = "seed (default 0)")
  Long seed;

  @Option(
      names = "--prediction",
      paramLabel = "TYPE",
      description =
          "what the network predicts: x0 (the clean image), v or eps (default v; see"
              + " docs/MODELS.md for why the shipped model uses x0)")
  String prediction;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      description = "learning-rate warm-up steps (default 100)")
  Integer warmup;

  @Option(
      names = "--text-weight",
      paramLabel = "W",
      description = "extra loss weight on pixels at or next to glyph ink (default 1)")
  Double textWeight;

  @Option(
      names = "--leak-weight",
      paramLabel = "W",
      description =
          "weight of the noise-leak penalty: each sample twice with independent noise, the"
              + " difference of the two predictions charged (default 0, off; docs/MODELS.md)")
  Double leakWeight;

  @Option(
      names = "--prompt-text",
      paramLabel = "WHAT",
      description =
          "what part of each caption the text encoder sees: without-quoted-text (default; the"
              + " quoted text is in the glyph mask) or full; the package records it")
  String promptText;

  @Option(
      names = "--naming-background",
      paramLabel = "P",
      description =
          "chance that a row's prompt is its caption naming the background colour (from the"
              + " corpus's background field) instead of as written (default 0.5)")
  Double namingBackground;

  @Option(
      names = "--naming-min-share",
      paramLabel = "S",
      description =
          "name, in those rows, the colour the image shows away from its text, and only where it"
              + " covers at least this share of the background (default 0: the corpus's recorded"
              + " colour, always; docs/MODELS.md)")
  Double namingMinShare;

  @Option(
      names = "--train-only",
      paramLabel = "BLOCK,…",
      split = ",",
      description =
          "train only these top-level blocks of the UNet (e.g. promptShift,promptGate) and keep"
              + " the rest as initialised or warm-started (default: all of them; docs/MODELS.md)")
  List<String> trainOnly;

  @Option(
      names = "--high-noise",
      paramLabel = "P",
      description =
          "chance that a row's timestep comes from the high-noise band (ᾱ ≤ 1e-3; t ≥ 979 of"
              + " 1000 for cosine), where only the prompt can tell the colours (default 0)")
  Double highNoise;

  @Option(
      names = "--ema-decay",
      paramLabel = "D",
      description = "decay of the exponential moving average of the weights (default 0.999)")
  Double emaDecay;

  @Option(
      names = "--init-from",
      paramLabel = "CHECKPOINT",
      description =
          "start from the weights of another run's checkpoint folder (RUN/checkpoints/step-N);"
              + " blocks the network gained since keep their fresh initialisation")
  Path initFrom;

  @Option(
      names = "--metrics",
      paramLabel = "FILE.json",
      description =
          "with --package-only: a JSON object of measured metrics to record in model.json")
  Path metrics;

  @Option(
      names = "--trained-with",
      paramLabel = "COMMAND",
      description =
          "with --package-only: the command that trained the run, recorded in model.json"
              + " (default: this packaging command)")
  String trainedWith;

  @Option(
      names = "--package-only",
      description =
          "do not train: package the run folder --run (its unet.onnx, unet.json, loss.csv, last"
              + " sample grid) into --out")
  boolean packageOnly;

  @Override
  public Integer call() throws IOException {
    Path runDir = runFolder();
    if (packageOnly) {
      if (run == null) {
        throw new IllegalArgumentException(
            "--package-only needs --run DIR, the folder the training run wrote");
      }
      return packageRun(runDir, trainedWith != null ? trainedWith : command(true, runDir));
    }
    if (metrics != null || trainedWith != null) {
      throw new IllegalArgumentException(
          "--metrics and --trained-with go with --package-only: train first, measure, then"
              + " package the run with them");
    }
    if (data == null) {
      throw new IllegalArgumentException("give --data DIR, a corpus from ./glyphwright dataset");
    }
    if (!Files.exists(data)) {
      throw new IllegalArgumentException(
          data + " does not exist: give --data a corpus folder or a shard .tar");
    }
    if (!resume) {
      if (Files.isRegularFile(out.resolve(GlyphUnetPackage.MODEL_JSON))) {
        throw new IllegalArgumentException(
            out
                + " already holds a model package: give --resume to continue its run ("
                + runDir
                + "), or another --out");
      }
      if (hasCheckpoints(runDir)) {
        throw new IllegalArgumentException(
            runDir
                + " holds checkpoints of an earlier run: give --resume to continue it, or another"
                + " --run");
      }
    }
    UnetTrainer.Builder b = UnetTrainer.builder().setCorpus(data).setOutput(runDir);
    b.optResume(resume);
    if (steps != null) {
      b.optSteps(steps);
    }
    if (batch != null) {
      b.optBatchSize(batch);
    }
    if (lr != null) {
      b.optLearningRate(lr);
    }
    if (size != null) {
      b.optSize(size);
    }
    if (threads != null) {
      b.optThreads(threads);
    }
    if (checkpointEvery != null) {
      b.optCheckpointEvery(checkpointEvery);
    }
    if (sampleEvery != null) {
      b.optSampleEvery(sampleEvery);
    }
    if (seed != null) {
      b.optSeed(seed);
    }
    if (prediction != null) {
      b.optPrediction(io.glyphwright.diffusion.sampling.PredictionType.lookup(prediction));
    }
    if (warmup != null) {
      b.optWarmupSteps(warmup);
    }
    if (textWeight != null) {
      b.optTextLossWeight(textWeight);
    }
    if (leakWeight != null) {
      b.optLeakWeight(leakWeight);
    }
    if (promptText != null) {
      b.optPromptText(PromptText.lookup(promptText));
    }
    if (namingBackground != null) {
      b.optNamingBackground(namingBackground);
    }
    if (namingMinShare != null) {
      b.optNamingMinShare(namingMinShare);
    }
    if (trainOnly != null) {
      b.optTrainOnly(trainOnly);
    }
    if (emaDecay != null) {
      b.optEmaDecay(emaDecay);
    }
    if (highNoise != null) {
      b.optHighNoise(highNoise);
    }
    if (initFrom != null) {
      if (!Files.isDirectory(initFrom)) {
        throw new IllegalArgumentException(
            initFrom + " is not a folder: give --init-from a RUN/checkpoints/step-N folder");
      }
      b.optInitFrom(initFrom);
    }
    PrintWriter err = spec.commandLine().getErr();
    Files.createDirectories(runDir);
    TrainingResult result;
    try (BufferedWriter log =
        Files.newBufferedWriter(
            runDir.resolve(RUN_LOG),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      UnetTrainer trainer =
          b.optProgress(
                  line -> {
                    err.println("train unet: " + line);
                    err.flush();
                    try {
                      log.write(line);
                      log.newLine();
                      log.flush();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .build();
      String cmd = command(false, runDir);
      log.write("# " + cmd);
      log.newLine();
      result = trainer.run();
    }
    if (result.onnx() == null) {
      throw new IllegalArgumentException(
          runDir
              + " was already trained to step "
              + result.lastStep()
              + ": nothing to do; raise --steps to train on, or --package-only to package it");
    }
    return packageRun(runDir, command(false, runDir));
  }

  private Path runFolder() {
    if (run != null) {
      return run;
    }
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling(abs.getFileName() + ".run");
  }

  private static boolean hasCheckpoints(Path runDir) throws IOException {
    Path c = runDir.resolve("checkpoints");
    if (!Files.isDirectory(c)) {
      return false;
    }
    try (Stream<Path> s = Files.list(c)) {
      return s.findAny().isPresent();
    }
  }

  private String command(boolean pkgOnly, Path runDir) {
    StringBuilder c = new StringBuilder("./glyphwright train unet");
    if (pkgOnly) {
      c.append(" --package-only");
    } else {
      c.append(" --data ").append(data);
    }
    c.append(" --out ").append(out).append(" --run ").append(runDir);
    if (!pkgOnly) {
      append(c, "--steps", steps);
      append(c, "--batch", batch);
      append(c, "--lr", lr);
      append(c, "--size", size);
      append(c, "--threads", threads);
      append(c, "--checkpoint-every", checkpointEvery);
      append(c, "--sample-every", sampleEvery);
      append(c, "--seed", seed);
      append(c, "--prediction", prediction);
      append(c, "--warmup", warmup);
      append(c, "--text-weight", textWeight);
      append(c, "--leak-weight", leakWeight);
      append(c, "--prompt-text", promptText);
      append(c, "--naming-background", namingBackground);
      append(c, "--naming-min-share", namingMinShare);
      append(c, "--train-only", trainOnly == null ? null : String.join(",", trainOnly));
      append(c, "--ema-decay", emaDecay);
      append(c, "--high-noise", highNoise);
      append(c, "--init-from", initFrom);
      if (resume) {
        c.append(" --resume");
      }
    }
    return c.toString();
  }

  private static void append(StringBuilder c, String name, Object value) {
    if (value != null) {
      c.append(' ').append(name).append(' ').append(value);
    }
  }

  /**
   * Packages a finished run folder: {@code unet.onnx} and {@code unet.json} (what the trainer
   * exports at its end), the recipe of the last checkpoint, {@code loss.csv}, the last sample grid
   * and the run's {@code training.log} when there is one.
   */
  private int packageRun(Path runDir, String cmd) throws IOException {
    Path onnx = runDir.resolve("unet.onnx");
    Path meta = runDir.resolve("unet.json");
    if (!Files.isRegularFile(onnx) || !Files.isRegularFile(meta)) {
      throw new IllegalArgumentException(
          runDir
              + " holds no exported network (unet.onnx and unet.json, written when a run reaches"
              + " its last step): let the run finish, or train it on with --resume");
    }
    JsonMapper json = JsonMapper.builder().build();
    JsonNode m = json.readTree(Files.readString(meta, StandardCharsets.UTF_8));
    DenoiserSpec denoiser = specOf(m);
    LossLog loss = LossLog.read(runDir.resolve("loss.csv"));
    Map<String, Object> recipe = recipeOf(runDir, m, json);
    long trainedSteps = loss.steps > 0 ? loss.steps : m.path("steps").asLong(0);
    int batchSize = intOf(recipe.get("batchSize"), 0);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("command", cmd);
    training.put("run", runDir.toAbsolutePath().normalize().toString());
    training.put("steps", trainedSteps);
    training.put("batch", batchSize);
    training.put("data", data == null ? "(see the run's training.log)" : data.toString());
    training.put("seconds", round(loss.seconds, 1));
    training.put("recipe", recipe);
    training.put("resolution", m.path("resolution").asInt(intOf(recipe.get("size"), 0)));
    training.put("parameters", m.path("parameters").asLong(0));
    training.put("firstLoss", round(loss.first, 5));
    training.put("lastLoss", round(loss.last, 5));
    training.put(
        "samplesPerSecond",
        loss.seconds > 0 ? round(trainedSteps * (double) batchSize / loss.seconds, 2) : null);
    Path log = runDir.resolve(RUN_LOG);
    List<Path> samples = lastSample(runDir.resolve("samples"));
    Map<String, Object> measured = Map.of();
    if (metrics != null) {
      JsonNode given = json.readTree(Files.readString(metrics, StandardCharsets.UTF_8));
      if (!given.isObject()) {
        throw new IllegalArgumentException(metrics + " must hold a JSON object of metrics");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> asMap = json.convertValue(given, Map.class);
      measured = asMap;
    }
    GlyphUnetPackage.write(
        out, onnx, denoiser, training, measured, Files.isRegularFile(log) ? log : null, samples);
    GlyphUnetPackage pkg = GlyphUnetPackage.load(out);
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "packaged %s: %d steps, batch %d, loss %.4f -> %.4f, %.0f s of steps; unet.onnx"
                + " sha256 %s -> %s (run files in %s)%n",
            pkg.name(),
            trainedSteps,
            batchSize,
            loss.first,
            loss.last,
            loss.seconds,
            pkg.onnxSha256(),
            pkg.dir(),
            runDir);
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** The denoiser spec from the trainer's {@code unet.json}, as the trainer builds it. */
  static DenoiserSpec specOf(JsonNode m) {
    try {
      SchedulerConfig scheduler =
          SchedulerConfig.defaults()
              .withSchedule(
                  NoiseSchedule.named(
                      text(m, "schedule"),
                      Integer.parseInt(text(m, "trainSteps")),
                      Double.parseDouble(text(m, "betaStart")),
                      Double.parseDouble(text(m, "betaEnd"))))
              .withPrediction(PredictionType.lookup(text(m, "prediction")));
      return new DenoiserSpec(
          Integer.parseInt(text(m, "imageChannels")),
          Integer.parseInt(text(m, "unshuffle")),
          Integer.parseInt(text(m, "glyphChannels")),
          Integer.parseInt(text(m, "textTokens")),
          Integer.parseInt(text(m, "textDim")),
          Integer.parseInt(text(m, "sizeMultiple")),
          scheduler,
          PromptText.recorded(m.hasNonNull("promptText") ? m.get("promptText").asString() : null));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "unet.json: not a number where one belongs: " + e.getMessage());
    }
  }

  private static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(
          "unet.json has no '" + field + "': it was not written by this trainer");
    }
    return v.asString();
  }

  /** The recipe of the last checkpoint (typed), else the {@code recipe.*} entries of unet.json. */
  private static Map<String, Object> recipeOf(Path runDir, JsonNode m, JsonMapper json)
      throws IOException {
    Path checkpoints = runDir.resolve("checkpoints");
    if (Files.isDirectory(checkpoints)) {
      Optional<Path> last;
      try (Stream<Path> s = Files.list(checkpoints)) {
        last =
            s.filter(p -> Files.isRegularFile(p.resolve("state.json")))
                .max(Comparator.comparing(p -> p.getFileName().toString()));
      }
      if (last.isPresent()) {
        JsonNode state = json.readTree(Files.readString(last.get().resolve("state.json")));
        if (state.has("recipe")) {
          @SuppressWarnings("unchecked")
          Map<String, Object> r = json.convertValue(state.get("recipe"), LinkedHashMap.class);
          return r;
        }
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("recipe.")) {
        String v = e.getValue().asString();
        Object typed = v;
        try {
          typed = v.matches("-?\\d+") ? (Object) Long.parseLong(v) : Double.parseDouble(v);
        } catch (NumberFormatException notANumber) {
          typed = v;
        }
        r.put(e.getKey().substring("recipe.".length()), typed);
      }
    }
    return r;
  }

  private static List<Path> lastSample(Path samples) throws IOException {
    if (!Files.isDirectory(samples)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(samples)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".png"))
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .map(List::of)
          .orElse(List.of());
    }
  }

  private static int intOf(Object v, int otherwise) {
    return v instanceof Number num ? num.intValue() : otherwise;
  }

  private static Double round(double v, int places) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }

  /** {@code loss.csv}: step,loss,mse,lr,grad_norm,seconds — one row per step. */
  record LossLog(long steps, double first, double last, double seconds) {
    static LossLog read(Path csv) throws IOException {
      if (!Files.isRegularFile(csv)) {
        return new LossLog(0, Double.NaN, Double.NaN, 0);
      }
      List<Double> losses = new ArrayList<>();
      double seconds = 0;
      long steps = 0;
      for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
        String[] f = line.split(",");
        if (f.length < 6 || !f[0].matches("\\d+")) {
          continue;
        }
        steps = Math.max(steps, Long.parseLong(f[0]));
        losses.add(Double.parseDouble(f[1]));
        seconds += Double.parseDouble(f[5]);
      }
      if (losses.isEmpty()) {
        return new LossLog(0, Double.NaN, Double.NaN, 0);
      }
      // The trainer's rule: means of the first and last k = max(1, min(50, n/4)) steps.
      int k = Math.max(1, Math.min(50, losses.size() / 4));
      return new LossLog(
          steps,
          mean(losses.subList(0, k)),
          mean(losses.subList(losses.size() - k, losses.size())),
          seconds);
    }

    private static double mean(List<Double> xs) {
      return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }
}
