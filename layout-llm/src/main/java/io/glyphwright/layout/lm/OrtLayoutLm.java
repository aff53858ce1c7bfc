package io.glyphwright.layout.lm;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The layout model on ONNX Runtime (CPU): the weights exported by {@link LayoutLmOnnx} at load time
 * (no second file to keep in step), one {@link OrtSession} shared by all decoding sessions, one
 * intra-op and one inter-op thread. The key/value cache lives in Java arrays between calls.
 *
 * <p>Checks the graph's inputs and outputs when built, so that a wrong graph fails at load, not
 * mid-request. Refuses use after {@link #close()}.
 */
final class OrtLayoutLm implements LayoutScorer {
  private static final float MASKED = -1e9f;

  private final LayoutLmConfig config;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private volatile boolean closed;

  private OrtLayoutLm(
      LayoutLmConfig config,
      OrtEnvironment env,
      OrtSession.SessionOptions options,
      OrtSession session) {
    this.config = config;
    this.env = env;
    this.options = options;
    this.session = session;
  }

  /**
   * Exports the weights to ONNX and opens a session on them.
   *
   * @throws IllegalArgumentException when the weights do not fit the config
   * @throws IllegalStateException when ONNX Runtime cannot load the graph
   */
  static OrtLayoutLm load(LayoutLmConfig config, Map<String, Tensor> weights) {
    byte[] onnx = LayoutLmOnnx.export(config, weights);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = env.createSession(onnx, options);
      checkContract(config, session);
      return new OrtLayoutLm(config, env, options, session);
    } catch (OrtException e) {
      options.close();
      throw new IllegalStateException("ONNX Runtime cannot load the layout model: " + e, e);
    } catch (RuntimeException e) {
      options.close();
      throw e;
    }
  }

  private static void checkContract(LayoutLmConfig c, OrtSession s) throws OrtException {
    Set<String> inputs = s.getInputNames();
    for (String name : LayoutLmOnnx.pastNames(c.layers())) {
      if (!inputs.contains(name)) {
        throw new IllegalStateException("the layout model graph lacks input " + name);
      }
    }
    for (String name : new String[] {"tokens", "positions", "mask"}) {
      if (!inputs.contains(name)) {
        throw new IllegalStateException("the layout model graph lacks input " + name);
      }
    }
    NodeInfo logits = s.getOutputInfo().get("logits");
    if (logits == null
        || !(logits.getInfo() instanceof TensorInfo t)
        || t.getShape().length != 1
        || t.getShape()[0] != c.vocabSize()) {
      throw new IllegalStateException(
          "the layout model graph's logits output is not [" + c.vocabSize() + "]");
    }
  }

  @Override
  public LayoutLmConfig config() {
    return config;
  }

  @Override
  public ScoringSession newSession() {
    checkOpen();
    return new Session();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        session.close();
      } catch (OrtException e) {
        throw new IllegalStateException("closing the layout model's ONNX session failed", e);
      } finally {
        options.close();
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the layout model is closed");
    }
  }

  /**
   * One sequence. The cache never leaves ONNX Runtime: each call's {@code present_*} outputs are
   * the next call's {@code past_*} inputs, so the result that holds them stays open until the next
   * call has run (or the session closes).
   */
  private final class Session implements ScoringSession {
    private final int layers = config.layers();
    private OrtSession.Result cache;
    private final OnnxTensor empty;
    private int length;
    private boolean sessionClosed;

    Session() {
      try {
        empty =
            OnnxTensor.createTensor(
                env, FloatBuffer.allocate(0), new long[] {config.heads(), 0, config.headDim()});
      } catch (OrtException e) {
        throw new IllegalStateException("cannot create the layout model's empty cache", e);
      }
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public float[] feed(int... tokens) {
      Objects.requireNonNull(tokens, "tokens");
      if (sessionClosed) {
        throw new IllegalStateException("the decoding session is closed");
      }
      checkOpen();
      int n = tokens.length;
      if (n == 0 || n > config.maxLen() - length) {
        throw new IllegalArgumentException(
            "feed 1 to " + (config.maxLen() - length) + " tokens, not " + n);
      }
      int total = length + n;
      long[] ids = new long[n];
      long[] pos = new long[n];
      float[] mask = new float[n * total];
      for (int i = 0; i < n; i++) {
        ids[i] = tokens[i];
        pos[i] = length + i;
        for (int j = length + i + 1; j < total; j++) {
          mask[i * total + j] = MASKED;
        }
      }
      Map<String, OnnxTensor> in = new HashMap<>();
      Map<String, OnnxTensor> owned = new HashMap<>();
      try {
        owned.put("tokens", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {n}));
        owned.put("positions", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[] {n}));
        owned.put(
            "mask", OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {n, total}));
        in.putAll(owned);
        for (int l = 0; l < layers; l++) {
          in.put("past_k_" + l, past("present_k_" + l));
          in.put("past_v_" + l, past("present_v_" + l));
        }
        OrtSession.Result out = session.run(in);
        float[] logits;
        try {
          FloatBuffer b = ((OnnxTensor) out.get("logits").orElseThrow()).getFloatBuffer();
          logits = new float[b.remaining()];
          b.get(logits);
        } catch (RuntimeException e) {
          out.close();
          throw e;
        }
        if (cache != null) {
          cache.close();
        }
        cache = out;
        length = total;
        return logits;
      } catch (OrtException e) {
        throw new IllegalStateException("the layout model failed on ONNX Runtime: " + e, e);
      } finally {
        owned.values().forEach(OnnxTensor::close);
      }
    }

    private OnnxTensor past(String present) {
      return cache == null ? empty : (OnnxTensor) cache.get(present).orElseThrow();
    }

    @Override
    public void close() {
      if (!sessionClosed) {
        sessionClosed = true;
        if (cache != null) {
          cache.close();
          cache = null;
        }
        empty.close();
      }
    }
  }
}
