package io.glyphwright.eval.layouts;

import io.glyphwright.core.Layout;
import io.glyphwright.eval.Language;
import java.util.List;
import java.util.Objects;

/**
 * One corpus sample planned from its caption and compared with its ground-truth layout.
 *
 * @param key the corpus sample's key
 * @param caption the prompt given to the planner
 * @param lang the language of the ground-truth texts
 * @param truth the ground-truth layout; null when the sample's {@code layout} could not be read
 * @param planned the planner's layout; null when planning failed
 * @param planner the planner that answered; null when planning failed
 * @param valid true when the planned layout, printed as TD2 and parsed back, obeys the layout rules
 * @param unrepaired true when the validator did not have to change the planner's raw output
 * @param overlapping true when two planned line boxes overlap
 * @param pairs one per ground-truth line, in its order
 * @param extraPlanned planned texts that match no ground-truth line
 * @param planMessages the planner's notes and repairs
 * @param planMillis time to plan; NaN when planning failed
 * @param error why the sample failed, or null
 * @param image the corpus image bytes, kept for the report (null beyond its limit)
 * @param imageMime {@code image/png} or {@code image/jpeg}
 */
public record LayoutSample(
    String key,
    String caption,
    Language lang,
    Layout truth,
    Layout planned,
    String planner,
    boolean valid,
    boolean unrepaired,
    boolean overlapping,
    List<LinePair> pairs,
    List<String> extraPlanned,
    List<String> planMessages,
    double planMillis,
    String error,
    byte[] image,
    String imageMime) {

  public LayoutSample {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(lang, "lang");
    pairs = List.copyOf(pairs);
    extraPlanned = List.copyOf(extraPlanned);
    planMessages = List.copyOf(planMessages);
  }

  /** The figures of this sample, to be summed over a group. */
  public LayoutScores scores() {
    int matched = (int) pairs.stream().filter(LinePair::matched).count();
    double iouSum = pairs.stream().mapToDouble(LinePair::iou).sum();
    return new LayoutScores(
        1,
        planned != null ? 1 : 0,
        valid ? 1 : 0,
        unrepaired ? 1 : 0,
        overlapping ? 1 : 0,
        pairs.size(),
        planned == null ? 0 : planned.lines().size(),
        matched,
        iouSum);
  }
}
