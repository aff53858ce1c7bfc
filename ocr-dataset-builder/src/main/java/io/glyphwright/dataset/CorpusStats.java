package io.glyphwright.dataset;

import io.glyphwright.core.LayoutJson;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The corpus's {@code stats.json}: totals over every shard, and how this run went.
 *
 * @param shards number of shards in the corpus
 * @param total inputs covered (kept + rejected)
 * @param kept samples in the shards
 * @param rejects rejected inputs per reason, sorted by reason
 * @param shardsWritten shards this run wrote
 * @param shardsSkipped shards this run found finished and left alone
 * @param inputsProcessed inputs this run processed (those of the shards it wrote)
 * @param elapsedSeconds wall time of this run
 */
public record CorpusStats(
    int shards,
    long total,
    long kept,
    SortedMap<String, Long> rejects,
    int shardsWritten,
    int shardsSkipped,
    long inputsProcessed,
    double elapsedSeconds) {

  public CorpusStats {
    rejects = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(rejects)));
  }

  public long rejected() {
    return total - kept;
  }

  /** Inputs processed per second of this run; 0 when nothing was processed. */
  public double inputsPerSecond() {
    return inputsProcessed == 0 || elapsedSeconds <= 0 ? 0.0 : inputsProcessed / elapsedSeconds;
  }

  public String toJson() {
    ObjectNode root = LayoutJson.mapper().createObjectNode();
    root.put("shards", shards);
    root.put("total", total);
    root.put("kept", kept);
    root.put("rejected", rejected());
    ObjectNode r = root.putObject("rejects");
    for (Map.Entry<String, Long> e : rejects.entrySet()) {
      r.put(e.getKey(), e.getValue());
    }
    ObjectNode run = root.putObject("run");
    run.put("shardsWritten", shardsWritten);
    run.put("shardsSkipped", shardsSkipped);
    run.put("inputsProcessed", inputsProcessed);
    run.put("elapsedSeconds", Math.round(elapsedSeconds * 1000) / 1000.0);
    run.put("inputsPerSecond", Math.round(inputsPerSecond() * 100) / 100.0);
    return LayoutJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
