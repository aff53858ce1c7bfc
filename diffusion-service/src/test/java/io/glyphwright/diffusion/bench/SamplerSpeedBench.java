package io.glyphwright.diffusion.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.diffusion.export.UnetOnnxExporter;
import io.glyphwright.diffusion.generate.GenerationRequest;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.model.Conv2dLayer;
import io.glyphwright.diffusion.model.DenseLayer;
import io.glyphwright.diffusion.model.DjlDenoiser;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.GroupNorm;
import io.glyphwright.diffusion.model.ResBlock;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.model.UnetLayer;
import io.glyphwright.diffusion.model.Upsample;
import io.glyphwright.diffusion.onnx.ExecutionProvider;
import io.glyphwright.diffusion.onnx.OnnxDenoiser;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.ConditionedDenoiser;
import io.glyphwright.diffusion.sampling.Conditioning;
import io.glyphwright.diffusion.sampling.Denoiser;
import io.glyphwright.diffusion.sampling.DenoiserException;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.DiffusionSampler;
import io.glyphwright.diffusion.sampling.GlyphChannels;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.SampleRequest;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import io.glyphwright.diffusion.sampling.SchedulerKind;
import io.glyphwright.diffusion.sampling.TextEmbedding;
import io.glyphwright.diffusion.text.PromptEncoder;
import io.glyphwright.diffusion.training.UnetTrainer;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diffusion sampling speed (docs/BENCHMARKS.md, "Diffusion sampling speed"): one 256×256 image, 20
 * steps of DPM-Solver++(2M) with classifier-free guidance (batch 2 or 3 per UNet call: the guidance
 * mode's passes, {@code --guidance-mode}, default the generator's), on ONNX Runtime through {@link
 * Generator#generate} against the same sampling on the DJL network (PyTorch, 1 and 2 threads),
 * interleaved rounds in one JVM; per-call UNet latency at batch 2; FLOPs counted from the config
 * and from the exported ONNX graph; achieved GFLOP/s against the machine's peak. {@code --memory}
 * measures one generation's peak RSS in a fresh JVM.
 *
 * <pre>
 *   SamplerSpeedBench [--model DIR] [--rounds 5] [--calls 10] [--steps 20] [--size 256]
 *                     [--guidance 5] [--guidance-mode MODE] [--ort-threads 2]
 *                     [--djl-threads 1,2] [--out FILE.json]
 *   SamplerSpeedBench --export DIR        # writes the random-weight default UNet as a package
 *   SamplerSpeedBench --memory ort|djl [--model DIR]
 * </pre>
 *
 * Run by {@code bench/diffusion-speed.sh}. Test sources, so it stays out of the library.
 */
public final class SamplerSpeedBench {
  private static final String PROMPT =
      "A poster that says \"SUMMER SALE\" and \"50% OFF\", on a dark blue background";
  private static final int TOKENS = 64;
  private static final long WEIGHT_SEED = 20251129L;

  private SamplerSpeedBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = parse(args);
    if (a.containsKey("--export")) {
      Path dir = Path.of(a.get("--export"));
      exportRandom(dir);
      System.out.println("wrote " + dir + " (default UNet, seeded random weights)");
      return;
    }
    int size = Integer.parseInt(a.getOrDefault("--size", "256"));
    int steps = Integer.parseInt(a.getOrDefault("--steps", "20"));
    GuidanceMode mode =
        a.containsKey("--guidance-mode")
            ? GuidanceMode.lookup(a.get("--guidance-mode"))
            : GenerationRequest.DEFAULT_GUIDANCE_MODE;
    Guidance guidance =
        new Guidance(
            Double.parseDouble(a.getOrDefault("--guidance", "5")),
            mode,
            GenerationRequest.defaultPromptGuidance(mode));
    int ortThreads = Integer.parseInt(a.getOrDefault("--ort-threads", "2"));
    if (a.containsKey("--memory")) {
      memory(a, size, steps, guidance, ortThreads);
      return;
    }
    int rounds = Integer.parseInt(a.getOrDefault("--rounds", "5"));
    int calls = Integer.parseInt(a.getOrDefault("--calls", "10"));
    int[] djlThreads =
        Arrays.stream(a.getOrDefault("--djl-threads", "1,2").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    run(
        a.get("--model"),
        a.get("--out"),
        size,
        steps,
        guidance,
        ortThreads,
        djlThreads,
        rounds,
        calls);
  }

  // ---------------------------------------------------------------- the network on both engines

  /** The package, the DJL network with the same weights, and where they came from. */
  private record Net(GlyphUnetPackage pkg, GlyphUnet unet, String weights, Path temp) {}

  private static Net open(String model, NDManager manager) throws IOException {
    if (model != null) {
      GlyphUnetPackage pkg = GlyphUnetPackage.load(Path.of(model));
      String command = pkg.json().path("training").path("command").asString("");
      boolean random = command.startsWith("SamplerSpeedBench");
      UnetConfig config = configOf(pkg);
      GlyphUnet unet = null;
      if (manager != null) {
        unet = new GlyphUnet(config, 0);
        unet.initialize(manager);
        loadOnnxWeights(unet, pkg.onnx());
      }
      return new Net(
          pkg,
          unet,
          (random ? "seeded random weights from package " : "trained weights from package ")
              + pkg.dir()
              + " (unet.onnx sha256 "
              + pkg.onnxSha256().substring(0, 12)
              + "…)",
          null);
    }
    Path temp = Files.createTempDirectory("gw-speed-bench");
    GlyphUnet unet = exportRandom(temp.resolve("glyph-unet-random"), manager);
    return new Net(
        GlyphUnetPackage.load(temp.resolve("glyph-unet-random")),
        unet,
        "UnetTrainer.DEFAULT_UNET with seeded random weights (seed "
            + WEIGHT_SEED
            + ", no zero-initialised branches), exported to ONNX in this run",
        temp);
  }

  private static void exportRandom(Path dir) throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      exportRandom(dir, m);
    }
  }

  private static GlyphUnet exportRandom(Path dir, NDManager manager) throws IOException {
    UnetConfig config = UnetTrainer.DEFAULT_UNET.withZeroInit(false);
    DenoiserSpec spec = config.denoiserSpec(TOKENS, trainerScheduler());
    GlyphUnet unet = new GlyphUnet(config, WEIGHT_SEED);
    unet.initialize(manager);
    Path tmp = Files.createTempDirectory("gw-speed-export");
    try {
      Path onnx = tmp.resolve("unet.onnx");
      UnetOnnxExporter.write(
          unet,
          UnetTrainer.DEFAULT_PREDICTION,
          Map.of("kind", "glyph-unet", "weights", "random"),
          onnx);
      Map<String, Object> recipe = new LinkedHashMap<>();
      recipe.put("unet", config.toString());
      recipe.put("size", 256);
      Map<String, Object> training = new LinkedHashMap<>();
      training.put("command", "SamplerSpeedBench (seeded random weights, not trained)");
      training.put("steps", 0);
      training.put("recipe", recipe);
      GlyphUnetPackage.write(dir, onnx, spec, training, Map.of(), null);
    } finally {
      deleteTree(tmp);
    }
    return unet;
  }

  private static SchedulerConfig trainerScheduler() {
    return SchedulerConfig.defaults()
        .withSchedule(NoiseSchedule.named(UnetTrainer.DEFAULT_SCHEDULE, 1000, 1e-4, 0.02))
        .withPrediction(UnetTrainer.DEFAULT_PREDICTION);
  }

  /** The UNet's shape from the package's training recipe ({@code UnetConfig.toString()}). */
  static UnetConfig configOf(GlyphUnetPackage pkg) {
    String s = pkg.json().path("training").path("recipe").path("unet").asString("");
    if (s.isEmpty()) {
      throw new IllegalArgumentException(
          pkg.dir() + ": model.json training.recipe.unet is missing; cannot rebuild the network");
    }
    Map<String, String> f = new HashMap<>();
    Matcher m = Pattern.compile("(\\w+)=(\\[[^\\]]*\\]|[^,\\]]+)").matcher(s);
    while (m.find()) {
      f.put(m.group(1), m.group(2).trim());
    }
    List<Integer> mults =
        Arrays.stream(f.get("channelMults").replaceAll("[\\[\\] ]", "").split(","))
            .map(Integer::valueOf)
            .toList();
    return new UnetConfig(
        Integer.parseInt(f.get("unshuffle")),
        Integer.parseInt(f.get("imageChannels")),
        Integer.parseInt(f.get("glyphChannels")),
        Integer.parseInt(f.get("baseChannels")),
        mults,
        Integer.parseInt(f.get("resBlocksPerLevel")),
        Integer.parseInt(f.get("embedDim")),
        Integer.parseInt(f.get("textWidth")),
        Integer.parseInt(f.get("groups")),
        Boolean.parseBoolean(f.get("zeroInit")));
  }

  /**
   * Copies the ONNX initializers into the DJL network. The exporter names them {@code conv_w_k},
   * {@code dense_w_k}, {@code gn_gamma_k} … numbered in the order it emits the layers, which is the
   * order walked here; every shape is checked.
   */
  static void loadOnnxWeights(GlyphUnet unet, Path onnx) throws IOException {
    GraphProto g = ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph();
    Map<String, TensorProto> init = new HashMap<>();
    for (TensorProto t : g.getInitializerList()) {
      init.put(t.getName(), t);
    }
    List<Conv2dLayer> convs = new ArrayList<>();
    List<DenseLayer> denses =
        new ArrayList<>(
            List.of(unet.time1(), unet.time2(), unet.text1(), unet.text2(), unet.inGate()));
    List<GroupNorm> norms = new ArrayList<>();
    convs.add(unet.convIn());
    List<UnetLayer> layers = new ArrayList<>(unet.down());
    layers.add(unet.mid1());
    layers.add(unet.mid2());
    layers.addAll(unet.up());
    for (UnetLayer layer : layers) {
      if (layer instanceof ResBlock r) {
        norms.add(r.norm1());
        convs.add(r.conv1());
        denses.add(r.film());
        norms.add(r.norm2());
        convs.add(r.conv2());
        r.skip().ifPresent(convs::add);
      } else if (layer instanceof Upsample u) {
        convs.add(u.conv());
      } else {
        convs.add((Conv2dLayer) layer);
      }
    }
    norms.add(unet.normOut());
    denses.add(unet.skipGate());
    denses.add(unet.outShift());
    convs.add(unet.inputSkip());
    convs.add(unet.convOut());
    convs.add(unet.inkHead());
    denses.add(unet.promptGate());
    denses.add(unet.promptShift());
    if (!init.containsKey("dense_w_" + denses.size())) {
      throw new IllegalStateException(
          onnx
              + " predates the UNet's timestep gates or prompt shift (docs/MODELS.md), so no DJL"
              + " network of this"
              + " code computes the same thing; compare the engines on the current network by"
              + " running without MODEL (seeded random weights: speed does not depend on them)");
    }
    // The exporter emits the first convolution's weights twice (the second time over the image
    // channels alone, without a bias, for the input gate): weights and biases are numbered apart.
    int w = 0;
    for (int i = 0; i < convs.size(); i++) {
      w += i == 1 ? 2 : 1;
      set(convs.get(i).weight(), init.get("conv_w_" + w));
      set(convs.get(i).bias(), init.get("conv_b_" + (i + 1)));
    }
    for (int i = 0; i < denses.size(); i++) {
      set(denses.get(i).weight(), init.get("dense_w_" + (i + 1)));
      set(denses.get(i).bias(), init.get("dense_b_" + (i + 1)));
    }
    for (int i = 0; i < norms.size(); i++) {
      set(norms.get(i).gamma(), init.get("gn_gamma_" + (i + 1)));
      set(norms.get(i).beta(), init.get("gn_beta_" + (i + 1)));
    }
    if (init.containsKey("conv_w_" + (w + 1))
        || init.containsKey("dense_w_" + (denses.size() + 1))) {
      throw new IllegalStateException(onnx + ": more layers in the graph than in the network");
    }
  }

  private static void set(Parameter p, TensorProto t) {
    if (t == null) {
      throw new IllegalStateException("no initializer for parameter " + p.getName());
    }
    long n = p.getArray().getShape().size();
    float[] v = floats(t);
    if (v.length != n) {
      throw new IllegalStateException(
          "initializer " + t.getName() + " has " + v.length + " values, parameter " + n);
    }
    p.getArray().set(FloatBuffer.wrap(v));
  }

  private static float[] floats(TensorProto t) {
    if (!t.getRawData().isEmpty()) {
      FloatBuffer fb =
          t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      float[] v = new float[fb.remaining()];
      fb.get(v);
      return v;
    }
    float[] v = new float[t.getFloatDataCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.getFloatData(i);
    }
    return v;
  }

  // ---------------------------------------------------------------- the work timed

  static Layout layout(int side) {
    return new Layout(
        side,
        side,
        Layout.DEFAULT_GRID,
        List.of(
            new TextLine("SUMMER SALE", new Box(10, 14, 118, 52)),
            new TextLine("50% OFF", new Box(24, 70, 104, 108))));
  }

  /**
   * What {@link Generator#generate} does for one image, on any denoiser: render the glyph mask,
   * encode the prompt, sample (guidance > 1: batch 2 or 3 per call, the mode's passes).
   */
  private static final class DjlGeneration {
    private final GlyphRenderer renderer = GlyphRenderer.system();
    private final PromptEncoder prompts;
    private final DiffusionSampler sampler;

    DjlGeneration(Denoiser denoiser, int promptThreads) {
      this.prompts = PromptEncoder.create(denoiser.spec().textTokens(), promptThreads);
      this.sampler = new DiffusionSampler(denoiser);
    }

    int generate(int size, int steps, Guidance guidance, long seed) throws Exception {
      Layout layout = layout(size);
      float[] glyphs = GlyphChannels.fromMask(renderer.render(layout).mask());
      TextEmbedding prompt = prompts.encode(PROMPT);
      SampleRequest req =
          SampleRequest.builder()
              .setSize(size, size)
              .setGlyphs(glyphs)
              .setPrompt(prompt)
              .optSteps(steps)
              .optGuidance(guidance.scale())
              .optGuidanceMode(guidance.mode())
              .optPromptGuidance(guidance.prompt())
              .optScheduler(SchedulerKind.DPM_SOLVER_PP_2M)
              .optImages(1)
              .optSeed(seed)
              .build();
      return sampler.sample(req).image(0).getWidth();
    }
  }

  /**
   * The guidance of every generation, on both engines ({@code --guidance}, {@code --guidance-mode},
   * default the generator's mode, with the mode's default prompt guidance): the mode's passes are
   * the batch of each UNet call of a generation.
   */
  private record Guidance(double scale, GuidanceMode mode, double prompt) {
    Guidance {
      if (scale <= 1) {
        throw new IllegalArgumentException("guidance must be > 1 (two or three passes per step)");
      }
    }

    int passes() {
      return mode.passes();
    }
  }

  private static GenerationRequest request(int size, int steps, Guidance guidance, long seed) {
    return GenerationRequest.of(PROMPT, layout(size), seed)
        .withSteps(steps)
        .withGuidance(guidance.scale())
        .withGuidanceMode(guidance.mode())
        .withPromptGuidance(guidance.prompt())
        .withScheduler("dpm++2m")
        .withN(1);
  }

  /** Counts UNet calls and their batch. */
  private static final class Counting implements Denoiser {
    private final Denoiser inner;
    final AtomicInteger calls = new AtomicInteger();
    volatile int lastBatch;

    Counting(Denoiser inner) {
      this.inner = inner;
    }

    @Override
    public DenoiserSpec spec() {
      return inner.spec();
    }

    @Override
    public ConditionedDenoiser condition(Conditioning c) throws DenoiserException {
      ConditionedDenoiser d = inner.condition(c);
      lastBatch = c.batch();
      return new ConditionedDenoiser() {
        @Override
        public void predict(float[] x, float[] t, float[] out) throws DenoiserException {
          calls.incrementAndGet();
          d.predict(x, t, out);
        }

        @Override
        public void close() {
          d.close();
        }
      };
    }
  }

  private static Conditioning callConditioning(DenoiserSpec spec, int batch, int h, int w) {
    SplittableRandom rng = new SplittableRandom(5);
    float[] glyphs = new float[batch * spec.condChannels() * h * w];
    for (int i = 0; i < glyphs.length; i++) {
      glyphs[i] = rng.nextDouble() < 0.2 ? 1f : 0f;
    }
    float[] text = gaussian(rng, batch * spec.textTokens() * spec.textDim());
    float[] mask = new float[batch * spec.textTokens()];
    for (int k = 0; k < 12; k++) {
      mask[(batch - 1) * spec.textTokens() + k] = 1f; // row 0 unconditional, row 1 a prompt
    }
    return new Conditioning(batch, h, w, glyphs, text, mask);
  }

  private static float[] gaussian(SplittableRandom rng, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      double u = 1.0 - rng.nextDouble();
      v[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble()));
    }
    return v;
  }

  // ---------------------------------------------------------------- the benchmark

  private static void run(
      String model,
      String outFile,
      int size,
      int steps,
      Guidance guidance,
      int ortThreads,
      int[] djlThreads,
      int rounds,
      int calls)
      throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    String host = hostLine();
    System.out.println("# Diffusion sampling speed");
    System.out.println(host);
    System.out.println("load at start: " + loadAverage());
    try (NDManager manager = NDManager.newBaseManager()) {
      Net net = open(model, manager);
      DenoiserSpec spec = net.pkg().spec();
      UnetConfig config = net.unet().config();
      int h = size / spec.unshuffle();
      int w = size / spec.unshuffle();
      System.out.println("network: " + net.weights());
      System.out.printf(
          Locale.ROOT,
          "config: %s, %,d parameters; at %d×%d the UNet runs on %d×%d×%d%n",
          config,
          net.unet().parameterCount(),
          size,
          size,
          spec.modelChannels(),
          h,
          w);
      System.out.printf(
          Locale.ROOT,
          "work: one %d×%d image, %d steps DPM-Solver++(2M), guidance %.1f on %s, prompt guidance %.1f (batch %d"
              + " per UNet call), prompt \"%s\", 2 text lines; rounds %d after a warm-up; %d timed"
              + " calls per engine per round%n",
          size,
          size,
          steps,
          guidance.scale(),
          guidance.mode().id(),
          guidance.prompt(),
          guidance.passes(),
          PROMPT,
          rounds,
          calls);
      report.put("network", net.weights());
      report.put("config", config.toString());
      report.put("parameters", net.unet().parameterCount());

      // FLOPs, two ways.
      Flops analytic = analyticFlops(config, h, w);
      Flops graph = graphFlops(net.pkg().onnx(), 1, h, w, spec.textTokens());
      double perCall = 2 * analytic.total();
      double diff = (graph.total() - analytic.total()) / analytic.total();
      System.out.println();
      System.out.println("## FLOPs per UNet call (1 FLOP = a multiply or an add; MAC = 2 FLOPs)");
      System.out.printf(
          Locale.ROOT,
          "analytic (config): conv %.4f GFLOP, dense %.6f GFLOP per image row; %.4f GFLOP per"
              + " batch-2 call%n",
          analytic.conv / 1e9,
          analytic.dense / 1e9,
          perCall / 1e9);
      System.out.printf(
          Locale.ROOT,
          "ONNX graph walk (%d Conv, %d Gemm, %d MatMul nodes): conv %.4f GFLOP, gemm/matmul"
              + " %.6f GFLOP per image row; difference %+.3f %%%n",
          graph.convNodes,
          graph.gemmNodes,
          graph.matmulNodes,
          graph.conv / 1e9,
          graph.dense / 1e9,
          100 * diff);
      System.out.println(
          "counted: Conv 2·(Cin/groups)·k²·Cout·Hout·Wout + Cout·Hout·Wout (bias); Gemm"
              + " 2·in·out + out; no attention in this network; GroupNorm, SiLU, FiLM, concat,"
              + " resize and the sampler's own arithmetic not counted (elementwise,"
              + " ≈ 1 % of the convolutions)");
      if (Math.abs(diff) > 0.03) {
        System.out.println("WARNING: the two counts differ by more than 3 %");
      }
      report.put("gflopPerCallBatch2", perCall / 1e9);
      report.put("gflopPerCallBatch2Graph", 2 * graph.total() / 1e9);
      Peak peak = peak();
      System.out.println();
      System.out.println("## Peak of this machine");
      System.out.println(peak.derivation);
      report.put("peakGflops", peak.gflops);
      report.put("peakDerivation", peak.derivation);

      // The engines.
      OnnxOptions ortOpts =
          OnnxOptions.defaults().withProvider(ExecutionProvider.CPU).withIntraOpThreads(ortThreads);
      Counting djlCounting = new Counting(new DjlDenoiser(net.unet(), spec, manager));
      DjlGeneration djl = new DjlGeneration(djlCounting, ortThreads);
      Conditioning cc = callConditioning(spec, 2, h, w);
      float[] x = gaussian(new SplittableRandom(9), 2 * spec.modelChannels() * h * w);
      float[] t = {500f, 500f};
      float[] outOrt = new float[x.length];
      float[] outDjl = new float[x.length];
      long seed = 42;
      try (Generator gen = Generator.open(net.pkg(), ortOpts);
          OnnxDenoiser ortUnet = OnnxDenoiser.load(net.pkg().onnx(), spec, ortOpts);
          ConditionedDenoiser ortCall = ortUnet.condition(cc);
          ConditionedDenoiser djlCall = new DjlDenoiser(net.unet(), spec, manager).condition(cc)) {
        // Parity: same weights on both engines.
        ortCall.predict(x, t, outOrt);
        djlCall.predict(x, t, outDjl);
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < x.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(outOrt[i] - outDjl[i]));
          maxAbs = Math.max(maxAbs, Math.abs(outDjl[i]));
        }
        System.out.println();
        System.out.printf(
            Locale.ROOT,
            "same weights on both engines: one batch-2 call, max |ORT − DJL| = %.2e (max |output|"
                + " %.2f)%n",
            maxDiff,
            maxAbs);
        report.put("parityMaxAbsDiff", maxDiff);

        // Warm-up: one generation and a few calls on every engine setting.
        System.out.println("warm-up...");
        gen.generate(request(size, steps, guidance, seed), null, null);
        for (int threads : djlThreads) {
          JniUtils.setNumThreads(threads);
          djlCounting.calls.set(0);
          djl.generate(size, steps, guidance, seed);
          if (djlCounting.calls.get() != steps || djlCounting.lastBatch != guidance.passes()) {
            throw new IllegalStateException(
                "expected "
                    + steps
                    + " UNet calls of batch "
                    + guidance.passes()
                    + ", got "
                    + djlCounting.calls.get()
                    + " of batch "
                    + djlCounting.lastBatch);
          }
          for (int i = 0; i < 2; i++) {
            djlCall.predict(x, t, outDjl);
          }
        }
        for (int i = 0; i < 2; i++) {
          ortCall.predict(x, t, outOrt);
        }

        String ortName = "ONNX Runtime, " + threads(ortThreads) + " (Generator.generate)";
        Map<String, List<Double>> image = new LinkedHashMap<>();
        Map<String, List<Double>> call = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();
        image.put(ortName, new ArrayList<>());
        call.put("ONNX Runtime, " + threads(ortThreads), new ArrayList<>());
        for (int threads : djlThreads) {
          image.put(djlName(threads), new ArrayList<>());
          call.put(djlName(threads), new ArrayList<>());
        }
        List<String> callNames = new ArrayList<>(call.keySet());
        for (int round = 1; round <= rounds; round++) {
          // Rotate the order so that no engine always runs first after a pause.
          int engines = 1 + djlThreads.length;
          for (int j = 0; j < engines; j++) {
            int e = (j + round - 1) % engines;
            long t0;
            if (e == 0) {
              t0 = System.nanoTime();
              gen.generate(request(size, steps, guidance, seed + round), null, null);
              image.get(ortName).add((System.nanoTime() - t0) / 1e9);
              for (int i = 0; i < calls; i++) {
                t0 = System.nanoTime();
                ortCall.predict(x, t, outOrt);
                call.get(callNames.get(0)).add((System.nanoTime() - t0) / 1e6);
              }
            } else {
              int threads = djlThreads[e - 1];
              JniUtils.setNumThreads(threads);
              t0 = System.nanoTime();
              djl.generate(size, steps, guidance, seed + round);
              image.get(djlName(threads)).add((System.nanoTime() - t0) / 1e9);
              for (int i = 0; i < calls; i++) {
                t0 = System.nanoTime();
                djlCall.predict(x, t, outDjl);
                call.get(callNames.get(e)).add((System.nanoTime() - t0) / 1e6);
              }
            }
          }
          String load = loadAverage();
          loads.add(load);
          StringBuilder line = new StringBuilder("round " + round + ":");
          for (Map.Entry<String, List<Double>> en : image.entrySet()) {
            List<Double> v = en.getValue();
            line.append(String.format(Locale.ROOT, "  %.2f s", v.get(v.size() - 1)));
          }
          System.out.println(line + "   (load " + load + ")");
        }
        System.out.println();
        System.out.printf(
            Locale.ROOT,
            "## Seconds per %d×%d image (%d steps, %d UNet calls of batch %d; glyph mask and prompt"
                + " encoding included)%n",
            size,
            size,
            steps,
            steps,
            guidance.passes());
        System.out.println(
            "| engine | median s/image | min s/image | per round | GFLOP/s (median) | % of peak |");
        System.out.println("|---|---:|---:|---|---:|---:|");
        Map<String, Object> images = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> en : image.entrySet()) {
          double med = median(en.getValue());
          double gfs = guidance.passes() * analytic.total() * steps / med / 1e9;
          System.out.printf(
              Locale.ROOT,
              "| %s | %.2f | %.2f | %s | %.1f | %.1f |%n",
              en.getKey(),
              med,
              min(en.getValue()),
              join(en.getValue(), "%.2f"),
              gfs,
              100 * gfs / peak.gflops);
          images.put(
              en.getKey(),
              Map.of("median", med, "min", min(en.getValue()), "rounds", en.getValue()));
        }
        double ortMed = median(image.get(ortName));
        double bestDjl = Double.MAX_VALUE;
        String bestDjlName = "";
        for (int threads : djlThreads) {
          double m = median(image.get(djlName(threads)));
          if (m < bestDjl) {
            bestDjl = m;
            bestDjlName = djlName(threads);
          }
        }
        System.out.println();
        for (int threads : djlThreads) {
          double m = median(image.get(djlName(threads)));
          System.out.printf(
              Locale.ROOT,
              "speed-up ONNX Runtime over %s: %.2f× (median), %.2f× (min)%n",
              djlName(threads),
              m / ortMed,
              min(image.get(djlName(threads))) / min(image.get(ortName)));
        }
        System.out.printf(
            Locale.ROOT,
            "ORT/DJL against DJL's best setting (%s): %.2f× — bar ≥ 1.5×: %s%n",
            bestDjlName,
            bestDjl / ortMed,
            bestDjl / ortMed >= 1.5 ? "met" : "NOT met");
        System.out.printf(
            Locale.ROOT,
            "ONNX Runtime median %.2f s per image — bar ≤ 3 s: %s%n",
            ortMed,
            ortMed <= 3 ? "met" : "NOT met");
        report.put("images", images);
        report.put("ortOverBestDjl", bestDjl / ortMed);

        System.out.println();
        System.out.printf(
            Locale.ROOT,
            "## One UNet call at batch 2 (%d×%d×%d), %d per engine per round%n",
            spec.modelChannels(),
            h,
            w,
            calls);
        System.out.println(
            "| engine | median ms | min ms | p90 ms | GFLOP/s (median) | GFLOP/s (min) | % of peak"
                + " (min) |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        Map<String, Object> callReport = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> en : call.entrySet()) {
          double med = median(en.getValue());
          double mn = min(en.getValue());
          System.out.printf(
              Locale.ROOT,
              "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
              en.getKey(),
              med,
              mn,
              percentile(en.getValue(), 0.9),
              perCall / med / 1e6,
              perCall / mn / 1e6,
              100 * perCall / mn / 1e6 / peak.gflops);
          callReport.put(en.getKey(), Map.of("medianMs", med, "minMs", mn));
        }
        double sampled = steps * median(call.get(callNames.get(0))) / 1000;
        System.out.printf(
            Locale.ROOT,
            "%nONNX Runtime: %d calls × median call = %.2f s of the %.2f s per image; the rest"
                + " (mask, prompt encoding, scheduler, image) %.2f s%n",
            steps,
            sampled,
            ortMed,
            ortMed - sampled);
        report.put("calls", callReport);
        report.put("loadAverages", loads);
      }
      System.out.println("load at end: " + loadAverage());
      if (net.temp() != null) {
        deleteTree(net.temp());
      }
    }
    if (outFile != null) {
      Files.writeString(Path.of(outFile), toJson(report) + "\n", StandardCharsets.UTF_8);
    }
  }

  private static String djlName(int threads) {
    return "DJL PyTorch, " + threads(threads);
  }

  private static String threads(int n) {
    return n + (n == 1 ? " thread" : " threads");
  }

  // ---------------------------------------------------------------- memory

  private static void memory(
      Map<String, String> a, int size, int steps, Guidance guidance, int ortThreads)
      throws Exception {
    String engine = a.get("--memory");
    String model = a.get("--model");
    long before = status("VmRSS");
    if (engine.equals("ort")) {
      if (model == null) {
        System.out.println(
            "note: no --model: the random network is exported in this JVM, which loads PyTorch"
                + " too; bench/diffusion-speed.sh exports it in a separate JVM first");
      }
      try (NDManager exportManager = model == null ? NDManager.newBaseManager() : null) {
        Net net = open(model, exportManager);
        OnnxOptions opts =
            OnnxOptions.defaults()
                .withProvider(ExecutionProvider.CPU)
                .withIntraOpThreads(ortThreads);
        long loaded;
        long t0;
        try (Generator gen = Generator.open(net.pkg(), opts)) {
          loaded = status("VmRSS");
          t0 = System.nanoTime();
          gen.generate(request(size, steps, guidance, 42), null, null);
        }
        report("ONNX Runtime Generator.generate", net, before, loaded, t0);
        if (net.temp() != null) {
          deleteTree(net.temp());
        }
      }
    } else if (engine.equals("djl")) {
      try (NDManager manager = NDManager.newBaseManager()) {
        Net net = open(model, manager);
        JniUtils.setNumThreads(Integer.parseInt(a.getOrDefault("--djl-threads", "1")));
        DjlGeneration djl =
            new DjlGeneration(new DjlDenoiser(net.unet(), net.pkg().spec(), manager), ortThreads);
        long loaded = status("VmRSS");
        long t0 = System.nanoTime();
        djl.generate(size, steps, guidance, 42);
        report("DJL PyTorch sampling (same steps as Generator.generate)", net, before, loaded, t0);
      }
    } else {
      throw new IllegalArgumentException("--memory ort or --memory djl, got " + engine);
    }
  }

  private static void report(String what, Net net, long before, long loaded, long t0)
      throws IOException {
    double seconds = (System.nanoTime() - t0) / 1e9;
    long hwm = status("VmHWM");
    long rss = status("VmRSS");
    Runtime rt = Runtime.getRuntime();
    long heapUsed = rt.totalMemory() - rt.freeMemory();
    long heapPeak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        heapPeak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long heapLive = rt.totalMemory() - rt.freeMemory();
    System.out.println("# Memory of one generation (fresh JVM): " + what);
    System.out.println("network: " + net.weights());
    System.out.printf(
        Locale.ROOT,
        "one generation: %.2f s (first in the JVM: no warm-up)%n"
            + "VmRSS at JVM start %d MiB, after loading %d MiB, after the generation %d MiB%n"
            + "peak RSS (VmHWM): %d MiB%n"
            + "Java heap: used %d MiB at the end, %d MiB live after a GC, peak of the heap pools"
            + " %d MiB (sum of per-pool peaks), committed %d MiB, max %d MiB%n",
        seconds,
        before / 1024,
        loaded / 1024,
        rss / 1024,
        hwm / 1024,
        heapUsed >> 20,
        heapLive >> 20,
        heapPeak >> 20,
        rt.totalMemory() >> 20,
        rt.maxMemory() >> 20);
  }

  /** A field of /proc/self/status in KiB. */
  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- FLOPs

  /** FLOPs for one image row (batch 1): convolutions and dense layers. */
  record Flops(double conv, double dense, int convNodes, int gemmNodes, int matmulNodes) {
    double total() {
      return conv + dense;
    }
  }

  private static double conv(int in, int out, int k, int hOut, int wOut) {
    return (2.0 * k * k * in * out + out) * hOut * wOut;
  }

  private static double dense(int in, int out) {
    return 2.0 * in * out + out;
  }

  /**
   * From the config alone, following the UNet's structure (docs/MODELS.md): convIn, per level
   * ResBlocks and a stride-2 conv, a two-ResBlock middle, the way up on concatenated skips with
   * nearest ×2 + conv, the output conv on features + glyph channels, the 1×1 input skip, the ink
   * head, and the gates' extra convolution and Dense layers.
   */
  static Flops analyticFlops(UnetConfig c, int h, int w) {
    double cv = 0;
    double dn = 0;
    int e = c.embedDim();
    int c0 = c.baseChannels();
    dn += dense(c0, e) + dense(e, e) + dense(c.textWidth(), e) + dense(e, e);
    cv += conv(c.modelChannels() + c.condChannels(), c0, 3, h, w);
    // The input gate's second pass of the first convolution over x alone, its Dense and the skip
    // gate's and output shift's Dense layers, and the prompt shift's and its gate's.
    cv += conv(c.modelChannels(), c0, 3, h, w);
    dn += dense(e, c0) + dense(e, c.modelChannels()) + dense(e, c.modelChannels());
    dn += dense(c.textWidth(), c.modelChannels()) + dense(e, c.modelChannels());
    List<int[]> skips = new ArrayList<>(); // {channels}
    skips.add(new int[] {c0});
    int ch = c0;
    int hh = h;
    int ww = w;
    List<Integer> mults = c.channelMults();
    for (int level = 0; level < mults.size(); level++) {
      int out = c0 * mults.get(level);
      for (int i = 0; i < c.resBlocksPerLevel(); i++) {
        cv += resBlock(ch, out, hh, ww);
        dn += dense(e, 2 * out);
        ch = out;
        skips.add(new int[] {ch});
      }
      if (level < mults.size() - 1) {
        hh = (hh + 1) / 2;
        ww = (ww + 1) / 2;
        cv += conv(ch, ch, 3, hh, ww);
        skips.add(new int[] {ch});
      }
    }
    for (int i = 0; i < 2; i++) {
      cv += resBlock(ch, ch, hh, ww);
      dn += dense(e, 2 * ch);
    }
    for (int level = mults.size() - 1; level >= 0; level--) {
      int out = c0 * mults.get(level);
      for (int i = 0; i <= c.resBlocksPerLevel(); i++) {
        int skip = skips.remove(skips.size() - 1)[0];
        cv += resBlock(ch + skip, out, hh, ww);
        dn += dense(e, 2 * out);
        ch = out;
      }
      if (level > 0) {
        hh *= 2;
        ww *= 2;
        cv += conv(ch, ch, 3, hh, ww);
      }
    }
    cv += conv(ch + c.condChannels(), c.modelChannels(), 3, hh, ww);
    cv += conv(c.modelChannels(), c.modelChannels(), 1, hh, ww);
    // The ink head, and the constant 1×1 convolution that spreads its colours over the sub-pixels.
    cv += conv(ch, c.imageChannels(), 3, hh, ww);
    cv += conv(c.imageChannels(), c.modelChannels(), 1, hh, ww);
    return new Flops(cv, dn, 0, 0, 0);
  }

  private static double resBlock(int in, int out, int h, int w) {
    double f = conv(in, out, 3, h, w) + conv(out, out, 3, h, w);
    if (in != out) {
      f += conv(in, out, 1, h, w);
    }
    return f;
  }

  /**
   * Walks the exported graph with shapes propagated from the inputs (batch {@code b}, {@code h×w},
   * {@code tokens}), and counts Conv, Gemm and MatMul; returned per image row.
   */
  static Flops graphFlops(Path onnx, int b, int h, int w, int tokens) throws IOException {
    GraphProto g = ModelProto.parseFrom(Files.readAllBytes(onnx)).getGraph();
    Map<String, long[]> shape = new HashMap<>();
    Map<String, long[]> longs = new HashMap<>();
    Map<String, float[]> floatConsts = new HashMap<>();
    for (TensorProto t : g.getInitializerList()) {
      shape.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
      if (t.getDataType() == TensorProto.DataType.INT64.getNumber()) {
        longs.put(t.getName(), t.getInt64DataList().stream().mapToLong(Long::longValue).toArray());
      } else if (t.getDataType() == TensorProto.DataType.FLOAT.getNumber()) {
        long n = 1;
        for (long d : shape.get(t.getName())) {
          n *= d;
        }
        if (n <= 16) {
          floatConsts.put(t.getName(), floats(t));
        }
      }
    }
    Map<String, Long> symbols =
        Map.of("batch", (long) b, "height", (long) h, "width", (long) w, "tokens", (long) tokens);
    for (ValueInfoProto in : g.getInputList()) {
      var dims = in.getType().getTensorType().getShape().getDimList();
      long[] s = new long[dims.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] =
            dims.get(i).hasDimValue()
                ? dims.get(i).getDimValue()
                : symbols.get(dims.get(i).getDimParam());
      }
      shape.put(in.getName(), s);
    }
    double cv = 0;
    double dn = 0;
    int convs = 0;
    int gemms = 0;
    int matmuls = 0;
    for (NodeProto n : g.getNodeList()) {
      List<long[]> ins = new ArrayList<>();
      for (String i : n.getInputList()) {
        ins.add(i.isEmpty() ? null : shape.get(i));
      }
      long[] out;
      switch (n.getOpType()) {
        case "Conv" -> {
          long[] x = ins.get(0);
          long[] wt = ins.get(1);
          // ONNX defaults where an attribute is left out: the kernel from the weights, no
          // padding, stride 1 (the ink head's constant spreading convolution).
          long[] k = intsOr(n, "kernel_shape", new long[] {wt[2], wt[3]});
          long[] pads = intsOr(n, "pads", new long[] {0, 0, 0, 0});
          long[] strides = intsOr(n, "strides", new long[] {1, 1});
          long group = attrInt(n, "group", 1);
          long ho = (x[2] + pads[0] + pads[2] - k[0]) / strides[0] + 1;
          long wo = (x[3] + pads[1] + pads[3] - k[1]) / strides[1] + 1;
          out = new long[] {x[0], wt[0], ho, wo};
          double macs = (double) (x[1] / group) * k[0] * k[1] * wt[0] * ho * wo * x[0];
          cv += 2 * macs + (ins.size() > 2 ? (double) wt[0] * ho * wo * x[0] : 0);
          convs++;
        }
        case "Gemm" -> {
          long[] a = ins.get(0);
          long[] wt = ins.get(1);
          boolean transB = attrInt(n, "transB", 0) == 1;
          long kk = a[1];
          long nn = transB ? wt[0] : wt[1];
          out = new long[] {a[0], nn};
          dn += 2.0 * a[0] * kk * nn + (ins.size() > 2 ? a[0] * nn : 0);
          gemms++;
        }
        case "MatMul" -> {
          long[] a = ins.get(0);
          long[] m = ins.get(1);
          long rows = 1;
          for (int i = 0; i < a.length - 1; i++) {
            rows *= a[i];
          }
          out = a.clone();
          out[out.length - 1] = m[m.length - 1];
          dn += 2.0 * rows * a[a.length - 1] * m[m.length - 1];
          matmuls++;
        }
        case "Concat" -> {
          long axis = attrInt(n, "axis", 0);
          out = ins.get(0).clone();
          int ax = (int) (axis < 0 ? axis + out.length : axis);
          for (int i = 1; i < ins.size(); i++) {
            out[ax] += ins.get(i)[ax];
          }
        }
        case "Shape" -> {
          out = new long[] {ins.get(0).length};
          longs.put(n.getOutput(0), ins.get(0).clone());
        }
        case "Reshape" -> {
          long[] target = longs.get(n.getInput(1));
          long[] x = ins.get(0);
          out = target.clone();
          long total = prod(x);
          int unknown = -1;
          long known = 1;
          for (int i = 0; i < out.length; i++) {
            if (out[i] == 0) {
              out[i] = x[i];
            }
            if (out[i] == -1) {
              unknown = i;
            } else {
              known *= out[i];
            }
          }
          if (unknown >= 0) {
            out[unknown] = total / known;
          }
        }
        case "Unsqueeze" -> {
          long[] axes = longs.get(n.getInput(1));
          long[] x = ins.get(0);
          int rank = x.length + axes.length;
          out = new long[rank];
          boolean[] isNew = new boolean[rank];
          for (long ax : axes) {
            isNew[(int) (ax < 0 ? ax + rank : ax)] = true;
          }
          for (int i = 0, j = 0; i < rank; i++) {
            out[i] = isNew[i] ? 1 : x[j++];
          }
        }
        case "ReduceSum" -> {
          long[] axes = longs.get(n.getInput(1));
          boolean keep = attrInt(n, "keepdims", 1) == 1;
          long[] x = ins.get(0);
          List<Long> o = new ArrayList<>();
          for (int i = 0; i < x.length; i++) {
            boolean reduced = false;
            for (long ax : axes) {
              reduced |= (ax < 0 ? ax + x.length : ax) == i;
            }
            if (!reduced) {
              o.add(x[i]);
            } else if (keep) {
              o.add(1L);
            }
          }
          out = o.stream().mapToLong(Long::longValue).toArray();
        }
        case "Split" -> {
          long axis = attrInt(n, "axis", 0);
          long[] sizes = longs.get(n.getInput(1));
          for (int i = 0; i < n.getOutputCount(); i++) {
            long[] o = ins.get(0).clone();
            o[(int) axis] = sizes[i];
            shape.put(n.getOutput(i), o);
          }
          continue;
        }
        case "Resize" -> {
          float[] scales = floatConsts.get(n.getInput(2));
          long[] x = ins.get(0);
          out = new long[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = (long) Math.floor(x[i] * scales[i]);
          }
        }
        default -> {
          // Elementwise (Mul, Add, Div, Max, Sigmoid, Cos, Sin, InstanceNormalization, Identity):
          // numpy broadcasting over the inputs.
          out = broadcast(ins);
        }
      }
      shape.put(n.getOutput(0), out);
    }
    return new Flops(cv / b, dn / b, convs, gemms, matmuls);
  }

  private static long prod(long[] s) {
    long p = 1;
    for (long v : s) {
      p *= v;
    }
    return p;
  }

  private static long[] broadcast(List<long[]> ins) {
    int rank = 0;
    for (long[] s : ins) {
      if (s != null) {
        rank = Math.max(rank, s.length);
      }
    }
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    for (long[] s : ins) {
      if (s == null) {
        continue;
      }
      for (int i = 0; i < s.length; i++) {
        int j = rank - s.length + i;
        out[j] = Math.max(out[j], s[i]);
      }
    }
    return out;
  }

  private static long[] intsOr(NodeProto n, String name, long[] fallback) {
    boolean present = n.getAttributeList().stream().anyMatch(at -> at.getName().equals(name));
    return present ? ints(n, name) : fallback;
  }

  private static long[] ints(NodeProto n, String name) {
    return n.getAttributeList().stream()
        .filter(at -> at.getName().equals(name))
        .findFirst()
        .map(at -> at.getIntsList().stream().mapToLong(Long::longValue).toArray())
        .orElseThrow(() -> new IllegalStateException(n.getName() + " has no " + name));
  }

  private static long attrInt(NodeProto n, String name, long fallback) {
    return n.getAttributeList().stream()
        .filter(at -> at.getName().equals(name))
        .findFirst()
        .map(at -> at.getI())
        .orElse(fallback);
  }

  // ---------------------------------------------------------------- the machine

  record Peak(double gflops, String derivation) {}

  /** Peak fp32 FLOP/s from lscpu: cores × GHz × FLOPs per cycle per core. */
  static Peak peak() throws IOException, InterruptedException {
    Map<String, String> l = new HashMap<>();
    Process p = new ProcessBuilder("lscpu").redirectErrorStream(true).start();
    for (String line :
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        l.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    p.waitFor();
    String modelName = l.getOrDefault("Model name", "?");
    int sockets = Integer.parseInt(l.getOrDefault("Socket(s)", "1"));
    int coresPerSocket = Integer.parseInt(l.getOrDefault("Core(s) per socket", "1"));
    int cores = sockets * coresPerSocket;
    double ghz;
    String clock;
    if (l.containsKey("CPU max MHz")) {
      ghz = Double.parseDouble(l.get("CPU max MHz")) / 1000;
      clock = "CPU max MHz " + l.get("CPU max MHz");
    } else {
      Matcher m = Pattern.compile("@\\s*([0-9.]+)\\s*GHz").matcher(modelName);
      if (m.find()) {
        ghz = Double.parseDouble(m.group(1));
        clock = "no 'CPU max MHz' (virtual machine); nominal clock from the model name";
      } else {
        ghz = Double.parseDouble(l.getOrDefault("CPU MHz", "2000")) / 1000;
        clock = "CPU MHz " + l.getOrDefault("CPU MHz", "2000 (guessed)");
      }
    }
    List<String> flags = Arrays.asList(l.getOrDefault("Flags", "").split("\\s+"));
    int perCycle;
    String why;
    if (flags.contains("avx512f") && flags.contains("fma")) {
      perCycle = 64;
      why =
          "avx512f + fma: 16 fp32 lanes × 2 (multiply-add) × 2 FMA units = 64 FLOP/cycle/core"
              + " (Xeon Gold/Platinum have 2 AVX-512 FMA units; with 1 unit, or at the lower"
              + " AVX-512 licence clock, the peak is half to two thirds of this)";
    } else if (flags.contains("avx2") && flags.contains("fma")) {
      perCycle = 32;
      why = "avx2 + fma: 8 fp32 lanes × 2 (multiply-add) × 2 FMA units = 32 FLOP/cycle/core";
    } else if (flags.contains("avx")) {
      perCycle = 16;
      why = "avx without fma: 8 lanes × (1 add + 1 multiply) = 16 FLOP/cycle/core";
    } else {
      perCycle = 8;
      why = "sse: 4 lanes × (1 add + 1 multiply) = 8 FLOP/cycle/core";
    }
    double gflops = cores * ghz * perCycle;
    String d =
        String.format(
            Locale.ROOT,
            "lscpu: %s; %d socket × %d cores, %s threads per core; %s → %.2f GHz;%n%s;%n"
                + "peak fp32 = %d cores × %.2f GHz × %d FLOP/cycle = %.1f GFLOP/s"
                + " (one core: %.1f GFLOP/s)",
            modelName,
            sockets,
            coresPerSocket,
            l.getOrDefault("Thread(s) per core", "?"),
            clock,
            ghz,
            why,
            cores,
            ghz,
            perCycle,
            gflops,
            gflops / cores);
    return new Peak(gflops, d);
  }

  private static String hostLine() {
    return String.format(
        Locale.ROOT,
        "machine: %d processors, Java %s (%s), %s %s; ONNX Runtime %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        ai.onnxruntime.OrtEnvironment.getEnvironment().getVersion());
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  // ---------------------------------------------------------------- small helpers

  private static Map<String, String> parse(String[] args) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + args[i]);
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      a.put(args[i], args[++i]);
    }
    return a;
  }

  private static double median(List<Double> v) {
    return percentile(v, 0.5);
  }

  private static double percentile(List<Double> v, double q) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (q == 0.5) {
      int n = s.length;
      return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
    return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
  }

  private static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static String join(List<Double> v, String fmt) {
    List<String> s = new ArrayList<>();
    for (double d : v) {
      s.add(String.format(Locale.ROOT, fmt, d));
    }
    return String.join(", ", s);
  }

  @SuppressWarnings("unchecked")
  private static String toJson(Object o) {
    if (o instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<Object, Object>) m).entrySet()) {
        parts.add(toJson(String.valueOf(e.getKey())) + ":" + toJson(e.getValue()));
      }
      return "{" + String.join(",", parts) + "}";
    }
    if (o instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      for (Object v : l) {
        parts.add(toJson(v));
      }
      return "[" + String.join(",", parts) + "]";
    }
    if (o instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? String.valueOf(n) : "null";
    }
    String s = String.valueOf(o).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return "\"" + s + "\"";
  }

  private static void deleteTree(Path root) throws IOException {
    try (var s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
