package io.glyphwright.eval.fidelity;

import io.glyphwright.core.Layout;
import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.eval.match.LineVerdict;
import io.glyphwright.eval.match.MatchKind;
import io.glyphwright.eval.match.Matching;
import io.glyphwright.eval.metrics.FidelityScores;
import io.glyphwright.eval.metrics.WordCounts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One judged sample: a prompt at one seed.
 *
 * @param prompt the prompt
 * @param seed the seed (the mask source ignores it)
 * @param planner the planner that produced the layout; null when planning failed
 * @param plannedTexts the texts the planner placed
 * @param planMessages the planner's notes and repairs
 * @param layout the rendered layout (character boxes filled); null when planning or rendering
 *     failed
 * @param judgement what the judge read; null when the sample failed before or during judging
 * @param millis the time of each stage that ran, in milliseconds
 * @param error why the sample failed, or null; a failed sample scores as read wrong
 * @param images the judged image and the glyph mask as PNG
 */
public record FidelitySample(
    EvalPrompt prompt,
    long seed,
    String planner,
    List<String> plannedTexts,
    List<String> planMessages,
    Layout layout,
    Judgement judgement,
    Map<Stage, Double> millis,
    String error,
    SampleImages images) {

  public FidelitySample {
    Objects.requireNonNull(prompt, "prompt");
    plannedTexts = List.copyOf(plannedTexts);
    planMessages = List.copyOf(planMessages);
    EnumMap<Stage, Double> copy = new EnumMap<>(Stage.class);
    copy.putAll(millis);
    millis = Collections.unmodifiableMap(copy);
    images = images == null ? SampleImages.NONE : images;
  }

  /** One verdict per requested text; when the sample failed, every text is a miss with NED 0. */
  public Matching matching() {
    if (judgement != null) {
      return judgement.matching();
    }
    List<LineVerdict> missed = new ArrayList<>();
    for (String t : prompt.texts()) {
      missed.add(new LineVerdict(t, MatchKind.NONE, 0.0, "", List.of()));
    }
    return new Matching(missed, List.of());
  }

  public FidelityScores scores() {
    WordCounts words =
        judgement != null ? judgement.words() : WordCounts.of(prompt.texts(), List.of());
    return FidelityScores.of(matching(), words);
  }

  /**
   * PNG images of a sample.
   *
   * @param image the image the judge read; null when none was made
   * @param mask the glyph mask (255 = ink); null when rendering failed
   */
  public record SampleImages(byte[] image, byte[] mask) {
    public static final SampleImages NONE = new SampleImages(null, null);
  }
}
