package io.glyphwright.web.api;

import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.diffusion.sampling.SampleRequest;
import io.glyphwright.diffusion.sampling.SamplingLimits;
import io.glyphwright.web.config.GlyphwrightProperties;
import io.glyphwright.web.generation.GenerationRequest;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The sampling fields that {@code POST /v1/images} and {@code POST /v1/batches} share: {@code
 * steps}, {@code seed}, {@code guidance}, {@code scheduler}, {@code guidanceMode} and {@code
 * promptGuidance}, read from a JSON body or a multipart form and checked in one place, with the
 * same defaults, limits and problem types for both.
 *
 * @param steps sampling steps, 1 to {@code glyphwright.limits.max-steps}
 * @param seed the given seed, 0 to {@link #MAX_SEED}, or null for a random one ({@link #seedOr})
 * @param guidance the guidance scale, 0 to {@code glyphwright.limits.max-guidance}
 * @param scheduler the scheduler's canonical name, one of {@code glyphwright.limits.schedulers}
 * @param guidanceMode what the unconditional pass of guidance leaves out
 * @param promptGuidance the scale of the prompt's part in the glyphs mode, 0 to 30 ({@link
 *     SampleRequest#checkPromptGuidance}); 1 in the other modes
 */
record Sampling(
    int steps,
    Long seed,
    double guidance,
    String scheduler,
    GuidanceMode guidanceMode,
    double promptGuidance) {
  /** Largest seed: 2^53 - 1, so that JavaScript clients keep it exact. */
  static final long MAX_SEED = (1L << 53) - 1;

  /** The generator's steps: the sampler's default. */
  static final int DEFAULT_STEPS = SampleRequest.DEFAULT_STEPS;

  /**
   * The generator's measured guidance scale (docs/MODELS.md), diffusion-service's {@link
   * io.glyphwright.diffusion.generate.GenerationRequest#DEFAULT_GUIDANCE}, not the low-level
   * sampler's.
   */
  static final double DEFAULT_GUIDANCE =
      io.glyphwright.diffusion.generate.GenerationRequest.DEFAULT_GUIDANCE;

  private static final String PROMPT_GUIDANCE_HINT =
      "the prompt's guidance scale in guidance mode "
          + GuidanceMode.GLYPHS.id()
          + ", "
          + SamplingLimits.MIN_GUIDANCE
          + " to "
          + SamplingLimits.MAX_GUIDANCE;

  /** The scheduler when none is named and none is configured: the sampler's default. */
  static final String FALLBACK_SCHEDULER = SampleRequest.DEFAULT_SCHEDULER.id();

  /** The field names, as a request's known fields. */
  static final List<String> FIELDS =
      List.of("steps", "seed", "guidance", "scheduler", "guidanceMode", "promptGuidance");

  /** The fields of a JSON body (each must have its JSON type). */
  static Sampling read(JsonRequest r, GlyphwrightProperties.Limits limits) {
    return of(
        r.optionalInt("steps", "sampling steps"),
        r.optionalLong("seed", seedHint()),
        r.optionalNumber("guidance", "the guidance scale"),
        r.optionalString("scheduler", "a scheduler name"),
        r.optionalString("guidanceMode", "one of " + String.join(", ", GuidanceMode.ids())),
        r.optionalNumber("promptGuidance", PROMPT_GUIDANCE_HINT),
        limits);
  }

  /** The fields of a multipart form (each a plain text field, numbers in decimal). */
  static Sampling read(Multipart form, GlyphwrightProperties.Limits limits) {
    return of(
        form.intField("steps", "sampling steps"),
        form.longField("seed", seedHint()),
        form.numberField("guidance", "the guidance scale"),
        form.field("scheduler"),
        form.field("guidanceMode"),
        form.numberField("promptGuidance", PROMPT_GUIDANCE_HINT),
        limits);
  }

  /**
   * Checks the fields (null where absent) against the limits and fills in the defaults: {@value
   * #DEFAULT_STEPS} steps, guidance {@value #DEFAULT_GUIDANCE}, the first configured scheduler,
   * {@link GenerationRequest#DEFAULT_GUIDANCE_MODE}, the mode's prompt guidance ({@link
   * io.glyphwright.diffusion.generate.GenerationRequest#defaultPromptGuidance}: 2 in glyphs, 1 in
   * the other modes); the seed stays null when absent. A given prompt guidance is checked against
   * the guidance mode by {@link SampleRequest#checkPromptGuidance}, whose message is the problem's
   * detail.
   */
  static Sampling of(
      Integer stepsField,
      Long seedField,
      Double guidanceField,
      String schedulerName,
      String guidanceModeName,
      Double promptGuidanceField,
      GlyphwrightProperties.Limits limits) {
    int steps = stepsField == null ? DEFAULT_STEPS : stepsField;
    JsonRequest.inRange("steps", steps, 1, limits.maxSteps(), "", "glyphwright.limits.max-steps");
    if (seedField != null && (seedField < 0 || seedField > MAX_SEED)) {
      throw ApiProblem.field(
          ProblemType.OUT_OF_RANGE,
          "seed",
          "seed "
              + seedField
              + " is out of range: use 0 to "
              + MAX_SEED
              + " (or leave it out for a random one)");
    }
    double guidance = guidanceField == null ? DEFAULT_GUIDANCE : guidanceField;
    if (!(guidance >= 0 && guidance <= limits.maxGuidance())) {
      throw ApiProblem.field(
          ProblemType.OUT_OF_RANGE,
          "guidance",
          "guidance "
              + guidance
              + " is out of range: use 0 to "
              + limits.maxGuidance()
              + " (glyphwright.limits.max-guidance)");
    }
    String scheduler = scheduler(schedulerName, limits.schedulers());
    GuidanceMode mode = guidanceMode(guidanceModeName);
    double promptGuidance =
        promptGuidanceField == null
            ? io.glyphwright.diffusion.generate.GenerationRequest.defaultPromptGuidance(mode)
            : promptGuidanceField;
    try {
      SampleRequest.checkPromptGuidance(promptGuidance, mode);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.field(ProblemType.OUT_OF_RANGE, "promptGuidance", e.getMessage());
    }
    return new Sampling(steps, seedField, guidance, scheduler, mode, promptGuidance);
  }

  /** The given seed, or one drawn from {@code random}. */
  long seedOr(LongSupplier random) {
    return seed != null ? seed : random.getAsLong();
  }

  private static String seedHint() {
    return "0 to " + MAX_SEED;
  }

  /** The default scheduler: the first configured one. */
  static String defaultScheduler(List<String> known) {
    return known.isEmpty() ? FALLBACK_SCHEDULER : known.get(0);
  }

  private static String scheduler(String name, List<String> known) {
    if (name == null || name.isBlank()) {
      return defaultScheduler(known);
    }
    String key = name.strip().toLowerCase(Locale.ROOT);
    for (String s : known) {
      if (s.equalsIgnoreCase(key)) {
        return s;
      }
    }
    throw ApiProblem.field(
        ProblemType.UNKNOWN_SCHEDULER,
        "scheduler",
        "unknown scheduler '"
            + name
            + "': use one of "
            + known
            + " (glyphwright.limits.schedulers)");
  }

  private static GuidanceMode guidanceMode(String name) {
    if (name == null || name.isBlank()) {
      return GenerationRequest.DEFAULT_GUIDANCE_MODE;
    }
    try {
      return GuidanceMode.lookup(name);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.field(
          ProblemType.UNKNOWN_GUIDANCE_MODE,
          "guidanceMode",
          "unknown guidance mode '"
              + name
              + "': use one of "
              + GuidanceMode.ids()
              + " (default "
              + GenerationRequest.DEFAULT_GUIDANCE_MODE.id()
              + ")");
    }
  }
}
