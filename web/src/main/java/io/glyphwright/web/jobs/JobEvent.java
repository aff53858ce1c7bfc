package io.glyphwright.web.jobs;

import java.util.Map;
import java.util.Objects;

/**
 * One server-sent event of a job.
 *
 * @param seq 1-based position in the job's event stream (the SSE {@code id})
 * @param type {@code progress}, {@code preview}, {@code done} or {@code error}
 * @param data the event's JSON payload
 */
public record JobEvent(long seq, String type, Map<String, Object> data) {
  public static final String PROGRESS = "progress";
  public static final String PREVIEW = "preview";
  public static final String DONE = "done";
  public static final String ERROR = "error";

  public JobEvent {
    Objects.requireNonNull(type, "type");
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  public boolean terminal() {
    return type.equals(DONE) || type.equals(ERROR);
  }
}
