package io.glyphwright.eval.metrics;

import io.glyphwright.eval.match.LineVerdict;
import io.glyphwright.eval.match.Matching;

/**
 * Text-fidelity figures over a group of samples. Rates are micro-averaged: sentence accuracy and
 * NED over all requested lines of the group, word precision and recall over the summed word counts,
 * OCR accuracy over samples.
 *
 * @param samples images judged
 * @param samplesAllExact images whose every requested line was read exactly
 * @param lines requested lines
 * @param linesExact requested lines read exactly
 * @param nedSum sum of the lines' NED
 * @param words summed word counts
 */
public record FidelityScores(
    long samples,
    long samplesAllExact,
    long lines,
    long linesExact,
    double nedSum,
    WordCounts words) {

  public static final FidelityScores EMPTY = new FidelityScores(0, 0, 0, 0, 0.0, WordCounts.ZERO);

  /** The scores of one image. */
  public static FidelityScores of(Matching matching, WordCounts words) {
    double ned = matching.lines().stream().mapToDouble(LineVerdict::ned).sum();
    return new FidelityScores(
        1, matching.allExact() ? 1 : 0, matching.lines().size(), matching.exactCount(), ned, words);
  }

  public FidelityScores plus(FidelityScores o) {
    return new FidelityScores(
        samples + o.samples,
        samplesAllExact + o.samplesAllExact,
        lines + o.lines,
        linesExact + o.linesExact,
        nedSum + o.nedSum,
        words.plus(o.words));
  }

  /** MARIOEval's OCR accuracy: share of images with every requested text read exactly. */
  public double ocrAccuracy() {
    return samples == 0 ? Double.NaN : (double) samplesAllExact / samples;
  }

  /** AnyText's sentence accuracy: share of requested lines read exactly. */
  public double sentenceAccuracy() {
    return lines == 0 ? Double.NaN : (double) linesExact / lines;
  }

  /** AnyText's NED (similarity, 1 = perfect), averaged over requested lines. */
  public double ned() {
    return lines == 0 ? Double.NaN : nedSum / lines;
  }
}
