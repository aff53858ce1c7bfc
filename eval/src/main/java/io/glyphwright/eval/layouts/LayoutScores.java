package io.glyphwright.eval.layouts;

/**
 * Layout-planner figures over a group of corpus samples (sums; the rates are micro-averages).
 *
 * @param samples samples
 * @param planned samples the planner answered without an error
 * @param valid samples whose planned layout parses back and obeys the rules
 * @param unrepaired samples whose raw planner output needed no repair
 * @param overlapping planned layouts with at least two overlapping line boxes
 * @param truthLines ground-truth lines
 * @param plannedLines planned lines
 * @param matchedLines ground-truth lines with a planned line of the same text
 * @param iouSum sum of the IoU of every ground-truth line (0 when unmatched)
 */
public record LayoutScores(
    long samples,
    long planned,
    long valid,
    long unrepaired,
    long overlapping,
    long truthLines,
    long plannedLines,
    long matchedLines,
    double iouSum) {

  public static final LayoutScores EMPTY = new LayoutScores(0, 0, 0, 0, 0, 0, 0, 0, 0.0);

  public LayoutScores plus(LayoutScores o) {
    return new LayoutScores(
        samples + o.samples,
        planned + o.planned,
        valid + o.valid,
        unrepaired + o.unrepaired,
        overlapping + o.overlapping,
        truthLines + o.truthLines,
        plannedLines + o.plannedLines,
        matchedLines + o.matchedLines,
        iouSum + o.iouSum);
  }

  /** Share of samples whose planned layout parses back and obeys the layout rules. */
  public double parseValidity() {
    return ratio(valid, samples);
  }

  /** Share of samples whose planner output needed no repair by the validator. */
  public double unrepairedRate() {
    return ratio(unrepaired, samples);
  }

  /** Share of ground-truth texts that the planner placed (same text, compact form). */
  public double textRecall() {
    return ratio(matchedLines, truthLines);
  }

  /** Share of planned lines whose text is a ground-truth text. */
  public double textPrecision() {
    return ratio(matchedLines, plannedLines);
  }

  /** Mean IoU over all ground-truth lines, 0 for a line the planner did not place. */
  public double meanIou() {
    return ratio(iouSum, truthLines);
  }

  /** Mean IoU over the ground-truth lines the planner placed. */
  public double meanIouMatched() {
    return ratio(iouSum, matchedLines);
  }

  /** Share of planned layouts (of those planned) with two overlapping line boxes. */
  public double overlapRate() {
    return ratio(overlapping, planned);
  }

  private static double ratio(double a, long b) {
    return b == 0 ? Double.NaN : a / b;
  }
}
