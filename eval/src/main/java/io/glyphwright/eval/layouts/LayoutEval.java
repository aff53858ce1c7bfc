package io.glyphwright.eval.layouts;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.text.TextRules;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The layout-planner evaluation: each corpus sample's caption is the prompt, its {@code layout}
 * (TD2 on the 128 grid) the ground truth, its image size the canvas.
 *
 * <p>Planned and ground-truth lines are paired by text ({@linkplain TextRules#compact compact}
 * form, case kept), one to one; when a text appears more than once, the pair with the larger IoU is
 * taken first. Samples run one after another on the calling thread; the first is planned once
 * untimed first (unless switched off) so that start-up does not land in the latency figures.
 */
public final class LayoutEval {
  /** Samples whose images are kept for the report's contact sheets, by default. */
  public static final int DEFAULT_KEPT_IMAGES = 500;

  private final LayoutPlanner planner;
  private final LayoutLimits limits;
  private final String corpus;
  private final boolean warmUp;
  private final int keepImages;
  private final Consumer<String> progress;

  private LayoutEval(Builder b) {
    this.planner = b.planner;
    this.limits = b.limits;
    this.corpus = b.corpus;
    this.warmUp = b.warmUp;
    this.keepImages = b.keepImages;
    this.progress = b.progress;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Evaluates every record the iterator yields. */
  public LayoutResult run(Iterator<CorpusRecord> records) {
    List<LayoutSample> samples = new ArrayList<>();
    boolean first = true;
    while (records.hasNext()) {
      CorpusRecord r = records.next();
      if (first && warmUp) {
        progress.accept("warming up on " + r.key() + " (not timed)");
        sample(r, false);
      }
      first = false;
      LayoutSample s = sample(r, samples.size() < keepImages);
      samples.add(s);
      progress.accept(describe(samples.size(), s));
    }
    return new LayoutResult(corpus, planner.name(), samples);
  }

  /** Plans one sample's caption and compares the plan with its ground truth. */
  public LayoutSample sample(CorpusRecord record, boolean keepImage) {
    CorpusSample cs = record.sample();
    byte[] image = keepImage ? record.image() : null;
    String mime = record.imageExtension().equals("png") ? "image/png" : "image/jpeg";
    Layout truth;
    Canvas canvas;
    try {
      canvas = new Canvas(cs.width(), cs.height());
      truth = Td2Format.parseUnchecked(cs.layout(), canvas);
    } catch (IllegalArgumentException e) {
      return failed(
          cs, Language.EN, null, "ground truth unreadable: " + e.getMessage(), image, mime);
    }
    Language lang = Language.of(truth.lines().stream().map(TextLine::text).toList());
    PlanResult plan;
    long t0 = System.nanoTime();
    try {
      plan = planner.plan(new PlanRequest(cs.caption(), canvas, limits));
    } catch (RuntimeException e) {
      return failed(cs, lang, truth, "plan failed: " + e.getMessage(), image, mime);
    }
    double millis = (System.nanoTime() - t0) / 1e6;
    Layout planned = plan.layout();
    boolean valid;
    try {
      Td2Format.parse(Td2Format.print(planned), canvas, limits);
      valid = true;
    } catch (IllegalArgumentException e) {
      valid = false;
    }
    Pairing pairing = pair(truth, planned);
    return new LayoutSample(
        cs.key(),
        cs.caption(),
        lang,
        truth,
        planned,
        plan.planner(),
        valid,
        plan.repairs().isEmpty(),
        overlapping(planned),
        pairing.pairs(),
        pairing.extraPlanned(),
        plan.messages(),
        millis,
        null,
        image,
        mime);
  }

  private static LayoutSample failed(
      CorpusSample cs, Language lang, Layout truth, String error, byte[] image, String mime) {
    List<LinePair> pairs = new ArrayList<>();
    if (truth != null) {
      for (TextLine l : truth.lines()) {
        pairs.add(new LinePair(l.text(), l.box(), null, 0.0));
      }
    }
    return new LayoutSample(
        cs.key(),
        cs.caption(),
        lang,
        truth,
        null,
        null,
        false,
        false,
        false,
        pairs,
        List.of(),
        List.of(),
        Double.NaN,
        error,
        image,
        mime);
  }

  /** Ground-truth lines paired with planned lines, and the texts of planned lines left unpaired. */
  record Pairing(List<LinePair> pairs, List<String> extraPlanned) {}

  /**
   * Pairs ground-truth lines with planned lines of the same compact text, one to one, larger IoU
   * first.
   */
  static Pairing pair(Layout truth, Layout planned) {
    List<TextLine> t = truth.lines();
    List<TextLine> p = planned.lines();
    record Candidate(int i, int j, double iou) {}
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      String want = TextRules.compact(t.get(i).text());
      for (int j = 0; j < p.size(); j++) {
        if (TextRules.compact(p.get(j).text()).equals(want)) {
          candidates.add(new Candidate(i, j, t.get(i).box().iou(p.get(j).box())));
        }
      }
    }
    candidates.sort(
        java.util.Comparator.comparingDouble(Candidate::iou)
            .reversed()
            .thenComparingInt(Candidate::i)
            .thenComparingInt(Candidate::j));
    Box[] match = new Box[t.size()];
    double[] iou = new double[t.size()];
    boolean[] usedPlanned = new boolean[p.size()];
    for (Candidate c : candidates) {
      if (match[c.i()] == null && !usedPlanned[c.j()]) {
        match[c.i()] = p.get(c.j()).box();
        iou[c.i()] = c.iou();
        usedPlanned[c.j()] = true;
      }
    }
    List<LinePair> pairs = new ArrayList<>(t.size());
    for (int i = 0; i < t.size(); i++) {
      pairs.add(new LinePair(t.get(i).text(), t.get(i).box(), match[i], iou[i]));
    }
    List<String> extra = new ArrayList<>();
    for (int j = 0; j < p.size(); j++) {
      if (!usedPlanned[j]) {
        extra.add(p.get(j).text());
      }
    }
    return new Pairing(pairs, extra);
  }

  /** True when any two line boxes of the layout overlap (share area). */
  static boolean overlapping(Layout layout) {
    List<TextLine> lines = layout.lines();
    for (int a = 0; a < lines.size(); a++) {
      for (int b = a + 1; b < lines.size(); b++) {
        if (lines.get(a).box().intersects(lines.get(b).box())) {
          return true;
        }
      }
    }
    return false;
  }

  private static String describe(int done, LayoutSample s) {
    StringBuilder line = new StringBuilder().append('[').append(done).append("] ").append(s.key());
    if (s.error() != null) {
      return line.append(": ERROR ").append(s.error()).toString();
    }
    LayoutScores sc = s.scores();
    line.append(": ")
        .append(sc.matchedLines())
        .append('/')
        .append(sc.truthLines())
        .append(" texts placed");
    if (sc.matchedLines() > 0) {
      line.append(String.format(java.util.Locale.ROOT, " · mean IoU %.2f", sc.meanIouMatched()));
    }
    if (!s.valid()) {
      line.append(" · INVALID");
    }
    if (s.overlapping()) {
      line.append(" · OVERLAP");
    }
    return line.append(String.format(java.util.Locale.ROOT, " · plan %.1f ms", s.planMillis()))
        .toString();
  }

  /** Settings: {@code set*} required, {@code opt*} with defaults. */
  public static final class Builder {
    private LayoutPlanner planner;
    private LayoutLimits limits = LayoutLimits.DEFAULT;
    private String corpus = "(in memory)";
    private boolean warmUp = true;
    private int keepImages = DEFAULT_KEPT_IMAGES;
    private Consumer<String> progress = line -> {};

    private Builder() {}

    public Builder setPlanner(LayoutPlanner planner) {
      this.planner = planner;
      return this;
    }

    /** The limits plans are checked against; default {@link LayoutLimits#DEFAULT}. */
    public Builder optLimits(LayoutLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Where the samples came from, as {@code metrics.json} records it. */
    public Builder optCorpus(String corpus) {
      this.corpus = Objects.requireNonNull(corpus, "corpus");
      return this;
    }

    public Builder optWarmUp(boolean warmUp) {
      this.warmUp = warmUp;
      return this;
    }

    /** How many samples keep their image for the report; default {@link #DEFAULT_KEPT_IMAGES}. */
    public Builder optKeepImages(int keepImages) {
      this.keepImages = keepImages;
      return this;
    }

    public Builder optProgress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    public LayoutEval build() {
      if (planner == null) {
        throw new IllegalArgumentException("the evaluation needs a planner (setPlanner)");
      }
      return new LayoutEval(this);
    }
  }
}
