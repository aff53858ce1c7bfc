package io.glyphwright.layout.lm;

/**
 * A loaded layout model that scores next tokens: {@link LayoutLm} on DJL (what the trainer uses) or
 * {@link OrtLayoutLm} on ONNX Runtime (what the planner runs by default). Thread-safe: each decoded
 * layout uses its own {@link ScoringSession}.
 */
interface LayoutScorer extends AutoCloseable {
  LayoutLmConfig config();

  /** A session with an empty key/value cache. */
  ScoringSession newSession();

  @Override
  void close();

  /** One sequence being decoded: its key/value cache and how far it has got. */
  interface ScoringSession extends AutoCloseable {
    /**
     * Feeds tokens at the next positions and returns the logits for the token after the last of
     * them.
     *
     * @throws IllegalArgumentException when none are given or they overrun the model's positions
     */
    float[] feed(int... tokens);

    /** Tokens fed so far. */
    int length();

    @Override
    void close();
  }
}
