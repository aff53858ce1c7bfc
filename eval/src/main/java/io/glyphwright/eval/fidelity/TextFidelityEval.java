package io.glyphwright.eval.fidelity;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.eval.match.LineVerdict;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.eval.report.Png;
import io.glyphwright.eval.text.TextRules;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The text-fidelity evaluation: for each prompt and seed, plan → render → image → OCR judge, then
 * score what was read against the texts the prompt file asks for (not the planner's reading of the
 * prompt, so a planner that drops or alters a text is charged for it).
 *
 * <p>Samples run one after another on the calling thread, so stage latencies are not disturbed by
 * each other. Before the first timed sample, the first prompt is run once untimed (unless {@link
 * Builder#optWarmUp(boolean) switched off}), so that class loading, JIT and the engines' first-call
 * set-up do not land in the latency figures. A sample that fails (the planner rejects the prompt,
 * the renderer or judge throws) is recorded with its error and scores as read wrong.
 */
public final class TextFidelityEval {
  private final LayoutPlanner planner;
  private final GlyphRenderer renderer;
  private final ImageSource source;
  private final OcrJudge judge;
  private final int seeds;
  private final Canvas canvas;
  private final String promptSet;
  private final boolean warmUp;
  private final Consumer<String> progress;

  private TextFidelityEval(Builder b) {
    this.planner = b.planner;
    this.renderer = b.renderer;
    this.source = b.source;
    this.judge = b.judge;
    this.seeds = b.seeds;
    this.canvas = b.canvas;
    this.promptSet = b.promptSet;
    this.warmUp = b.warmUp;
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Evaluates every prompt at seeds {@code 0..seeds-1}. */
  public FidelityResult run(List<EvalPrompt> prompts) {
    FidelityConfig config =
        new FidelityConfig(
            promptSet,
            source.name(),
            judge.name(),
            planner.name(),
            seeds,
            canvas.width(),
            canvas.height(),
            source.settings());
    if (prompts.isEmpty()) {
      return new FidelityResult(config, List.of());
    }
    if (warmUp) {
      progress.accept("warming up on " + prompts.get(0).id() + " (not timed)");
      sample(prompts.get(0), 0);
    }
    List<FidelitySample> samples = new ArrayList<>(prompts.size() * seeds);
    int total = prompts.size() * seeds;
    for (EvalPrompt p : prompts) {
      for (int seed = 0; seed < seeds; seed++) {
        FidelitySample s = sample(p, seed);
        samples.add(s);
        progress.accept(describe(samples.size(), total, s));
      }
    }
    return new FidelityResult(config, samples);
  }

  /** Plans, renders, makes the image and judges it, for one prompt at one seed. */
  public FidelitySample sample(EvalPrompt prompt, long seed) {
    Map<Stage, Double> millis = new EnumMap<>(Stage.class);
    PlanResult plan = null;
    GlyphRendering rendering = null;
    byte[] imagePng = null;
    byte[] maskPng = null;
    try {
      long t0 = System.nanoTime();
      plan = planner.plan(new PlanRequest(prompt.prompt(), canvas));
      long t1 = System.nanoTime();
      millis.put(Stage.PLAN, ms(t0, t1));
      rendering = renderer.render(plan.layout());
      long t2 = System.nanoTime();
      millis.put(Stage.RENDER, ms(t1, t2));
      maskPng = GlyphImages.pngBytes(rendering.mask());
      long t3 = System.nanoTime();
      BufferedImage image = source.image(prompt, rendering, seed);
      long t4 = System.nanoTime();
      if (source.generates()) {
        millis.put(Stage.GENERATE, ms(t3, t4));
      }
      imagePng = Png.encode(image);
      List<RequestedLine> requested = requestedLines(prompt, rendering);
      long t5 = System.nanoTime();
      Judgement judgement = judge.judge(image, requested);
      millis.put(Stage.JUDGE, ms(t5, System.nanoTime()));
      return new FidelitySample(
          prompt,
          seed,
          plan.planner(),
          plan.requestedTexts(),
          plan.messages(),
          rendering.layout(),
          judgement,
          millis,
          null,
          new FidelitySample.SampleImages(imagePng, maskPng));
    } catch (RuntimeException e) {
      String stage =
          plan == null
              ? "plan"
              : rendering == null ? "render" : imagePng == null ? "generate" : "judge";
      return new FidelitySample(
          prompt,
          seed,
          plan == null ? null : plan.planner(),
          plan == null ? List.of() : plan.requestedTexts(),
          plan == null ? List.of() : plan.messages(),
          rendering == null ? null : rendering.layout(),
          null,
          millis,
          stage + " failed: " + e.getMessage(),
          new FidelitySample.SampleImages(imagePng, maskPng));
    }
  }

  /**
   * The prompt's texts, each with the ink box of the rendered line that shows it (null when the
   * layout has no line with that text).
   */
  static List<RequestedLine> requestedLines(EvalPrompt prompt, GlyphRendering rendering) {
    Layout layout = rendering.layout();
    List<RequestedLine> out = new ArrayList<>(prompt.texts().size());
    for (String text : prompt.texts()) {
      String want = TextRules.compact(text);
      Box box = null;
      for (int i = 0; i < layout.lines().size() && box == null; i++) {
        if (TextRules.compact(layout.lines().get(i).text()).equals(want)) {
          box = rendering.lines().get(i).inkBox();
        }
      }
      out.add(new RequestedLine(text, box));
    }
    return out;
  }

  private static double ms(long from, long to) {
    return (to - from) / 1e6;
  }

  private static String describe(int done, int total, FidelitySample s) {
    StringBuilder line =
        new StringBuilder()
            .append('[')
            .append(done)
            .append('/')
            .append(total)
            .append("] ")
            .append(s.prompt().id())
            .append(" seed ")
            .append(s.seed())
            .append(": ");
    if (s.error() != null) {
      return line.append("ERROR ").append(s.error()).toString();
    }
    line.append(s.matching().exactCount()).append('/').append(s.prompt().texts().size());
    line.append(" texts read exactly");
    for (LineVerdict v : s.matching().lines()) {
      if (!v.exact()) {
        line.append("; MISS '")
            .append(v.requested())
            .append("' read '")
            .append(v.bestRead())
            .append('\'');
      }
    }
    for (Map.Entry<Stage, Double> e : s.millis().entrySet()) {
      line.append(
          String.format(java.util.Locale.ROOT, " · %s %.0f ms", e.getKey().key(), e.getValue()));
    }
    return line.toString();
  }

  /** Settings of an evaluation: {@code set*} ones are required, {@code opt*} ones have defaults. */
  public static final class Builder {
    private LayoutPlanner planner;
    private GlyphRenderer renderer;
    private ImageSource source;
    private OcrJudge judge;
    private int seeds = 1;
    private Canvas canvas = new Canvas(512, 512);
    private String promptSet = "(in memory)";
    private boolean warmUp = true;
    private Consumer<String> progress = line -> {};

    private Builder() {}

    public Builder setPlanner(LayoutPlanner planner) {
      this.planner = planner;
      return this;
    }

    public Builder setRenderer(GlyphRenderer renderer) {
      this.renderer = renderer;
      return this;
    }

    public Builder setSource(ImageSource source) {
      this.source = source;
      return this;
    }

    public Builder setJudge(OcrJudge judge) {
      this.judge = judge;
      return this;
    }

    /** Samples per prompt (seeds 0..k-1); default 1. */
    public Builder optSeeds(int seeds) {
      this.seeds = seeds;
      return this;
    }

    /** The canvas every prompt is planned for; default 512×512. */
    public Builder optCanvas(Canvas canvas) {
      this.canvas = Objects.requireNonNull(canvas, "canvas");
      return this;
    }

    /** Where the prompts came from, as {@code metrics.json} records it. */
    public Builder optPromptSet(String promptSet) {
      this.promptSet = Objects.requireNonNull(promptSet, "promptSet");
      return this;
    }

    /** Whether to run the first prompt once untimed before measuring; default true. */
    public Builder optWarmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /** Receives one line per finished sample; default: nothing. */
    public Builder optProgress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * @throws IllegalArgumentException when a required setting is missing or seeds is below 1
     */
    public TextFidelityEval build() {
      require(planner, "a planner (setPlanner)");
      require(renderer, "a renderer (setRenderer)");
      require(source, "an image source (setSource)");
      require(judge, "a judge (setJudge)");
      if (seeds < 1) {
        throw new IllegalArgumentException("seeds must be at least 1, got " + seeds);
      }
      return new TextFidelityEval(this);
    }

    private static void require(Object value, String what) {
      if (value == null) {
        throw new IllegalArgumentException("the evaluation needs " + what);
      }
    }
  }
}
