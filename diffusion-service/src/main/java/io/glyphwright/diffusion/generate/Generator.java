package io.glyphwright.diffusion.generate;

import ai.onnxruntime.OrtException;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import io.glyphwright.diffusion.onnx.OnnxDenoiser;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.CancellationToken;
import io.glyphwright.diffusion.sampling.DenoiserException;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.DiffusionSampler;
import io.glyphwright.diffusion.sampling.GlyphChannels;
import io.glyphwright.diffusion.sampling.ProgressListener;
import io.glyphwright.diffusion.sampling.SampleRequest;
import io.glyphwright.diffusion.sampling.SampledImages;
import io.glyphwright.diffusion.sampling.SamplingCancelledException;
import io.glyphwright.diffusion.sampling.SamplingLimits;
import io.glyphwright.diffusion.sampling.TextEmbedding;
import io.glyphwright.diffusion.text.PromptEncoder;
import io.glyphwright.glyph.FontFace;
import io.glyphwright.glyph.FontRegistry;
import io.glyphwright.glyph.GlyphRenderer;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Prompt and layout in, images out: renders the layout's glyph mask, embeds the prompt, samples the
 * package's UNet on ONNX Runtime with classifier-free guidance, and, when it has a {@link
 * TextCheck}, reads every image back and keeps the best of {@code bestOf} candidates.
 *
 * <p><b>Seeds.</b> Image {@code i} of candidate {@code k} is sampled alone (one sampler run of one
 * image) from the seed {@link GenerationRequest#seedOf seed + k·n + i}, so every image can be made
 * again from its own seed with {@code n = 1, bestOf = 1}.
 *
 * <p><b>Best of K.</b> Of an image's candidates the one with the most lines read is kept; ties go
 * to the higher mean score over the lines, then to the lower candidate index.
 *
 * <p>Holds one ONNX Runtime session and one prompt encoder; thread-safe (concurrent calls share
 * only those, which are), as long as the text check is. Closing while a call runs fails that call.
 */
public final class Generator implements AutoCloseable {
  private final GlyphUnetPackage pkg;
  private final OnnxDenoiser unet;
  private final DiffusionSampler sampler;
  private final PromptEncoder prompts;
  private final GlyphRenderer renderer;
  private final TextCheck textCheck;
  private volatile boolean closed;

  private Generator(
      GlyphUnetPackage pkg,
      OnnxDenoiser unet,
      PromptEncoder prompts,
      GlyphRenderer renderer,
      TextCheck textCheck) {
    this.pkg = pkg;
    this.unet = unet;
    this.sampler = new DiffusionSampler(unet);
    this.prompts = prompts;
    this.renderer = renderer;
    this.textCheck = textCheck;
  }

  /**
   * A generator over the package's UNet, with the system fonts and no text check.
   *
   * @throws ModelLoadException if ONNX Runtime refuses the network or it does not fit the package's
   *     spec, or the spec does not fit this generator (one glyph mask channel, the prompt encoder's
   *     token width)
   */
  public static Generator open(GlyphUnetPackage pkg, OnnxOptions opts) throws ModelLoadException {
    return open(pkg, opts, GlyphRenderer.system(), null);
  }

  /**
   * A generator over the package's UNet.
   *
   * @param renderer draws the glyph masks (and knows the installed fonts)
   * @param textCheck reads the images back; null for none (then {@code bestOf} must be 1)
   * @throws ModelLoadException as {@link #open(GlyphUnetPackage, OnnxOptions)}
   */
  public static Generator open(
      GlyphUnetPackage pkg, OnnxOptions opts, GlyphRenderer renderer, TextCheck textCheck)
      throws ModelLoadException {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(opts, "opts");
    Objects.requireNonNull(renderer, "renderer");
    DenoiserSpec spec = pkg.spec();
    if (spec.glyphChannels() != 1) {
      throw new ModelLoadException(
          pkg.dir()
              + ": the model takes "
              + spec.glyphChannels()
              + " glyph channels; the generator gives it one (the glyph mask)");
    }
    if (spec.textDim() != PromptEncoder.WIDTH) {
      throw new ModelLoadException(
          pkg.dir()
              + ": the model takes prompt tokens "
              + spec.textDim()
              + " wide; the prompt encoder makes them "
              + PromptEncoder.WIDTH
              + " wide");
    }
    if (spec.imageChannels() != 3 && spec.imageChannels() != 1) {
      throw new ModelLoadException(
          pkg.dir() + ": the model paints " + spec.imageChannels() + " channels; use 1 or 3");
    }
    OnnxDenoiser unet = OnnxDenoiser.load(pkg.onnx(), spec, opts);
    PromptEncoder prompts = PromptEncoder.create(spec.textTokens(), opts.intraOpThreads());
    return new Generator(pkg, unet, prompts, renderer, textCheck);
  }

  /** The package this generator runs. */
  public GlyphUnetPackage modelPackage() {
    return pkg;
  }

  /** Whether images are read back by a text check. */
  public boolean hasTextCheck() {
    return textCheck != null;
  }

  /**
   * Makes the request's {@code n} images.
   *
   * @param progress told after every sampling step, may be null: {@code step} and {@code total}
   *     count over all {@code n·bestOf} runs, and the preview shows the image being made
   * @param cancel checked before every step, may be null
   * @throws IllegalArgumentException if the canvas does not fit the model, a line's font is not
   *     installed or its text holds characters no installed font has (all named), {@code bestOf >
   *     1} without a text check, or steps exceed the model's training timesteps
   * @throws SamplingCancelledException if cancelled or interrupted; counts are over all runs
   * @throws GenerationException if the prompt encoder or the UNet fails
   */
  public GenerationResult generate(
      GenerationRequest req, ProgressListener progress, CancellationToken cancel)
      throws GenerationException {
    Objects.requireNonNull(req, "req");
    if (closed) {
      throw new IllegalStateException("this generator is closed");
    }
    Layout layout = req.layout();
    checkCanvas(layout.width(), layout.height());
    if (req.bestOf() > 1 && textCheck == null) {
      throw new IllegalArgumentException(
          "bestOf "
              + req.bestOf()
              + " needs a text check to choose between candidates, and this generator has none;"
              + " use bestOf 1");
    }
    checkCharacters(layout);
    float[] glyphs = GlyphChannels.fromMask(renderer.render(layout).mask());
    TextEmbedding prompt;
    try {
      prompt = prompts.encode(pkg.spec().promptText().apply(req.prompt()));
    } catch (ModelLoadException | OrtException e) {
      throw new GenerationException("the prompt encoder failed: " + e.getMessage(), e);
    }
    List<String> lines = layout.lines().stream().map(TextLine::text).toList();

    int runs = req.n() * req.bestOf();
    List<GeneratedImage> images = new ArrayList<>(req.n());
    int run = 0;
    for (int i = 0; i < req.n(); i++) {
      BufferedImage best = null;
      List<LineVerdict> bestVerdicts = null;
      int bestCandidate = -1;
      for (int k = 0; k < req.bestOf(); k++, run++) {
        long seed = req.seedOf(k, i);
        SampleRequest sample =
            SampleRequest.builder()
                .setSize(layout.width(), layout.height())
                .setGlyphs(glyphs)
                .setPrompt(prompt)
                .optSteps(req.steps())
                .optGuidance(req.guidance())
                .optScheduler(req.schedulerKind())
                .optGuidanceMode(req.guidanceMode())
                .optPromptGuidance(req.promptGuidance())
                .optImages(1)
                .optSeed(seed)
                .build();
        BufferedImage image = sample(sample, run, runs, progress, cancel).image(0);
        List<LineVerdict> verdicts = check(image, lines);
        if (best == null || better(verdicts, bestVerdicts)) {
          best = image;
          bestVerdicts = verdicts;
          bestCandidate = k;
        }
      }
      long seed = req.seedOf(bestCandidate, i);
      images.add(
          new GeneratedImage(
              i,
              seed,
              bestCandidate,
              best,
              bestVerdicts,
              req.withSeed(seed).withN(1).withBestOf(1)));
    }
    return new GenerationResult(req, pkg.name(), pkg.onnxSha256(), images);
  }

  private SampledImages sample(
      SampleRequest sample, int run, int runs, ProgressListener progress, CancellationToken cancel)
      throws GenerationException {
    ProgressListener overall =
        progress == null
            ? null
            : (step, total, preview) -> progress.onStep(run * total + step, runs * total, preview);
    try {
      return sampler.sample(sample, overall, cancel);
    } catch (SamplingCancelledException e) {
      int total = e.totalSteps();
      throw new SamplingCancelledException(
          run * total + e.completedSteps(),
          runs * total,
          cancel != null && cancel.isCancelled() ? "cancelled" : "interrupted");
    } catch (DenoiserException e) {
      throw new GenerationException(e.getMessage(), e);
    }
  }

  private List<LineVerdict> check(BufferedImage image, List<String> lines) {
    if (textCheck == null) {
      return List.of();
    }
    List<LineVerdict> verdicts = textCheck.check(image, lines);
    if (verdicts == null || verdicts.size() != lines.size()) {
      throw new IllegalStateException(
          "the text check gave "
              + (verdicts == null ? "no" : verdicts.size())
              + " verdicts for "
              + lines.size()
              + " lines");
    }
    return verdicts;
  }

  /**
   * Whether candidate verdicts {@code a} beat {@code b}, sampled earlier: more lines read, else a
   * higher mean score; an equal candidate does not beat an earlier one.
   */
  static boolean better(List<LineVerdict> a, List<LineVerdict> b) {
    long readA = a.stream().filter(LineVerdict::read).count();
    long readB = b.stream().filter(LineVerdict::read).count();
    if (readA != readB) {
      return readA > readB;
    }
    return meanScore(a) > meanScore(b);
  }

  /** Index of the best candidate by the best-of rule. */
  static int best(List<List<LineVerdict>> candidates) {
    int best = 0;
    for (int k = 1; k < candidates.size(); k++) {
      if (better(candidates.get(k), candidates.get(best))) {
        best = k;
      }
    }
    return best;
  }

  private static double meanScore(List<LineVerdict> verdicts) {
    return verdicts.stream().mapToDouble(LineVerdict::score).average().orElse(0.0);
  }

  /**
   * The canvas must be what the network can paint: both sides multiples of the model's size
   * multiple within the sampler's limits, or exactly the size a fixed-size export was made for.
   */
  private void checkCanvas(int width, int height) {
    DenoiserSpec spec = pkg.spec();
    int r = spec.unshuffle();
    String size = width + "×" + height;
    String trained = pkg.resolution() + "×" + pkg.resolution();
    if (unet.fixedWidth() > 0 || unet.fixedHeight() > 0) {
      long w = unet.fixedWidth() > 0 ? unet.fixedWidth() * r : width;
      long h = unet.fixedHeight() > 0 ? unet.fixedHeight() * r : height;
      if (w != width || h != height) {
        throw new IllegalArgumentException(
            "the layout's canvas is "
                + size
                + ", but model "
                + pkg.name()
                + " was exported for "
                + w
                + "×"
                + h
                + " only: plan the layout on a "
                + w
                + "×"
                + h
                + " canvas");
      }
    }
    int multiple = spec.sizeMultiple();
    int min = ((SamplingLimits.MIN_SIDE + multiple - 1) / multiple) * multiple;
    int max = (SamplingLimits.MAX_SIDE / multiple) * multiple;
    if (width % multiple != 0
        || height % multiple != 0
        || Math.min(width, height) < min
        || Math.max(width, height) > max) {
      throw new IllegalArgumentException(
          "the layout's canvas is "
              + size
              + ", but model "
              + pkg.name()
              + " paints sides that are multiples of "
              + multiple
              + " pixels from "
              + min
              + " to "
              + max
              + " (it was trained at "
              + trained
              + "): plan the layout on such a canvas, e.g. "
              + trained);
    }
  }

  /**
   * Every non-space character must be in the line's face or a fallback face; names all that are
   * not.
   */
  private void checkCharacters(Layout layout) {
    FontRegistry registry = renderer.registry();
    Map<Integer, Integer> missing = new LinkedHashMap<>();
    List<TextLine> lines = layout.lines();
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).text();
      FontFace face = registry.resolve(lines.get(i).font(), text);
      int line = i + 1;
      text.codePoints()
          .filter(cp -> !Character.isWhitespace(cp))
          .filter(cp -> !face.canDisplay(cp) && registry.fallbackFor(cp).isEmpty())
          .forEach(cp -> missing.putIfAbsent(cp, line));
    }
    if (!missing.isEmpty()) {
      StringBuilder chars = new StringBuilder();
      for (Map.Entry<Integer, Integer> e : missing.entrySet()) {
        chars
            .append(chars.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "U+%04X '", e.getKey()))
            .appendCodePoint(e.getKey())
            .append("' (line ")
            .append(e.getValue())
            .append(')');
      }
      throw new IllegalArgumentException(
          "no installed font has "
              + chars
              + ": remove "
              + (missing.size() == 1 ? "it" : "them")
              + ", or run ./glyphwright setup to install the fonts Glyphwright uses");
    }
  }

  /** Closes the ONNX Runtime session and the prompt encoder; idempotent. */
  @Override
  public void close() {
    closed = true;
    try {
      unet.close();
    } finally {
      prompts.close();
    }
  }
}
