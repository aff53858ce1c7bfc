package io.glyphwright.layout.lm;

import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.TextMeasurer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.LayoutValidator;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.RepairedLayout;
import io.glyphwright.layout.RequestedTexts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trained layout language model as a {@link LayoutPlanner} ({@code --planner lm}).
 *
 * <p>Per request: the texts the prompt asks for come from {@link RequestedTexts}; the model writes
 * the layout under {@link LayoutGrammar}, so that those texts come first, verbatim, each with a box
 * on the grid; it may then add lines whose text it takes from the prompt — the only way a prompt
 * that quotes nothing ("a stamp of Breath of the Wild") gets a text, and never an invented one. The
 * raw TD2 text is read back with {@link Td2Format#parseUnchecked} and checked by {@link
 * LayoutValidator} against the requested texts plus the ones the model took, each of which is named
 * in a note. Overlapping boxes are the validator's to repair, and its repairs are reported.
 *
 * <p>Thread-safe: each call decodes in its own session. Closing frees the model.
 */
public final class LayoutLmPlanner implements LayoutPlanner, AutoCloseable {
  public static final String NAME = "lm";

  /** How the planner decodes unless told otherwise (chosen on a dev split: BENCHMARKS.md). */
  public static final Sampling DEFAULT_SAMPLING = Sampling.GREEDY_MEDIAN;

  private final LayoutScorer model;
  private final LayoutTokenizer tokenizer;
  private final LayoutDecoder decoder;
  private final LayoutValidator validator;
  private final Sampling sampling;
  private final boolean ownsModel;

  LayoutLmPlanner(
      LayoutScorer model,
      LayoutTokenizer tokenizer,
      TextMeasurer measurer,
      Sampling sampling,
      boolean ownsModel) {
    this.model = Objects.requireNonNull(model, "model");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.decoder = new LayoutDecoder(model, tokenizer);
    this.validator = new LayoutValidator(measurer);
    this.sampling = Objects.requireNonNull(sampling, "sampling");
    this.ownsModel = ownsModel;
  }

  /**
   * The installed package's planner ({@link LayoutLmModels#find()}), loaded once per process, or
   * empty when no package is installed: the loader {@code auto} uses.
   *
   * @throws IllegalArgumentException when a package is there but damaged or altered
   */
  public static java.util.Optional<LayoutPlanner> installed(TextMeasurer measurer) {
    return LayoutLmModels.installed(measurer);
  }

  /** The engine that runs the model at planning time. */
  public enum Engine {
    /** ONNX Runtime, CPU: the default, about twice as fast per call as DJL (docs/BENCHMARKS.md). */
    ONNXRUNTIME,
    /** DJL on PyTorch, CPU: the engine the model is trained with. */
    DJL;

    /**
     * The engine called {@code name}: {@code onnxruntime}/{@code ort} or {@code djl}, any case.
     *
     * @throws IllegalArgumentException naming the engines
     */
    public static Engine lookup(String name) {
      String key = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
      return switch (key) {
        case "onnxruntime", "ort", "onnx" -> ONNXRUNTIME;
        case "djl", "pytorch" -> DJL;
        default ->
            throw new IllegalArgumentException(
                "unknown layout model engine '" + name + "': use onnxruntime or djl");
      };
    }
  }

  /**
   * Loads a model package ({@code model.json} + weights, hashes checked) on ONNX Runtime and
   * decodes greedily.
   *
   * @throws IOException naming what is missing, damaged or altered in the package
   */
  public static LayoutLmPlanner load(Path packageDir, TextMeasurer measurer) throws IOException {
    return load(packageDir, measurer, DEFAULT_SAMPLING, Engine.ONNXRUNTIME);
  }

  /**
   * As {@link #load(Path, TextMeasurer)}, choosing tokens by {@code sampling} on {@code engine}.
   */
  public static LayoutLmPlanner load(
      Path packageDir, TextMeasurer measurer, Sampling sampling, Engine engine) throws IOException {
    LayoutLmPackage.Contents c = LayoutLmPackage.load(packageDir);
    LayoutScorer model =
        engine == Engine.DJL
            ? LayoutLm.load(c.config(), c.weights())
            : OrtLayoutLm.load(c.config(), c.weights());
    return new LayoutLmPlanner(model, c.tokenizer(), measurer, sampling, true);
  }

  /**
   * The same model, its output checked with {@code measurer}'s font metrics; closing it frees
   * nothing.
   */
  public LayoutLmPlanner withMeasurer(TextMeasurer measurer) {
    return new LayoutLmPlanner(model, tokenizer, new LayoutValidator(measurer), sampling);
  }

  /** The same model and validator, choosing tokens by {@code other}; closing it frees nothing. */
  public LayoutLmPlanner withSampling(Sampling other) {
    return new LayoutLmPlanner(model, tokenizer, validator, other);
  }

  private LayoutLmPlanner(
      LayoutScorer model, LayoutTokenizer tokenizer, LayoutValidator validator, Sampling sampling) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.decoder = new LayoutDecoder(model, tokenizer);
    this.validator = validator;
    this.sampling = Objects.requireNonNull(sampling, "sampling");
    this.ownsModel = false;
  }

  @Override
  public String name() {
    return NAME;
  }

  public Sampling sampling() {
    return sampling;
  }

  public LayoutLmConfig config() {
    return model.config();
  }

  @Override
  public PlanResult plan(PlanRequest request) {
    LayoutLimits limits = request.limits();
    RequestedTexts requested = RequestedTexts.extract(request.prompt(), limits);
    List<String> notes = new ArrayList<>(requested.notes());
    LayoutDecoder.Decoded decoded =
        decoder.decode(
            request.prompt(),
            requested.texts(),
            limits.maxLines(),
            limits.maxTextLength(),
            sampling,
            true);
    if (decoded.promptCut()) {
      notes.add(
          "the prompt is longer than the layout model reads; it planned from the prompt's"
              + " beginning");
    }
    if (!decoded.leftOut().isEmpty()) {
      notes.add(
          "the requested texts are longer than the layout model can write in one layout; "
              + decoded.leftOut().size()
              + " of them were placed by the validator instead");
    }
    List<String> texts = new ArrayList<>(requested.texts());
    for (LayoutGrammar.Line line : decoded.lines()) {
      if (line.extra()) {
        String text = RequestedTexts.clean(line.text());
        if (!text.isEmpty() && !texts.contains(text)) {
          texts.add(text);
          notes.add(
              requested.texts().isEmpty()
                  ? "the prompt quotes no text; the layout model chose '" + text + "' from it"
                  : "the layout model also placed '" + text + "', which the prompt names unquoted");
        }
      }
    }
    if (texts.isEmpty()) {
      notes.add(
          "the prompt asks for no text, so the layout is empty: quote the texts to show, e.g. A"
              + " poster that says 'SUMMER SALE'");
    }
    String td2 =
        tokenizer.decodeLayout(
            java.util.Arrays.copyOfRange(
                decoded.tokens(), decoded.layoutStart(), decoded.tokens().length));
    Layout raw = Td2Format.parseUnchecked(td2, request.canvas());
    RepairedLayout checked = validator.validate(raw, texts, limits);
    return new PlanResult(
        checked.layout(), NAME, checked.requestedTexts(), checked.repairs(), notes);
  }

  /** The raw layout lines the model wrote for a prompt, before the validator (for tests). */
  List<TextLine> rawLines(String prompt, LayoutLimits limits) {
    RequestedTexts requested = RequestedTexts.extract(prompt, limits);
    LayoutDecoder.Decoded decoded =
        decoder.decode(
            prompt, requested.texts(), limits.maxLines(), limits.maxTextLength(), sampling, true);
    return decoded.lines().stream().map(l -> new TextLine(l.text(), l.box())).toList();
  }

  @Override
  public void close() {
    if (ownsModel) {
      model.close();
    }
  }
}
