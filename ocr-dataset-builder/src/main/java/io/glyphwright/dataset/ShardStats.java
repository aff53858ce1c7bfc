package io.glyphwright.dataset;

import io.glyphwright.core.LayoutJson;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one shard holds: how many inputs it covered, how many it kept, and why it rejected the rest.
 * Written beside the shard as {@code shard-NNNNNN_stats.json}; holds nothing that changes from run
 * to run, so a rerun gives the same bytes.
 *
 * @param shard the shard's number
 * @param inputs the inputs the shard covered (kept + rejected)
 * @param kept the samples written to the shard
 * @param rejects rejected inputs per reason, sorted by reason
 */
public record ShardStats(int shard, long inputs, long kept, SortedMap<String, Long> rejects) {
  public ShardStats {
    rejects = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(rejects)));
    long rejected = rejects.values().stream().mapToLong(Long::longValue).sum();
    if (kept < 0 || kept + rejected != inputs) {
      throw new IllegalArgumentException(
          "shard "
              + shard
              + ": inputs ("
              + inputs
              + ") must equal kept ("
              + kept
              + ") plus rejected ("
              + rejected
              + ")");
    }
  }

  public long rejected() {
    return inputs - kept;
  }

  public String toJson() {
    ObjectNode root = LayoutJson.mapper().createObjectNode();
    root.put("shard", ShardNames.tar(shard));
    root.put("inputs", inputs);
    root.put("kept", kept);
    ObjectNode r = root.putObject("rejects");
    for (Map.Entry<String, Long> e : rejects.entrySet()) {
      r.put(e.getKey(), e.getValue());
    }
    return root.toString();
  }

  /**
   * Reads what {@link #toJson} wrote.
   *
   * @throws IllegalArgumentException when the text is not a shard's stats
   */
  public static ShardStats fromJson(String json) {
    JsonNode root;
    try {
      root = LayoutJson.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "shard stats are not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode name = root.get("shard");
    JsonNode inputs = root.get("inputs");
    JsonNode kept = root.get("kept");
    JsonNode rejectsNode = root.get("rejects");
    if (name == null
        || !name.isString()
        || inputs == null
        || !inputs.canConvertToLong()
        || kept == null
        || !kept.canConvertToLong()
        || rejectsNode == null
        || !rejectsNode.isObject()) {
      throw new IllegalArgumentException(
          "shard stats need shard, inputs, kept and rejects; got " + json);
    }
    SortedMap<String, Long> rejects = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : rejectsNode.properties()) {
      rejects.put(e.getKey(), e.getValue().asLong());
    }
    int shard =
        ShardNames.shardNumber(name.stringValue())
            .orElseThrow(
                () ->
                    new IllegalArgumentException("'" + name.stringValue() + "' is no shard name"));
    return new ShardStats(shard, inputs.asLong(), kept.asLong(), rejects);
  }
}
