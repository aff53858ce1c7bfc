package io.glyphwright.eval.fidelity;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.diffusion.generate.GenerationException;
import io.glyphwright.diffusion.generate.GenerationRequest;
import io.glyphwright.diffusion.generate.GenerationResult;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.glyph.GlyphRendering;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Judges images made by the glyph-conditioned diffusion model: the harness plans and renders the
 * layout as it does for masks, and this source hands the planned layout and the prompt to {@link
 * Generator#generate} with the sample's seed (one image; with {@code bestOf > 1} the generator
 * keeps the candidate its text check reads best).
 *
 * <p>The generator belongs to the caller (open it with a text check when {@code bestOf > 1}); this
 * source does not close it. Seconds per image are kept ({@link #seconds()}), and the harness times
 * the same call as its {@link Stage#GENERATE} stage.
 */
public final class DiffusionImageSource implements ImageSource {
  public static final String NAME = "diffusion";

  private final Generator generator;
  private final Settings settings;
  private final String checkName;
  private final List<Double> seconds = new ArrayList<>();

  /**
   * The sampler settings every image is made with.
   *
   * @param steps sampling steps
   * @param guidance classifier-free guidance scale
   * @param scheduler scheduler name (forgiving lookup, stored canonical)
   * @param bestOf candidates per image, the best-read kept
   * @param guidanceMode what the unconditional pass of guidance goes without; null for the
   *     generator's default
   * @param promptGuidance the prompt's scale in the glyphs mode (1 in the other modes)
   */
  public record Settings(
      int steps,
      double guidance,
      String scheduler,
      int bestOf,
      GuidanceMode guidanceMode,
      double promptGuidance) {
    /**
     * @throws IllegalArgumentException with the generator's own message when a value is out of its
     *     range or the scheduler is unknown
     */
    public Settings {
      GenerationRequest checked =
          probe(steps, guidance, scheduler, bestOf, guidanceMode, promptGuidance);
      scheduler = checked.scheduler();
      guidanceMode = checked.guidanceMode();
    }

    /** Settings with the mode's default prompt guidance. */
    public Settings(
        int steps, double guidance, String scheduler, int bestOf, GuidanceMode guidanceMode) {
      this(
          steps,
          guidance,
          scheduler,
          bestOf,
          guidanceMode,
          GenerationRequest.defaultPromptGuidance(guidanceMode));
    }

    /** Settings with the generator's default guidance mode. */
    public Settings(int steps, double guidance, String scheduler, int bestOf) {
      this(steps, guidance, scheduler, bestOf, null);
    }

    /**
     * The generator's defaults: 20 steps, guidance 3 on the glyphs with prompt guidance 2 ({@link
     * GenerationRequest#of}), dpm++2m, best of 1.
     */
    public static Settings defaults() {
      GenerationRequest d = GenerationRequest.of("", new Layout(new Canvas(16, 16), List.of()), 0);
      return new Settings(
          d.steps(), d.guidance(), d.scheduler(), d.bestOf(), d.guidanceMode(), d.promptGuidance());
    }

    /** The generator's own request of these values: its checks, its defaults, its names. */
    private static GenerationRequest probe(
        int steps,
        double guidance,
        String scheduler,
        int bestOf,
        GuidanceMode guidanceMode,
        double promptGuidance) {
      return new GenerationRequest(
          "",
          new Layout(new Canvas(16, 16), List.of()),
          steps,
          guidance,
          scheduler,
          0,
          1,
          bestOf,
          guidanceMode,
          promptGuidance);
    }
  }

  /**
   * @param generator the model to sample; kept open by the caller
   * @param settings the sampler settings
   * @param checkName what chooses among best-of candidates (the text check's engine), or null when
   *     {@code bestOf} is 1
   * @throws IllegalArgumentException when {@code bestOf > 1} and the generator has no text check
   */
  public DiffusionImageSource(Generator generator, Settings settings, String checkName) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (settings.bestOf() > 1 && !generator.hasTextCheck()) {
      throw new IllegalArgumentException(
          "best of "
              + settings.bestOf()
              + " needs a text check to choose between candidates; open the generator with one");
    }
    this.checkName = settings.bestOf() > 1 ? checkName : null;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean generates() {
    return true;
  }

  /** The model, its sha256 and the sampler settings, as the report records them. */
  @Override
  public Map<String, Object> settings() {
    GlyphUnetPackage pkg = generator.modelPackage();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", pkg.name());
    m.put("model_sha256", pkg.onnxSha256());
    m.put("model_resolution", pkg.resolution());
    m.put("steps", settings.steps());
    m.put("guidance", settings.guidance());
    m.put("guidance_mode", settings.guidanceMode().id());
    m.put("prompt_guidance", settings.promptGuidance());
    m.put("scheduler", settings.scheduler());
    m.put("best_of", settings.bestOf());
    if (checkName != null) {
      m.put("best_of_check", checkName);
    }
    return m;
  }

  /**
   * One image of the prompt at the planned layout, from seed {@code seed}.
   *
   * @throws IllegalArgumentException when the canvas does not fit the model or a character has no
   *     font (the generator's message)
   * @throws IllegalStateException when sampling fails on ONNX Runtime
   */
  @Override
  public BufferedImage image(EvalPrompt prompt, GlyphRendering rendering, long seed) {
    GenerationRequest request =
        GenerationRequest.of(prompt.prompt(), rendering.layout(), seed)
            .withSteps(settings.steps())
            .withGuidance(settings.guidance())
            .withScheduler(settings.scheduler())
            .withBestOf(settings.bestOf())
            .withGuidanceMode(settings.guidanceMode())
            .withPromptGuidance(settings.promptGuidance());
    long t0 = System.nanoTime();
    GenerationResult result;
    try {
      result = generator.generate(request, null, null);
    } catch (GenerationException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    synchronized (seconds) {
      seconds.add(s);
    }
    return result.images().get(0).image();
  }

  /** Seconds each image took (all its candidates), in the order they were made. */
  public List<Double> seconds() {
    synchronized (seconds) {
      return List.copyOf(seconds);
    }
  }
}
