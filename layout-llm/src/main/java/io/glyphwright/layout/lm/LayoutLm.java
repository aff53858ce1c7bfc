package io.glyphwright.layout.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A layout language model loaded into DJL (PyTorch engine, CPU): the forward pass shared by the
 * trainer and by decoding, and decoding sessions with a key/value cache.
 *
 * <p>One instance may serve many threads, each with its own {@link Session}; the weights are read,
 * never written. Closing the model frees its native memory; sessions must be closed first.
 */
public final class LayoutLm implements LayoutScorer {
  private static final float LN_EPS = 1e-5f;
  private static final float MASKED = -1e9f;

  private final LayoutLmConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> params;
  private volatile boolean closed;

  private LayoutLm(LayoutLmConfig config, NDManager manager, Map<String, NDArray> params) {
    this.config = config;
    this.manager = manager;
    this.params = params;
  }

  /**
   * Loads weights into the engine.
   *
   * @throws IllegalArgumentException when the weights do not fit the config
   */
  static LayoutLm load(LayoutLmConfig config, Map<String, Tensor> weights) {
    LayoutLmWeights.check(config, weights);
    DjlEngine.configure();
    NDManager manager = NDManager.newBaseManager();
    try {
      Map<String, NDArray> params = new HashMap<>();
      for (Map.Entry<String, Tensor> e : weights.entrySet()) {
        params.put(e.getKey(), toArray(manager, e.getValue()));
      }
      return new LayoutLm(config, manager, params);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  static NDArray toArray(NDManager manager, Tensor t) {
    long[] shape = new long[t.shape().length];
    int[] s = t.shape();
    for (int i = 0; i < s.length; i++) {
      shape[i] = s[i];
    }
    return manager.create(t.data(), new Shape(shape));
  }

  @Override
  public LayoutLmConfig config() {
    return config;
  }

  /** A new decoding session with an empty key/value cache. */
  @Override
  public Session newSession() {
    checkOpen();
    return new Session();
  }

  /**
   * The logits after the last token of {@code tokens}, computed from scratch with no cache: the
   * reference the cached path is tested against.
   */
  float[] lastLogitsUncached(int[] tokens) {
    checkOpen();
    if (tokens.length == 0 || tokens.length > config.maxLen()) {
      throw new IllegalArgumentException(
          "a sequence has 1 to " + config.maxLen() + " tokens, not " + tokens.length);
    }
    try (NDManager step = manager.newSubManager()) {
      NDArray input = step.create(tokens).reshape(1, tokens.length);
      NDArray hidden = forward(config, params, step, input, 0, null);
      return logitsOfLast(hidden, tokens.length);
    }
  }

  private float[] logitsOfLast(NDArray hidden, int n) {
    NDArray last = hidden.get(new NDIndex("0, {}", n - 1)).reshape(1, config.dModel());
    return Linear.linear(last, params.get("tok_emb"), null).singletonOrThrow().toFloatArray();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      manager.close();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the layout model is closed");
    }
  }

  /** Keys and values of earlier positions, one pair per block, each {@code [B, H, T, dh]}. */
  static final class KvCache {
    final NDArray[] keys;
    final NDArray[] values;

    KvCache(int layers) {
      keys = new NDArray[layers];
      values = new NDArray[layers];
    }

    long length() {
      return keys[0] == null ? 0 : keys[0].getShape().get(2);
    }
  }

  /**
   * The transformer: token ids {@code [B, n]} at positions {@code start..start+n-1} to hidden
   * states {@code [B, n, D]} after the final norm. With a cache, the new keys and values are
   * appended to it (and attached to the cache's arrays' manager by the caller); without one,
   * attention runs over the {@code n} tokens alone. Intermediate arrays belong to {@code m}.
   */
  static NDArray forward(
      LayoutLmConfig c,
      Map<String, NDArray> p,
      NDManager m,
      NDArray tokens,
      int start,
      KvCache cache) {
    long b = tokens.getShape().get(0);
    int n = Math.toIntExact(tokens.getShape().get(1));
    int d = c.dModel();
    int h = c.heads();
    int dh = c.headDim();
    if (start + n > c.maxLen()) {
      throw new IllegalArgumentException(
          "positions up to " + (start + n) + " exceed the model's " + c.maxLen());
    }
    NDArray x =
        Embedding.embedding(
                tokens.toType(DataType.INT64, false), p.get("tok_emb"), SparseFormat.DENSE)
            .singletonOrThrow();
    NDArray pos = p.get("pos_emb").get(m, new NDIndex("{}:{}", start, start + n));
    x = x.add(pos);
    int total = start + n;
    float[] maskValues = new float[n * total];
    for (int i = 0; i < n; i++) {
      for (int j = start + i + 1; j < total; j++) {
        maskValues[i * total + j] = MASKED;
      }
    }
    NDArray mask = m.create(maskValues, new Shape(n, total));
    float scale = (float) (1.0 / Math.sqrt(dh));
    for (int l = 0; l < c.layers(); l++) {
      String pre = "h" + l + ".";
      NDArray a = layerNorm(x, p.get(pre + "ln1.g"), p.get(pre + "ln1.b"), d);
      NDArray qkv =
          Linear.linear(a, p.get(pre + "qkv.w"), p.get(pre + "qkv.b"))
              .singletonOrThrow()
              .reshape(b, n, 3, h, dh)
              .transpose(2, 0, 3, 1, 4);
      NDArray q = qkv.get(0);
      NDArray k = qkv.get(1);
      NDArray v = qkv.get(2);
      if (cache != null) {
        if (cache.keys[l] != null) {
          k = cache.keys[l].concat(k, 2);
          v = cache.values[l].concat(v, 2);
        }
        cache.keys[l] = k;
        cache.values[l] = v;
      }
      NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).muli(scale).addi(mask).softmax(-1);
      NDArray mixed = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, d);
      x =
          x.add(
              Linear.linear(mixed, p.get(pre + "proj.w"), p.get(pre + "proj.b"))
                  .singletonOrThrow());
      NDArray f = layerNorm(x, p.get(pre + "ln2.g"), p.get(pre + "ln2.b"), d);
      f = Linear.linear(f, p.get(pre + "fc.w"), p.get(pre + "fc.b")).singletonOrThrow();
      f = Activation.gelu(f);
      f = Linear.linear(f, p.get(pre + "out.w"), p.get(pre + "out.b")).singletonOrThrow();
      x = x.add(f);
    }
    return layerNorm(x, p.get("lnf.g"), p.get("lnf.b"), d);
  }

  private static NDArray layerNorm(NDArray x, NDArray gain, NDArray bias, int d) {
    return LayerNorm.layerNorm(x, new Shape(d), gain, bias, LN_EPS).singletonOrThrow();
  }

  /**
   * Incremental decoding of one sequence: feed tokens (the prompt at once, then one or more layout
   * tokens at a time) and read the next-token logits. Holds the key/value cache, so each call costs
   * only its new tokens. Not thread-safe; close it when done.
   */
  public final class Session implements ScoringSession {
    private final NDManager sessionManager;
    private final KvCache cache;
    private int length;
    private boolean sessionClosed;

    private Session() {
      sessionManager = manager.newSubManager();
      cache = new KvCache(config.layers());
    }

    /** Tokens fed so far. */
    @Override
    public int length() {
      return length;
    }

    /** Positions left before the model's {@link LayoutLmConfig#maxLen()}. */
    public int remaining() {
      return config.maxLen() - length;
    }

    /**
     * Feeds tokens and returns the logits for the token after the last of them.
     *
     * @throws IllegalArgumentException when no token is given or they would overrun the model's
     *     positions
     */
    @Override
    public float[] feed(int... tokens) {
      Objects.requireNonNull(tokens, "tokens");
      if (sessionClosed) {
        throw new IllegalStateException("the decoding session is closed");
      }
      checkOpen();
      if (tokens.length == 0 || tokens.length > remaining()) {
        throw new IllegalArgumentException(
            "feed 1 to " + remaining() + " tokens, not " + tokens.length);
      }
      try (NDManager step = sessionManager.newSubManager()) {
        NDArray[] oldKeys = cache.keys.clone();
        NDArray[] oldValues = cache.values.clone();
        NDArray input = step.create(tokens).reshape(1, tokens.length);
        NDArray hidden = forward(config, params, step, input, length, cache);
        for (int l = 0; l < config.layers(); l++) {
          cache.keys[l].attach(sessionManager);
          cache.values[l].attach(sessionManager);
          if (oldKeys[l] != null) {
            oldKeys[l].close();
            oldValues[l].close();
          }
        }
        length += tokens.length;
        return logitsOfLast(hidden, tokens.length);
      }
    }

    @Override
    public void close() {
      if (!sessionClosed) {
        sessionClosed = true;
        sessionManager.close();
      }
    }
  }

  /** Arrays the engine holds for this model outside sessions: a test checks that none leak. */
  int managedArrays() {
    return manager.getManagedArrays().size();
  }
}
