package io.glyphwright.eval.report;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.core.Box;
import io.glyphwright.eval.metrics.LatencyStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON helpers shared by the writers: undefined rates as null, rounding, atomic files. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Puts a rate or mean, or null when it is undefined (NaN). */
  static void putNumber(ObjectNode node, String field, double value) {
    if (Double.isNaN(value)) {
      node.putNull(field);
    } else {
      node.put(field, round(value, 6));
    }
  }

  static double round(double v, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(v * scale) / scale;
  }

  static void putBox(ObjectNode node, String field, Box box) {
    if (box == null) {
      node.putNull(field);
    } else {
      node.putArray(field).add(box.left()).add(box.top()).add(box.right()).add(box.bottom());
    }
  }

  static void putStrings(ObjectNode node, String field, List<String> values) {
    var array = node.putArray(field);
    values.forEach(array::add);
  }

  /** {@code {count, median_ms, p95_ms, mean_ms, max_ms}}, or null. */
  static void putLatency(ObjectNode node, String field, LatencyStats stats) {
    if (stats == null) {
      node.putNull(field);
      return;
    }
    ObjectNode s = node.putObject(field);
    s.put("count", stats.count());
    s.put("median_ms", round(stats.medianMs(), 3));
    s.put("p95_ms", round(stats.p95Ms(), 3));
    s.put("mean_ms", round(stats.meanMs(), 3));
    s.put("max_ms", round(stats.maxMs(), 3));
  }

  static String pretty(JsonNode node) {
    return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
  }

  static String line(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Writes {@code text} to {@code file} atomically: readers see the old file or the whole new one.
   */
  static void writeAtomically(Path file, String text) throws IOException {
    AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
