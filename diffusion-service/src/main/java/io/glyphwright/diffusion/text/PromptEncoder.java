package io.glyphwright.diffusion.text;

import ai.onnxruntime.OrtException;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import io.glyphwright.diffusion.sampling.TextEmbedding;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds a prompt for the UNet with the pretrained encoder for its language: BGE-small-zh when the
 * prompt holds a CJK ideograph, kana or hangul, else MiniLM.
 *
 * <p><b>Layout of a token.</b> The two encoders' spaces are unrelated (384 and 512 wide), so a
 * token is {@value #WIDTH} wide, the direct sum of both: an English token fills values {@code [0,
 * 384)} and leaves the rest 0, a Chinese token fills {@code [384, 896)}. The UNet's first text
 * layer, one matrix over all {@value #WIDTH} values, is then two separate learned projections to
 * the common width, and no language flag is needed.
 *
 * <p>Encoders load on first use (≈ 1 s for English, ≈ 0.3 s for Chinese). Thread-safe.
 */
public final class PromptEncoder implements AutoCloseable {
  /** Width of one token as the UNet takes it: 384 (MiniLM) + 512 (BGE-small-zh). */
  public static final int WIDTH =
      EncoderModel.MINILM_EN.width() + EncoderModel.BGE_SMALL_ZH.width();

  /** Where a MiniLM token starts inside the {@value #WIDTH} values. */
  public static final int ENGLISH_OFFSET = 0;

  /** Where a BGE-small-zh token starts. */
  public static final int CHINESE_OFFSET = EncoderModel.MINILM_EN.width();

  private final int maxTokens;
  private final int threads;
  private TokenEncoder english;
  private TokenEncoder chinese;
  private boolean closed;

  private PromptEncoder(int maxTokens, int threads) {
    this.maxTokens = maxTokens;
    this.threads = threads;
  }

  /**
   * A prompt encoder returning {@code maxTokens} tokens (cut or padded), running ONNX Runtime on
   * {@code threads} threads.
   */
  public static PromptEncoder create(int maxTokens, int threads) {
    if (maxTokens < 2 || threads < 1) {
      throw new IllegalArgumentException(
          "maxTokens must be ≥ 2 and threads ≥ 1, got " + maxTokens + " and " + threads);
    }
    return new PromptEncoder(maxTokens, threads);
  }

  public int maxTokens() {
    return maxTokens;
  }

  /** The encoder a prompt goes to. */
  public static EncoderModel modelFor(String prompt) {
    return prompt.codePoints().anyMatch(PromptEncoder::isCjk)
        ? EncoderModel.BGE_SMALL_ZH
        : EncoderModel.MINILM_EN;
  }

  /**
   * The prompt's tokens in the {@value #WIDTH}-wide layout, padded to {@code maxTokens}; an empty
   * or blank prompt gives {@link TextEmbedding#none} (the unconditional input).
   *
   * @throws ModelLoadException if the encoder cannot be loaded
   * @throws OrtException if ONNX Runtime fails
   */
  public TextEmbedding encode(String prompt) throws ModelLoadException, OrtException {
    if (prompt == null || prompt.isBlank()) {
      return TextEmbedding.none(maxTokens, WIDTH);
    }
    EncoderModel model = modelFor(prompt);
    List<float[]> tokens = encoder(model).encode(prompt);
    int offset = model == EncoderModel.MINILM_EN ? ENGLISH_OFFSET : CHINESE_OFFSET;
    List<float[]> wide = new ArrayList<>(tokens.size());
    for (float[] token : tokens) {
      float[] w = new float[WIDTH];
      System.arraycopy(token, 0, w, offset, token.length);
      wide.add(w);
    }
    return TextEmbedding.ofTokens(wide, maxTokens, WIDTH);
  }

  private synchronized TokenEncoder encoder(EncoderModel model) throws ModelLoadException {
    if (closed) {
      throw new IllegalStateException("this prompt encoder is closed");
    }
    if (model == EncoderModel.MINILM_EN) {
      if (english == null) {
        english = TokenEncoder.load(model, maxTokens, threads);
      }
      return english;
    }
    if (chinese == null) {
      chinese = TokenEncoder.load(model, maxTokens, threads);
    }
    return chinese;
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      if (english != null) {
        english.close();
      }
    } finally {
      if (chinese != null) {
        chinese.close();
      }
    }
  }

  private static boolean isCjk(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }
}
