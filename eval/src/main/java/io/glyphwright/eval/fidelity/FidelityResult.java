package io.glyphwright.eval.fidelity;

import io.glyphwright.eval.Language;
import io.glyphwright.eval.metrics.FidelityScores;
import io.glyphwright.eval.metrics.LatencyStats;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A finished text-fidelity run: its settings and every sample, with the figures computed from them.
 */
public record FidelityResult(FidelityConfig config, List<FidelitySample> samples) {
  public FidelityResult {
    Objects.requireNonNull(config, "config");
    samples = List.copyOf(samples);
  }

  /** The scores over all samples. */
  public FidelityScores overall() {
    return samples.stream()
        .map(FidelitySample::scores)
        .reduce(FidelityScores.EMPTY, FidelityScores::plus);
  }

  /** The scores per language, every language present (with empty scores when it has no sample). */
  public Map<Language, FidelityScores> byLanguage() {
    Map<Language, FidelityScores> out = new EnumMap<>(Language.class);
    for (Language l : Language.values()) {
      out.put(l, FidelityScores.EMPTY);
    }
    for (FidelitySample s : samples) {
      out.merge(s.prompt().lang(), s.scores(), FidelityScores::plus);
    }
    return out;
  }

  /** Latency summaries per stage over the samples that ran it; null for a stage none ran. */
  public Map<Stage, LatencyStats> latency() {
    Map<Stage, LatencyStats> out = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      List<Double> v = new ArrayList<>();
      for (FidelitySample s : samples) {
        Double ms = s.millis().get(stage);
        if (ms != null) {
          v.add(ms);
        }
      }
      out.put(stage, LatencyStats.of(v));
    }
    return out;
  }

  /** How many samples failed with an error. */
  public long errors() {
    return samples.stream().filter(s -> s.error() != null).count();
  }
}
