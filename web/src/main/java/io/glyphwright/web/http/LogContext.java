package io.glyphwright.web.http;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Runs a few log calls with MDC entries set (and the previous values put back). Ids go in the MDC,
 * never as key-value pairs of the same name: the structured encoder refuses duplicate keys.
 */
public final class LogContext {
  private LogContext() {}

  public static void with(String key, String value, Runnable logging) {
    with(Map.of(key, value == null ? "-" : value), logging);
  }

  public static void with(Map<String, String> entries, Runnable logging) {
    Map<String, String> previous = new HashMap<>();
    entries.forEach(
        (k, v) -> {
          previous.put(k, MDC.get(k));
          MDC.put(k, v);
        });
    try {
      logging.run();
    } finally {
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              MDC.remove(k);
            } else {
              MDC.put(k, v);
            }
          });
    }
  }
}
