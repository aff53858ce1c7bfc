package io.glyphwright.eval.metrics;

import io.glyphwright.eval.text.TextRules;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * MARIOEval's word counts for one image (or, summed, for many): the requested words, the words
 * read, and how many read words are requested ones, as multisets (a word asked for twice and read
 * once counts once). Words follow {@link TextRules#words}: Chinese counts per character.
 *
 * @param requested words in the requested texts
 * @param read words in the read lines
 * @param correct size of the multiset intersection
 */
public record WordCounts(long requested, long read, long correct) {
  public static final WordCounts ZERO = new WordCounts(0, 0, 0);

  public static WordCounts of(Collection<String> requestedTexts, Collection<String> readTexts) {
    Map<String, Integer> want = new HashMap<>();
    long requested = 0;
    for (String t : requestedTexts) {
      for (String w : TextRules.words(t)) {
        want.merge(w, 1, Integer::sum);
        requested++;
      }
    }
    long read = 0;
    long correct = 0;
    for (String t : readTexts) {
      for (String w : TextRules.words(t)) {
        read++;
        Integer left = want.get(w);
        if (left != null && left > 0) {
          want.put(w, left - 1);
          correct++;
        }
      }
    }
    return new WordCounts(requested, read, correct);
  }

  public WordCounts plus(WordCounts o) {
    return new WordCounts(requested + o.requested, read + o.read, correct + o.correct);
  }

  /** Correct words over read words; 0 when nothing was read. */
  public double precision() {
    return read == 0 ? 0.0 : (double) correct / read;
  }

  /** Correct words over requested words; 0 when nothing was requested. */
  public double recall() {
    return requested == 0 ? 0.0 : (double) correct / requested;
  }

  /** The harmonic mean of precision and recall; 0 when both are 0. */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
}
