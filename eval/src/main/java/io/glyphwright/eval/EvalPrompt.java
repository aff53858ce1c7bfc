package io.glyphwright.eval;

import java.util.List;
import java.util.Objects;

/**
 * One line of a prompt file.
 *
 * @param id unique within the file; names the sample in every output
 * @param prompt what the generator is asked for
 * @param texts the exact strings that must appear in the image, at least one
 * @param lang the group the prompt is counted in
 */
public record EvalPrompt(String id, String prompt, List<String> texts, Language lang) {
  public EvalPrompt {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(lang, "lang");
    texts = List.copyOf(texts);
  }
}
