package io.glyphwright.layout;

/**
 * A prompt that no planner can work from (empty, or longer than {@link
 * RequestedTexts#MAX_PROMPT_LENGTH}). The message says what to change; a service maps it to 400.
 */
public class PromptException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PromptException(String message) {
    super(message);
  }
}
