package io.glyphwright.diffusion.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import io.glyphwright.diffusion.sampling.ConditionedDenoiser;
import io.glyphwright.diffusion.sampling.Conditioning;
import io.glyphwright.diffusion.sampling.Denoiser;
import io.glyphwright.diffusion.sampling.DenoiserException;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The glyph-conditioned UNet on ONNX Runtime. Owns its {@link OrtSession} and {@link
 * OrtSession.SessionOptions} (the {@link OrtEnvironment} is the process-wide one, never closed
 * here). At load it checks the network against the I/O contract of {@code docs/SAMPLING.md}, so a
 * wrong model fails at once with a message that names what is wrong:
 *
 * <pre>
 * x          float32  [B, C·r², h, w]      noisy sample, scaled by the scheduler
 * t          float32 or int64  [B]         training timestep
 * cond       float32  [B, Cg·r², h, w]     pixel-unshuffled glyph channels
 * text       float32  [B, L, D]            prompt token embeddings
 * text_mask  float32  [B, L]               1 = token, 0 = padding
 * output: one, named eps | v | x0 after the prediction type, float32 [B, C·r², h, w]
 * </pre>
 *
 * The batch axis must be dynamic; other axes may be fixed (then they must match the spec) or
 * dynamic.
 *
 * <p>Thread-safe: concurrent runs each get their own {@link ConditionedDenoiser}.
 */
public final class OnnxDenoiser implements Denoiser, AutoCloseable {
  public static final String INPUT_SAMPLE = "x";
  public static final String INPUT_TIMESTEP = "t";
  public static final String INPUT_GLYPHS = "cond";
  public static final String INPUT_TEXT = "text";
  public static final String INPUT_TEXT_MASK = "text_mask";

  /** The inputs every UNet must have, and no others. */
  public static final Set<String> INPUTS =
      Set.of(INPUT_SAMPLE, INPUT_TIMESTEP, INPUT_GLYPHS, INPUT_TEXT, INPUT_TEXT_MASK);

  private static final System.Logger LOG = System.getLogger(OnnxDenoiser.class.getName());

  private final String source;
  private final DenoiserSpec spec;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final ExecutionProvider provider;
  private final boolean int64Timesteps;
  private final String outputName;
  private final long fixedHeight;
  private final long fixedWidth;
  private volatile boolean closed;

  private OnnxDenoiser(
      String source,
      DenoiserSpec spec,
      OrtEnvironment env,
      OrtSession.SessionOptions options,
      OrtSession session,
      ExecutionProvider provider)
      throws ModelLoadException, OrtException {
    this.source = source;
    this.spec = spec;
    this.env = env;
    this.options = options;
    this.session = session;
    this.provider = provider;
    this.outputName = spec.scheduler().prediction().outputName();
    Map<String, NodeInfo> inputs = session.getInputInfo();
    checkNames(inputs.keySet());
    long[] x = tensor(inputs, INPUT_SAMPLE, 4, OnnxJavaType.FLOAT);
    expectDim(INPUT_SAMPLE, x, 1, spec.modelChannels(), "C·r²");
    long[] cond = tensor(inputs, INPUT_GLYPHS, 4, OnnxJavaType.FLOAT);
    expectDim(INPUT_GLYPHS, cond, 1, spec.condChannels(), "Cg·r²");
    long[] text = tensor(inputs, INPUT_TEXT, 3, OnnxJavaType.FLOAT);
    expectDim(INPUT_TEXT, text, 1, spec.textTokens(), "L");
    expectDim(INPUT_TEXT, text, 2, spec.textDim(), "D");
    long[] mask = tensor(inputs, INPUT_TEXT_MASK, 2, OnnxJavaType.FLOAT);
    expectDim(INPUT_TEXT_MASK, mask, 1, spec.textTokens(), "L");
    TensorInfo t = tensorInfo(inputs, INPUT_TIMESTEP);
    if (t.getShape().length != 1
        || (t.type != OnnxJavaType.FLOAT && t.type != OnnxJavaType.INT64)) {
      throw new ModelLoadException(
          where() + "input 't' must be float32 or int64 [B], it is " + describe(t));
    }
    this.int64Timesteps = t.type == OnnxJavaType.INT64;
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    if (outputs.size() != 1 || !outputs.containsKey(outputName)) {
      throw new ModelLoadException(
          where()
              + "the UNet must have one output named '"
              + outputName
              + "' (prediction type "
              + spec.scheduler().prediction()
              + "), it has "
              + new TreeSet<>(outputs.keySet()));
    }
    long[] out = tensor(outputs, outputName, 4, OnnxJavaType.FLOAT);
    expectDim(outputName, out, 1, spec.modelChannels(), "C·r²");
    for (Map.Entry<String, long[]> e :
        Map.of(
                INPUT_SAMPLE, x,
                INPUT_GLYPHS, cond,
                INPUT_TEXT, text,
                INPUT_TEXT_MASK, mask,
                INPUT_TIMESTEP, t.getShape(),
                outputName, out)
            .entrySet()) {
      if (e.getValue()[0] != -1) {
        throw new ModelLoadException(
            where()
                + "the batch axis of '"
                + e.getKey()
                + "' is fixed at "
                + e.getValue()[0]
                + "; export it as a dynamic axis (guidance runs batches of 2n)");
      }
    }
    this.fixedHeight = agree("height", x[2], cond[2], out[2]);
    this.fixedWidth = agree("width", x[3], cond[3], out[3]);
  }

  /**
   * Loads a UNet from an ONNX file.
   *
   * @throws ModelLoadException if the file is missing or unreadable, ONNX Runtime refuses it, it
   *     breaks the I/O contract, or CUDA was required and is not there
   */
  public static OnnxDenoiser load(Path model, DenoiserSpec spec, OnnxOptions onnxOptions)
      throws ModelLoadException {
    Objects.requireNonNull(model, "model");
    if (!Files.isRegularFile(model)) {
      throw new ModelLoadException("UNet " + model + ": no such file");
    }
    return open(model.toString(), model.toString(), null, spec, onnxOptions);
  }

  /** Loads a UNet from ONNX bytes; {@code name} names it in messages. */
  public static OnnxDenoiser load(
      byte[] model, String name, DenoiserSpec spec, OnnxOptions onnxOptions)
      throws ModelLoadException {
    Objects.requireNonNull(model, "model");
    return open(name, null, model, spec, onnxOptions);
  }

  private static OnnxDenoiser open(
      String source, String path, byte[] bytes, DenoiserSpec spec, OnnxOptions onnxOptions)
      throws ModelLoadException {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(onnxOptions, "onnxOptions");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    boolean cudaBuilt = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
    String cpuReason = "";
    if (onnxOptions.provider() == ExecutionProvider.CUDA && !cudaBuilt) {
      throw new ModelLoadException(
          "UNet "
              + source
              + ": CUDA was required but this ONNX Runtime build has no CUDA provider"
              + " (build with -Pgpu for onnxruntime_gpu)");
    }
    if (onnxOptions.provider() != ExecutionProvider.CPU) {
      if (cudaBuilt) {
        try {
          OnnxDenoiser denoiser =
              create(source, path, bytes, spec, onnxOptions, env, ExecutionProvider.CUDA);
          LOG.log(
              System.Logger.Level.INFO,
              "UNet {0}: ONNX Runtime {1} on CUDA device {2}",
              source,
              env.getVersion(),
              onnxOptions.cudaDevice());
          return denoiser;
        } catch (OrtException e) {
          if (onnxOptions.provider() == ExecutionProvider.CUDA) {
            throw new ModelLoadException(
                "UNet " + source + ": CUDA was required and failed to start: " + e.getMessage(), e);
          }
          cpuReason = " (CUDA failed to start: " + e.getMessage() + ")";
        }
      } else {
        cpuReason = " (this ONNX Runtime build has no CUDA; -Pgpu brings onnxruntime_gpu)";
      }
    }
    try {
      OnnxDenoiser denoiser =
          create(source, path, bytes, spec, onnxOptions, env, ExecutionProvider.CPU);
      LOG.log(
          System.Logger.Level.INFO,
          "UNet {0}: ONNX Runtime {1} on CPU, {2} intra-op threads{3}",
          source,
          env.getVersion(),
          onnxOptions.intraOpThreads(),
          cpuReason);
      return denoiser;
    } catch (OrtException e) {
      throw new ModelLoadException(
          "UNet " + source + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
    }
  }

  private static OnnxDenoiser create(
      String source,
      String path,
      byte[] bytes,
      DenoiserSpec spec,
      OnnxOptions onnxOptions,
      OrtEnvironment env,
      ExecutionProvider provider)
      throws OrtException, ModelLoadException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    OrtSession session = null;
    try {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(onnxOptions.intraOpThreads());
      options.setInterOpNumThreads(1);
      if (provider == ExecutionProvider.CUDA) {
        options.addCUDA(onnxOptions.cudaDevice());
      }
      session = path != null ? env.createSession(path, options) : env.createSession(bytes, options);
      return new OnnxDenoiser(source, spec, env, options, session, provider);
    } catch (OrtException | ModelLoadException | RuntimeException e) {
      closeQuietly(session, e);
      options.close();
      throw e;
    }
  }

  private static void closeQuietly(OrtSession session, Exception cause) {
    if (session != null) {
      try {
        session.close();
      } catch (OrtException suppressed) {
        cause.addSuppressed(suppressed);
      }
    }
  }

  @Override
  public DenoiserSpec spec() {
    return spec;
  }

  /** Where the network runs: {@link ExecutionProvider#CPU} or {@link ExecutionProvider#CUDA}. */
  public ExecutionProvider executionProvider() {
    return provider;
  }

  /** Whether the network takes its timestep as int64 (else float32). */
  public boolean takesInt64Timesteps() {
    return int64Timesteps;
  }

  /**
   * The network height {@code h} it was exported for, or -1 when the axis is dynamic. Multiply by
   * {@code r} for pixels.
   */
  public long fixedHeight() {
    return fixedHeight;
  }

  /** The network width {@code w} it was exported for, or -1 when dynamic. */
  public long fixedWidth() {
    return fixedWidth;
  }

  @Override
  public ConditionedDenoiser condition(Conditioning conditioning) throws DenoiserException {
    if (closed) {
      throw new IllegalStateException("UNet " + source + " is closed");
    }
    conditioning.checkAgainst(spec);
    if ((fixedHeight > 0 && conditioning.height() != fixedHeight)
        || (fixedWidth > 0 && conditioning.width() != fixedWidth)) {
      int r = spec.unshuffle();
      throw new IllegalArgumentException(
          "this UNet was exported for "
              + (fixedWidth > 0 ? fixedWidth * r : "any ")
              + "×"
              + (fixedHeight > 0 ? fixedHeight * r : "any ")
              + " pixels; asked for "
              + conditioning.width() * r
              + "×"
              + conditioning.height() * r);
    }
    try {
      return new Run(conditioning);
    } catch (OrtException e) {
      throw new DenoiserException("UNet " + source + ": cannot set up a run: " + e.getMessage(), e);
    }
  }

  /** Closes the session and its options; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      LOG.log(System.Logger.Level.WARNING, "UNet " + source + ": closing the session failed", e);
    } finally {
      options.close();
    }
  }

  /**
   * One run's tensors: the conditioning converted once, and the sample, timestep and output tensors
   * over direct buffers that each step rewrites in place (ONNX Runtime reads and writes those
   * buffers without copies).
   */
  private final class Run implements ConditionedDenoiser {
    private final int batch;
    private final FloatBuffer sample;
    private final FloatBuffer timestepFloats;
    private final LongBuffer timestepLongs;
    private final FloatBuffer output;
    private final OnnxTensor[] tensors = new OnnxTensor[6];
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> pinnedOutputs;

    Run(Conditioning c) throws OrtException {
      batch = c.batch();
      long[] sampleShape = {batch, spec.modelChannels(), c.height(), c.width()};
      int sampleSize = batch * spec.modelChannels() * c.height() * c.width();
      sample = directFloats(sampleSize);
      output = directFloats(sampleSize);
      try {
        tensors[0] = OnnxTensor.createTensor(env, sample, sampleShape);
        if (int64Timesteps) {
          timestepLongs =
              ByteBuffer.allocateDirect(batch * Long.BYTES)
                  .order(ByteOrder.nativeOrder())
                  .asLongBuffer();
          timestepFloats = null;
          tensors[1] = OnnxTensor.createTensor(env, timestepLongs, new long[] {batch});
        } else {
          timestepFloats = directFloats(batch);
          timestepLongs = null;
          tensors[1] = OnnxTensor.createTensor(env, timestepFloats, new long[] {batch});
        }
        tensors[2] =
            OnnxTensor.createTensor(
                env,
                FloatBuffer.wrap(c.glyphs()),
                new long[] {batch, spec.condChannels(), c.height(), c.width()});
        tensors[3] =
            OnnxTensor.createTensor(
                env,
                FloatBuffer.wrap(c.text()),
                new long[] {batch, spec.textTokens(), spec.textDim()});
        tensors[4] =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(c.textMask()), new long[] {batch, spec.textTokens()});
        tensors[5] = OnnxTensor.createTensor(env, output, sampleShape);
      } catch (OrtException | RuntimeException e) {
        close();
        throw e;
      }
      inputs =
          Map.of(
              INPUT_SAMPLE, tensors[0],
              INPUT_TIMESTEP, tensors[1],
              INPUT_GLYPHS, tensors[2],
              INPUT_TEXT, tensors[3],
              INPUT_TEXT_MASK, tensors[4]);
      pinnedOutputs = Map.of(outputName, tensors[5]);
    }

    @Override
    public void predict(float[] x, float[] t, float[] out) throws DenoiserException {
      if (x.length != sample.capacity() || out.length != output.capacity()) {
        throw new IllegalArgumentException(
            "x and out must have "
                + sample.capacity()
                + " values, got "
                + x.length
                + " and "
                + out.length);
      }
      if (t.length != batch) {
        throw new IllegalArgumentException("t must have " + batch + " values, got " + t.length);
      }
      if (closed) {
        throw new IllegalStateException("UNet " + source + " is closed");
      }
      sample.put(0, x);
      if (timestepLongs != null) {
        for (int b = 0; b < batch; b++) {
          timestepLongs.put(b, Math.round(t[b]));
        }
      } else {
        timestepFloats.put(0, t);
      }
      try (OrtSession.Result result = session.run(inputs, pinnedOutputs)) {
        // ONNX Runtime wrote into the pinned output buffer; the result owns no tensor.
        assert !result.isResultOwner(0);
        output.get(0, out);
      } catch (OrtException e) {
        throw new DenoiserException("UNet " + source + " failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      for (int k = 0; k < tensors.length; k++) {
        if (tensors[k] != null) {
          tensors[k].close();
          tensors[k] = null;
        }
      }
    }
  }

  private static FloatBuffer directFloats(int size) {
    return ByteBuffer.allocateDirect(size * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
  }

  // ---- the I/O contract check ----

  private String where() {
    return "UNet " + source + ": ";
  }

  private void checkNames(Set<String> actual) throws ModelLoadException {
    Set<String> missing = new TreeSet<>(INPUTS);
    missing.removeAll(actual);
    Set<String> unexpected = new TreeSet<>(actual);
    unexpected.removeAll(INPUTS);
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      throw new ModelLoadException(
          where()
              + "its inputs are "
              + new TreeSet<>(actual)
              + " but a Glyphwright UNet takes exactly x, t, cond, text, text_mask"
              + (missing.isEmpty() ? "" : "; missing " + missing)
              + (unexpected.isEmpty() ? "" : "; unexpected " + unexpected)
              + " (see docs/SAMPLING.md)");
    }
  }

  private TensorInfo tensorInfo(Map<String, NodeInfo> infos, String name)
      throws ModelLoadException {
    ValueInfo info = infos.get(name).getInfo();
    if (!(info instanceof TensorInfo)) {
      throw new ModelLoadException(where() + "'" + name + "' is not a tensor: " + info);
    }
    return (TensorInfo) info;
  }

  private long[] tensor(Map<String, NodeInfo> infos, String name, int rank, OnnxJavaType type)
      throws ModelLoadException {
    TensorInfo info = tensorInfo(infos, name);
    if (info.type != type || info.getShape().length != rank) {
      throw new ModelLoadException(
          where()
              + "'"
              + name
              + "' must be "
              + typeName(type)
              + " of rank "
              + rank
              + ", it is "
              + describe(info));
    }
    return info.getShape();
  }

  private void expectDim(String name, long[] shape, int axis, int expected, String meaning)
      throws ModelLoadException {
    if (shape[axis] != -1 && shape[axis] != expected) {
      throw new ModelLoadException(
          where()
              + "axis "
              + axis
              + " of '"
              + name
              + "' is "
              + shape[axis]
              + " but the model package says "
              + meaning
              + " = "
              + expected
              + " (shape "
              + Arrays.toString(shape)
              + ")");
    }
  }

  private long agree(String axis, long... dims) throws ModelLoadException {
    long fixed = -1;
    for (long dim : dims) {
      if (dim > 0) {
        if (fixed > 0 && fixed != dim) {
          throw new ModelLoadException(
              where()
                  + "x, cond and the output disagree on their "
                  + axis
                  + ": "
                  + Arrays.toString(dims));
        }
        fixed = dim;
      }
    }
    return fixed;
  }

  private static String describe(TensorInfo info) {
    return typeName(info.type) + " " + Arrays.toString(info.getShape());
  }

  private static String typeName(OnnxJavaType type) {
    switch (type) {
      case FLOAT:
        return "float32";
      case INT64:
        return "int64";
      case DOUBLE:
        return "float64";
      default:
        return type.toString().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
