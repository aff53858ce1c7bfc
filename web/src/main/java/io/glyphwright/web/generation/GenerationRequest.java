package io.glyphwright.web.generation;

import io.glyphwright.core.Layout;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import java.util.Objects;

/**
 * A checked {@code POST /v1/images} request: every field within the configured limits, the layout
 * (given, or planned from the prompt) valid and rendered once.
 *
 * @param prompt the prompt
 * @param layout the layout the glyph masks come from
 * @param planner the planner that made the layout, or {@code given}
 * @param steps sampling steps
 * @param seed the seed of the first image; image {@code i} of candidate {@code k} uses {@code seed
 *     + k·n + i}
 * @param guidance classifier-free guidance scale
 * @param scheduler the scheduler's canonical name
 * @param n how many images
 * @param bestOf candidates sampled per image, the one the OCR check reads best kept
 * @param guidanceMode what the unconditional pass of guidance leaves out; null means {@link
 *     #DEFAULT_GUIDANCE_MODE}
 * @param promptGuidance the scale of the prompt's part in guidance mode glyphs ({@code u + g·(u_g −
 *     u) + s_p·(c − u_g)}; 1 takes it once), 1 in the other modes; the API's default for a mode is
 *     diffusion-service's {@link
 *     io.glyphwright.diffusion.generate.GenerationRequest#defaultPromptGuidance}
 */
public record GenerationRequest(
    String prompt,
    Layout layout,
    String planner,
    int steps,
    long seed,
    double guidance,
    String scheduler,
    int n,
    int bestOf,
    GuidanceMode guidanceMode,
    double promptGuidance) {
  /** The guidance mode when a request names none: diffusion-service's default, glyphs. */
  public static final GuidanceMode DEFAULT_GUIDANCE_MODE =
      io.glyphwright.diffusion.generate.GenerationRequest.DEFAULT_GUIDANCE_MODE;

  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(scheduler, "scheduler");
    if (guidanceMode == null) {
      guidanceMode = DEFAULT_GUIDANCE_MODE;
    }
  }
}
