package io.glyphwright.layout.llm;

import java.util.Locale;

/** The chat APIs {@link LlmPlanner} speaks. */
public enum LlmProvider {
  /**
   * The OpenAI chat completions API ({@code POST <base>/chat/completions}), which OpenAI and most
   * self-hosted servers (vLLM, llama.cpp's server, LM Studio, LocalAI) offer.
   */
  OPENAI("openai", "gpt-4o-mini"),
  /** Ollama's own API ({@code POST <base>/api/chat}). */
  OLLAMA("ollama", "llama3.1");

  private final String id;
  private final String defaultModel;

  LlmProvider(String id, String defaultModel) {
    this.id = id;
    this.defaultModel = defaultModel;
  }

  /** The name configuration uses: {@code openai} or {@code ollama}. */
  public String id() {
    return id;
  }

  /** The model asked for when none is configured. */
  public String defaultModel() {
    return defaultModel;
  }

  /**
   * The provider called {@code name}, case and surrounding spaces ignored.
   *
   * @throws IllegalArgumentException naming the providers that exist
   */
  public static LlmProvider lookup(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (LlmProvider p : values()) {
      if (p.id.equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown LLM provider '" + name + "': use openai (any OpenAI-compatible server) or ollama");
  }
}
