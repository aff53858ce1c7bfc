package io.glyphwright.diffusion.generate;

import io.glyphwright.core.Layout;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.diffusion.sampling.SampleRequest;
import io.glyphwright.diffusion.sampling.SchedulerKind;
import java.util.Objects;

/**
 * One generation: the prompt, the layout already planned for it (its canvas is the image size), and
 * how to sample. The compact constructor checks every range and names the limit it breaks; the
 * scheduler name is looked up forgivingly ({@link SchedulerKind#lookup}) and kept in its canonical
 * form. What only the model can tell (the canvas size) is checked by {@link Generator#generate}.
 *
 * @param prompt what the image shows; at most {@value #MAX_PROMPT_CHARS} characters, may be empty
 *     (no prompt)
 * @param layout where the text goes; its width and height are the image size
 * @param steps sampling steps, {@value #MIN_STEPS}..{@value #MAX_STEPS}
 * @param guidance classifier-free guidance scale, 0..30 (1 = conditional pass only; the generator's
 *     default is {@link #DEFAULT_GUIDANCE})
 * @param scheduler the scheduler's name ({@code ddpm}, {@code ddim}, {@code dpm++2m}, {@code
 *     euler_a})
 * @param seed the seed; image {@code i} of candidate {@code k} uses {@link #seedOf seed + k·n + i}
 * @param n images wanted, {@value #MIN_IMAGES}..{@value #MAX_IMAGES}
 * @param bestOf candidates sampled per image, the best kept, {@value #MIN_BEST_OF}..{@value
 *     #MAX_BEST_OF}
 * @param guidanceMode what the unconditional pass of guidance leaves out; null means {@link
 *     #DEFAULT_GUIDANCE_MODE}
 * @param promptGuidance the scale of the prompt's part in {@link GuidanceMode#GLYPHS}, 0..30
 *     ({@code u + g·(u_g − u) + s_p·(c − u_g)}; 1 takes it once; {@link #defaultPromptGuidance}
 *     when not given); must be 1 in the other modes
 */
public record GenerationRequest(
    String prompt,
    Layout layout,
    int steps,
    double guidance,
    String scheduler,
    long seed,
    int n,
    int bestOf,
    GuidanceMode guidanceMode,
    double promptGuidance) {

  public static final int MAX_PROMPT_CHARS = 1000;
  public static final int MIN_STEPS = 1;
  public static final int MAX_STEPS = 200;
  public static final double MIN_GUIDANCE = 0.0;
  public static final double MAX_GUIDANCE = 30.0;
  public static final int MIN_IMAGES = 1;
  public static final int MAX_IMAGES = 8;
  public static final int MIN_BEST_OF = 1;
  public static final int MAX_BEST_OF = 16;

  /**
   * Guidance on the glyphs, the prompt taken once ({@link GuidanceMode#GLYPHS}): the glyphs are
   * guided as with {@link GuidanceMode#TEXT_AND_GLYPHS}, which reads far better than guidance on
   * the prompt alone, while a colour the prompt names comes out as the model predicts it instead of
   * being pushed {@code guidance} times further, which saturates or changes it (docs/MODELS.md,
   * "Prompt adherence: colour"). Costs one network pass more (about 1.5× the sampling time).
   */
  public static final GuidanceMode DEFAULT_GUIDANCE_MODE = GuidanceMode.GLYPHS;

  /**
   * The generator's guidance scale: 3 on the glyphs with the prompt's part at {@link
   * #DEFAULT_PROMPT_GUIDANCE} reads better than 5 with the prompt taken once (dev prompts 0.949
   * against 0.897; the colour prompts' texts 97.9 % against 77.1 %) and follows the colours more
   * often on average (docs/MODELS.md, "The defaults: guidance 3, prompt 2"). The low-level sampler
   * keeps {@link SampleRequest#DEFAULT_GUIDANCE}.
   */
  public static final double DEFAULT_GUIDANCE = 3.0;

  /**
   * The prompt's scale in {@link GuidanceMode#GLYPHS} when none is given: 2 undoes part of the
   * prompt path's pull towards grey (docs/GENERATION.md). The other modes take 1.
   */
  public static final double DEFAULT_PROMPT_GUIDANCE = 2.0;

  /**
   * @throws IllegalArgumentException naming the value out of range and its range, or the unknown
   *     scheduler and the known ones
   */
  public GenerationRequest {
    if (prompt == null) {
      throw new IllegalArgumentException("prompt is required (\"\" for none)");
    }
    if (prompt.length() > MAX_PROMPT_CHARS) {
      throw new IllegalArgumentException(
          "prompt must be at most " + MAX_PROMPT_CHARS + " characters, got " + prompt.length());
    }
    if (layout == null) {
      throw new IllegalArgumentException("layout is required (plan one first)");
    }
    range("steps", steps, MIN_STEPS, MAX_STEPS);
    if (!(guidance >= MIN_GUIDANCE && guidance <= MAX_GUIDANCE)) {
      throw new IllegalArgumentException(
          "guidance must be " + MIN_GUIDANCE + ".." + MAX_GUIDANCE + ", got " + guidance);
    }
    scheduler = SchedulerKind.lookup(scheduler).id();
    range("n (images)", n, MIN_IMAGES, MAX_IMAGES);
    range("bestOf (candidates per image)", bestOf, MIN_BEST_OF, MAX_BEST_OF);
    if (guidanceMode == null) {
      guidanceMode = DEFAULT_GUIDANCE_MODE;
    }
    SampleRequest.checkPromptGuidance(promptGuidance, guidanceMode);
  }

  /**
   * A request with the prompt's part taken once ({@link SampleRequest#DEFAULT_PROMPT_GUIDANCE}).
   */
  public GenerationRequest(
      String prompt,
      Layout layout,
      int steps,
      double guidance,
      String scheduler,
      long seed,
      int n,
      int bestOf,
      GuidanceMode guidanceMode) {
    this(
        prompt,
        layout,
        steps,
        guidance,
        scheduler,
        seed,
        n,
        bestOf,
        guidanceMode,
        defaultPromptGuidance(guidanceMode));
  }

  /**
   * The prompt guidance a request in {@code mode} (null: {@link #DEFAULT_GUIDANCE_MODE}) gets when
   * none is given: {@link #DEFAULT_PROMPT_GUIDANCE} in {@link GuidanceMode#GLYPHS}, 1 in the modes
   * that guide the prompt by {@code guidance} itself.
   */
  public static double defaultPromptGuidance(GuidanceMode mode) {
    GuidanceMode m = mode == null ? DEFAULT_GUIDANCE_MODE : mode;
    return m == GuidanceMode.GLYPHS
        ? DEFAULT_PROMPT_GUIDANCE
        : SampleRequest.DEFAULT_PROMPT_GUIDANCE;
  }

  /**
   * A request with the generator's defaults: {@value SampleRequest#DEFAULT_STEPS} steps, guidance
   * {@value #DEFAULT_GUIDANCE} in mode {@link #DEFAULT_GUIDANCE_MODE} (on the glyphs) with prompt
   * guidance {@value #DEFAULT_PROMPT_GUIDANCE}, DPM-Solver++(2M), one image, one candidate.
   */
  public static GenerationRequest of(String prompt, Layout layout, long seed) {
    return new GenerationRequest(
        prompt,
        layout,
        SampleRequest.DEFAULT_STEPS,
        DEFAULT_GUIDANCE,
        SampleRequest.DEFAULT_SCHEDULER.id(),
        seed,
        1,
        1,
        DEFAULT_GUIDANCE_MODE);
  }

  public GenerationRequest withSteps(int newSteps) {
    return new GenerationRequest(
        prompt,
        layout,
        newSteps,
        guidance,
        scheduler,
        seed,
        n,
        bestOf,
        guidanceMode,
        promptGuidance);
  }

  public GenerationRequest withGuidance(double newGuidance) {
    return new GenerationRequest(
        prompt,
        layout,
        steps,
        newGuidance,
        scheduler,
        seed,
        n,
        bestOf,
        guidanceMode,
        promptGuidance);
  }

  public GenerationRequest withScheduler(String newScheduler) {
    return new GenerationRequest(
        prompt,
        layout,
        steps,
        guidance,
        newScheduler,
        seed,
        n,
        bestOf,
        guidanceMode,
        promptGuidance);
  }

  public GenerationRequest withSeed(long newSeed) {
    return new GenerationRequest(
        prompt,
        layout,
        steps,
        guidance,
        scheduler,
        newSeed,
        n,
        bestOf,
        guidanceMode,
        promptGuidance);
  }

  public GenerationRequest withN(int newN) {
    return new GenerationRequest(
        prompt,
        layout,
        steps,
        guidance,
        scheduler,
        seed,
        newN,
        bestOf,
        guidanceMode,
        promptGuidance);
  }

  public GenerationRequest withBestOf(int newBestOf) {
    return new GenerationRequest(
        prompt,
        layout,
        steps,
        guidance,
        scheduler,
        seed,
        n,
        newBestOf,
        guidanceMode,
        promptGuidance);
  }

  /**
   * This request in another mode. A prompt guidance that is the current mode's default becomes the
   * new mode's default; one the caller chose is kept (and refused if the new mode takes none).
   */
  public GenerationRequest withGuidanceMode(GuidanceMode newMode) {
    double p =
        promptGuidance == defaultPromptGuidance(guidanceMode)
            ? defaultPromptGuidance(newMode)
            : promptGuidance;
    return new GenerationRequest(
        prompt, layout, steps, guidance, scheduler, seed, n, bestOf, newMode, p);
  }

  public GenerationRequest withPromptGuidance(double newPromptGuidance) {
    return new GenerationRequest(
        prompt,
        layout,
        steps,
        guidance,
        scheduler,
        seed,
        n,
        bestOf,
        guidanceMode,
        newPromptGuidance);
  }

  /** The scheduler as an enum. */
  public SchedulerKind schedulerKind() {
    return SchedulerKind.lookup(scheduler);
  }

  /**
   * The seed of image {@code image} ({@code 0..n−1}) of candidate {@code candidate} ({@code
   * 0..bestOf−1}): {@code seed + candidate·n + image} (wrapping around at 2⁶⁴). Every image is
   * sampled alone from its own seed, so {@code withSeed(seedOf(k, i)).withN(1).withBestOf(1)} makes
   * the very same pixels again.
   */
  public long seedOf(int candidate, int image) {
    Objects.checkIndex(candidate, bestOf);
    Objects.checkIndex(image, n);
    return seed + (long) candidate * n + image;
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
