package io.glyphwright.eval.layouts;

import io.glyphwright.eval.Language;
import io.glyphwright.eval.metrics.LatencyStats;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finished layout-planner run.
 *
 * @param corpus where the samples came from
 * @param planner the planner asked
 * @param samples every sample, in corpus order
 */
public record LayoutResult(String corpus, String planner, List<LayoutSample> samples) {
  public LayoutResult {
    Objects.requireNonNull(corpus, "corpus");
    Objects.requireNonNull(planner, "planner");
    samples = List.copyOf(samples);
  }

  public LayoutScores overall() {
    return samples.stream()
        .map(LayoutSample::scores)
        .reduce(LayoutScores.EMPTY, LayoutScores::plus);
  }

  /** Scores per language of the ground-truth texts, every language present. */
  public Map<Language, LayoutScores> byLanguage() {
    Map<Language, LayoutScores> out = new EnumMap<>(Language.class);
    for (Language l : Language.values()) {
      out.put(l, LayoutScores.EMPTY);
    }
    for (LayoutSample s : samples) {
      out.merge(s.lang(), s.scores(), LayoutScores::plus);
    }
    return out;
  }

  /** Planning latency over the samples planned; null when none was. */
  public LatencyStats planLatency() {
    return LatencyStats.of(
        samples.stream().map(LayoutSample::planMillis).filter(ms -> !Double.isNaN(ms)).toList());
  }

  public long errors() {
    return samples.stream().filter(s -> s.error() != null).count();
  }
}
