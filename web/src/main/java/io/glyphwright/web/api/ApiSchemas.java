package io.glyphwright.web.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The request bodies as the OpenAPI description shows them. The controllers read bodies strictly
 * through {@link JsonRequest} (so that each mistake gets its own problem); these records only
 * describe them.
 */
final class ApiSchemas {
  private ApiSchemas() {}

  @Schema(description = "What to plan a layout for")
  record LayoutRequest(
      @Schema(
              description = "The image description; quote the texts to show",
              example = "A poster that says 'SUMMER SALE' and '50% OFF'",
              requiredMode = Schema.RequiredMode.REQUIRED)
          String prompt,
      @Schema(example = "512", requiredMode = Schema.RequiredMode.REQUIRED) int width,
      @Schema(example = "768", requiredMode = Schema.RequiredMode.REQUIRED) int height,
      @Schema(
              description =
                  "auto (default: the layout LM when installed, else heuristic), heuristic, lm, or"
                      + " llm (an external LLM configured by GLYPHWRIGHT_LLM_*)",
              example = "auto")
          String planner) {}

  @Schema(description = "A layout to render")
  record GlyphRequest(
      @Schema(
              description =
                  "Layout JSON: {width,height,grid:128,lines:[{text,box:[l,t,r,b],font,color}]}",
              requiredMode = Schema.RequiredMode.REQUIRED)
          Object layout) {}

  @Schema(description = "An image generation request")
  record ImageRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "A poster that says 'OPEN'")
          String prompt,
      @Schema(description = "Layout JSON; planned from the prompt when absent") Object layout,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "512") int width,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "512") int height,
      @Schema(example = "auto") String planner,
      @Schema(example = "30") Integer steps,
      @Schema(example = "42") Long seed,
      @Schema(
              example = "3.0",
              defaultValue = "3.0",
              description =
                  "the classifier-free guidance scale, 0 to glyphwright.limits.max-guidance;"
                      + " default 3, the generator's measured setting (with promptGuidance 2 in"
                      + " mode glyphs)")
          Double guidance,
      @Schema(example = "ddim") String scheduler,
      @Schema(
              example = "glyphs",
              allowableValues = {"text", "text+glyphs", "glyphs"},
              defaultValue = "glyphs",
              description =
                  "what the unconditional pass of guidance leaves out: glyphs (the default;"
                      + " the glyphs guided as with text+glyphs, the prompt's effect taken once, so"
                      + " its colours come out as asked; three network passes instead of two, about"
                      + " 1.5x the time), text+glyphs (the prompt and the glyph channels; sharp"
                      + " ink, but the prompt's colours pushed further, saturated or changed) or"
                      + " text (the prompt only; the text reads far worse)")
          String guidanceMode,
      @Schema(
              example = "2.0",
              defaultValue = "2.0",
              minimum = "0",
              maximum = "30",
              description =
                  "guidance mode glyphs only (else it must be 1): the scale of the prompt's"
                      + " part, u + g(u_g - u) + s_p(c - u_g) with g = guidance; 1 takes it once."
                      + " Default 2 in mode glyphs (with guidance 3 it reads better and follows a"
                      + " colour the prompt names more often than 1 with guidance 5), 1 in the"
                      + " other modes")
          Double promptGuidance,
      @Schema(example = "1") Integer n,
      @Schema(
              example = "1",
              description = "candidates per image; the one PP-OCR reads best is kept")
          Integer bestOf) {}

  @Schema(description = "One item of a batch")
  record BatchItemRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "A poster that says 'SALE'")
          String prompt,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "512") int width,
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "512") int height) {}

  @Schema(
      description =
          "A batch of layout + glyph mask items; with a diffusion model each item's image is"
              + " generated too, with the sampling fields checked and defaulted as for"
              + " POST /v1/images")
  record BatchRequest(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<BatchItemRequest> items,
      @Schema(example = "auto", description = "the planner for every item") String planner,
      @Schema(
              example = "42",
              description =
                  "0 to 2^53-1; item k is generated from seed + k - 1 (random when absent, and"
                      + " reported in the result)")
          Long seed,
      @Schema(example = "20", defaultValue = "20") Integer steps,
      @Schema(example = "3.0", defaultValue = "3.0") Double guidance,
      @Schema(
              example = "dpm++2m",
              description = "one of glyphwright.limits.schedulers; the first is the default")
          String scheduler,
      @Schema(
              example = "glyphs",
              allowableValues = {"text", "text+glyphs", "glyphs"},
              defaultValue = "glyphs",
              description =
                  "what the unconditional pass of guidance leaves out, as for POST /v1/images")
          String guidanceMode,
      @Schema(
              example = "2.0",
              defaultValue = "2.0",
              minimum = "0",
              maximum = "30",
              description =
                  "the scale of the prompt's part in guidance mode glyphs, as for POST"
                      + " /v1/images: default 2 in mode glyphs, 1 in the others (which accept"
                      + " only 1)")
          Double promptGuidance) {}
}
