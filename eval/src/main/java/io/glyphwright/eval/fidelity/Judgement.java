package io.glyphwright.eval.fidelity;

import io.glyphwright.eval.match.LineMatcher;
import io.glyphwright.eval.match.Matching;
import io.glyphwright.eval.match.ReadLine;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.eval.metrics.FidelityScores;
import io.glyphwright.eval.metrics.WordCounts;
import java.util.List;
import java.util.Objects;

/**
 * What the judge made of one image.
 *
 * @param requested the lines the image had to show
 * @param reads the lines the OCR engine read, in its reading order
 * @param matching which requested lines were read exactly, and the NED of the others
 * @param words MARIOEval's word counts
 */
public record Judgement(
    List<RequestedLine> requested, List<ReadLine> reads, Matching matching, WordCounts words) {
  public Judgement {
    requested = List.copyOf(requested);
    reads = List.copyOf(reads);
    Objects.requireNonNull(matching, "matching");
    Objects.requireNonNull(words, "words");
  }

  /** Scores {@code reads} against {@code requested} (no OCR involved). */
  public static Judgement of(List<RequestedLine> requested, List<ReadLine> reads) {
    return new Judgement(
        requested,
        reads,
        LineMatcher.match(requested, reads),
        WordCounts.of(
            requested.stream().map(RequestedLine::text).toList(),
            reads.stream().map(ReadLine::text).toList()));
  }

  public FidelityScores scores() {
    return FidelityScores.of(matching, words);
  }
}
