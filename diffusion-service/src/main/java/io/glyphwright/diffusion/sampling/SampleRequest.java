package io.glyphwright.diffusion.sampling;

import static io.glyphwright.diffusion.sampling.SamplingLimits.MAX_BATCH_PIXELS;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MAX_GUIDANCE;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MAX_IMAGES;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MAX_SIDE;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MAX_STEPS;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MIN_GUIDANCE;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MIN_IMAGES;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MIN_SIDE;
import static io.glyphwright.diffusion.sampling.SamplingLimits.MIN_STEPS;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One generation: what to paint (glyphs and prompt) and how (size, steps, guidance, scheduler,
 * count, seed). Everything about the result follows from these values and the model, so they are
 * what an image's metadata records. Build with {@link #builder()}: {@code set*} for the required
 * values, {@code opt*} for the rest; {@link Builder#build()} checks the ranges of {@link
 * SamplingLimits}.
 */
public final class SampleRequest {
  /** Steps when none are given. */
  public static final int DEFAULT_STEPS = 20;

  /** Guidance scale when none is given. */
  public static final double DEFAULT_GUIDANCE = 5.0;

  /** The prompt's part taken once in {@link GuidanceMode#GLYPHS}. */
  public static final double DEFAULT_PROMPT_GUIDANCE = 1.0;

  /** Scheduler when none is given. */
  public static final SchedulerKind DEFAULT_SCHEDULER = SchedulerKind.DPM_SOLVER_PP_2M;

  private final int width;
  private final int height;
  private final float[] glyphs;
  private final TextEmbedding prompt;
  private final TextEmbedding negativePrompt;
  private final int steps;
  private final double guidance;
  private final GuidanceMode guidanceMode;
  private final double promptGuidance;
  private final SchedulerKind scheduler;
  private final double eta;
  private final int images;
  private final long seed;

  private SampleRequest(Builder b) {
    this.width = b.width;
    this.height = b.height;
    this.glyphs = b.glyphs;
    this.prompt = b.prompt;
    this.negativePrompt = b.negativePrompt;
    this.steps = b.steps;
    this.guidance = b.guidance;
    this.guidanceMode = b.guidanceMode;
    this.promptGuidance = b.promptGuidance;
    this.scheduler = b.scheduler;
    this.eta = b.eta;
    this.images = b.images;
    this.seed = b.seed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Image width in pixels. */
  public int width() {
    return width;
  }

  /** Image height in pixels. */
  public int height() {
    return height;
  }

  /** The glyph channels {@code [Cg, height, width]} at pixel resolution (not copied). */
  public float[] glyphs() {
    return glyphs;
  }

  /** The prompt. */
  public TextEmbedding prompt() {
    return prompt;
  }

  /** The negative prompt for the unconditional pass; null means no prompt there. */
  public TextEmbedding negativePrompt() {
    return negativePrompt;
  }

  public int steps() {
    return steps;
  }

  /** Classifier-free guidance scale g; 1 runs the conditional pass alone. */
  public double guidance() {
    return guidance;
  }

  public GuidanceMode guidanceMode() {
    return guidanceMode;
  }

  /**
   * The scale of the prompt's part in {@link GuidanceMode#GLYPHS} ({@code s_p} in {@code u + g·(u_g
   * − u) + s_p·(c − u_g)}); 1 takes it once. Always 1 in the other modes.
   */
  public double promptGuidance() {
    return promptGuidance;
  }

  public SchedulerKind scheduler() {
    return scheduler;
  }

  /** DDIM's η (0 for the other schedulers). */
  public double eta() {
    return eta;
  }

  /** Number of images {@code n}. */
  public int images() {
    return images;
  }

  /** The seed everything random is drawn from (chosen at build time when none was given). */
  public long seed() {
    return seed;
  }

  /** Whether the run needs the unconditional pass (any guidance scale but 1). */
  public boolean usesGuidance() {
    return guidance != 1.0 || promptGuidance != 1.0;
  }

  @Override
  public String toString() {
    return "SampleRequest["
        + width
        + "×"
        + height
        + ", "
        + steps
        + " steps "
        + scheduler.id()
        + (eta != 0.0 ? " eta " + eta : "")
        + ", guidance "
        + guidance
        + " ("
        + guidanceMode
        + (promptGuidance != 1.0 ? ", prompt " + promptGuidance : "")
        + "), n "
        + images
        + ", seed "
        + seed
        + "]";
  }

  /**
   * Checks a prompt guidance scale: {@value SamplingLimits#MIN_GUIDANCE}..{@value
   * SamplingLimits#MAX_GUIDANCE}, and 1 unless the mode is {@link GuidanceMode#GLYPHS} (the other
   * modes guide the prompt with the guidance scale itself).
   *
   * @throws IllegalArgumentException saying which
   */
  public static void checkPromptGuidance(double promptGuidance, GuidanceMode mode) {
    if (!(promptGuidance >= MIN_GUIDANCE && promptGuidance <= MAX_GUIDANCE)) {
      throw new IllegalArgumentException(
          "promptGuidance must be "
              + MIN_GUIDANCE
              + ".."
              + MAX_GUIDANCE
              + ", got "
              + promptGuidance);
    }
    if (promptGuidance != 1.0 && mode != GuidanceMode.GLYPHS) {
      throw new IllegalArgumentException(
          "promptGuidance applies to guidance mode "
              + GuidanceMode.GLYPHS.id()
              + " only ("
              + mode.id()
              + " guides the prompt by guidance); got "
              + promptGuidance
              + " with "
              + mode.id());
    }
  }

  /** Collects a request's values; {@link #build()} checks them. */
  public static final class Builder {
    private int width;
    private int height;
    private float[] glyphs;
    private TextEmbedding prompt;
    private TextEmbedding negativePrompt;
    private int steps = DEFAULT_STEPS;
    private double guidance = DEFAULT_GUIDANCE;
    private GuidanceMode guidanceMode = GuidanceMode.TEXT;
    private double promptGuidance = DEFAULT_PROMPT_GUIDANCE;
    private SchedulerKind scheduler = DEFAULT_SCHEDULER;
    private double eta;
    private int images = 1;
    private Long seed;

    private Builder() {}

    /** Required: the image size in pixels. */
    public Builder setSize(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Required: the glyph channels {@code [Cg, height, width]}, values in [0, 1] (1 = ink). */
    public Builder setGlyphs(float[] glyphs) {
      this.glyphs = glyphs;
      return this;
    }

    /** Required: the prompt embedding. */
    public Builder setPrompt(TextEmbedding prompt) {
      this.prompt = prompt;
      return this;
    }

    /** The unconditional pass's prompt (default: none). */
    public Builder optNegativePrompt(TextEmbedding negativePrompt) {
      this.negativePrompt = negativePrompt;
      return this;
    }

    /** Default {@link SampleRequest#DEFAULT_STEPS}. */
    public Builder optSteps(int steps) {
      this.steps = steps;
      return this;
    }

    /** Default {@link SampleRequest#DEFAULT_GUIDANCE}. */
    public Builder optGuidance(double guidance) {
      this.guidance = guidance;
      return this;
    }

    /** Default {@link GuidanceMode#TEXT}. */
    public Builder optGuidanceMode(GuidanceMode guidanceMode) {
      this.guidanceMode = Objects.requireNonNull(guidanceMode, "guidanceMode");
      return this;
    }

    /**
     * The prompt's scale in {@link GuidanceMode#GLYPHS}, {@value
     * SamplingLimits#MIN_GUIDANCE}..{@value SamplingLimits#MAX_GUIDANCE}; default {@value
     * SampleRequest#DEFAULT_PROMPT_GUIDANCE}. Other modes take 1.
     */
    public Builder optPromptGuidance(double promptGuidance) {
      this.promptGuidance = promptGuidance;
      return this;
    }

    /** Default {@link SampleRequest#DEFAULT_SCHEDULER}. */
    public Builder optScheduler(SchedulerKind scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** DDIM's η in [0, 1]; default 0. */
    public Builder optEta(double eta) {
      this.eta = eta;
      return this;
    }

    /** Number of images; default 1. */
    public Builder optImages(int images) {
      this.images = images;
      return this;
    }

    /** The seed; default a random one, recorded in the request. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Checks the values and builds the request.
     *
     * @throws IllegalArgumentException naming the first value out of range and its range
     */
    public SampleRequest build() {
      if (glyphs == null) {
        throw new IllegalArgumentException("glyphs are required (setGlyphs)");
      }
      if (prompt == null) {
        throw new IllegalArgumentException(
            "a prompt embedding is required (setPrompt; TextEmbedding.none for no prompt)");
      }
      range("width", width, MIN_SIDE, MAX_SIDE);
      range("height", height, MIN_SIDE, MAX_SIDE);
      range("steps", steps, MIN_STEPS, MAX_STEPS);
      range("images (n)", images, MIN_IMAGES, MAX_IMAGES);
      if (!(guidance >= MIN_GUIDANCE && guidance <= MAX_GUIDANCE)) {
        throw new IllegalArgumentException(
            "guidance must be " + MIN_GUIDANCE + ".." + MAX_GUIDANCE + ", got " + guidance);
      }
      checkPromptGuidance(promptGuidance, guidanceMode);
      long pixels = (long) images * width * height;
      if (pixels > MAX_BATCH_PIXELS) {
        throw new IllegalArgumentException(
            images
                + " images of "
                + width
                + "×"
                + height
                + " are "
                + pixels
                + " pixels; one request may have at most "
                + MAX_BATCH_PIXELS
                + " (ask for fewer or smaller images)");
      }
      if (scheduler == SchedulerKind.DDIM) {
        if (!(eta >= 0.0 && eta <= DdimScheduler.MAX_ETA)) {
          throw new IllegalArgumentException(
              "eta must be 0.." + DdimScheduler.MAX_ETA + ", got " + eta);
        }
      } else if (eta != 0.0) {
        throw new IllegalArgumentException(
            "eta applies to ddim only; " + scheduler.id() + " takes eta = 0, got " + eta);
      }
      if (prompt.length() != (negativePrompt == null ? prompt.length() : negativePrompt.length())
          || prompt.dim() != (negativePrompt == null ? prompt.dim() : negativePrompt.dim())) {
        throw new IllegalArgumentException(
            "the negative prompt is "
                + negativePrompt.length()
                + "×"
                + negativePrompt.dim()
                + ", the prompt "
                + prompt.length()
                + "×"
                + prompt.dim());
      }
      if (seed == null) {
        seed = new SplittableRandom().nextLong();
      }
      return new SampleRequest(this);
    }

    private static void range(String name, int value, int min, int max) {
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            name + " must be " + min + ".." + max + ", got " + value);
      }
    }
  }
}
