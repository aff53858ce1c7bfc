package io.glyphwright.layout;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.LayoutLimits;
import java.util.Objects;

/**
 * What to plan: the prompt, the canvas it is for, and the limits the layout must obey.
 *
 * <p>The prompt is checked here, so that a request that exists can be planned: it must hold a
 * visible character and at most {@link RequestedTexts#MAX_PROMPT_LENGTH} characters.
 *
 * @throws PromptException when the prompt is empty or too long
 */
public record PlanRequest(String prompt, Canvas canvas, LayoutLimits limits) {
  public PlanRequest {
    RequestedTexts.checkPrompt(prompt);
    Objects.requireNonNull(canvas, "canvas");
    Objects.requireNonNull(limits, "limits");
  }

  /** A request under {@link LayoutLimits#DEFAULT}. */
  public PlanRequest(String prompt, Canvas canvas) {
    this(prompt, canvas, LayoutLimits.DEFAULT);
  }
}
