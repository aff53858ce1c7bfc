package io.glyphwright.eval.fidelity;

import java.util.Locale;

/** The timed stages of one sample, in pipeline order. */
public enum Stage {
  PLAN,
  RENDER,
  GENERATE,
  JUDGE;

  /** The name used in {@code metrics.json} and {@code samples.jsonl}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
