package io.glyphwright.eval.fidelity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a text-fidelity run measured, as {@code metrics.json} records it.
 *
 * @param prompts where the prompts came from (a file path, or a label)
 * @param source the image source ({@link ImageSource#name()})
 * @param judge the OCR engine's name
 * @param planner the planner's name ({@code --planner auto} resolves to the planner it picks); each
 *     sample names the one that answered
 * @param seeds samples per prompt
 * @param width canvas width in pixels
 * @param height canvas height in pixels
 * @param sourceSettings what the source says about itself ({@link ImageSource#settings()}): model
 *     name and sha256 and sampler settings for a generator, empty for the mask
 */
public record FidelityConfig(
    String prompts,
    String source,
    String judge,
    String planner,
    int seeds,
    int width,
    int height,
    Map<String, Object> sourceSettings) {
  public FidelityConfig {
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(judge, "judge");
    Objects.requireNonNull(planner, "planner");
    sourceSettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sourceSettings));
  }

  /** A configuration whose source has no settings to record (the mask). */
  public FidelityConfig(
      String prompts,
      String source,
      String judge,
      String planner,
      int seeds,
      int width,
      int height) {
    this(prompts, source, judge, planner, seeds, width, height, Map.of());
  }
}
