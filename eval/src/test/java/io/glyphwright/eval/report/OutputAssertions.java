package io.glyphwright.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks on the written outputs that several tests share. */
public final class OutputAssertions {
  private OutputAssertions() {}

  /** What a reader of metrics.json may rely on (docs/EVAL.md). */
  public static void assertMetricsSchema(JsonNode m) {
    assertEquals(1, m.get("schema_version").intValue());
    assertEquals("text-fidelity", m.get("kind").stringValue());
    assertTrue(m.get("created").isString());
    for (String f : List.of("prompts", "source", "judge", "planner", "seeds", "width", "height")) {
      assertTrue(m.get("config").has(f), "config." + f);
    }
    for (String f :
        List.of("normalisation", "case", "whitespace", "words", "exact_read", "ned", "averaging")) {
      assertTrue(m.get("rules").get(f).isString(), "rules." + f);
    }
    for (String f : List.of("prompts", "samples", "requested_texts", "errors")) {
      assertTrue(m.get("counts").get(f).isNumber(), "counts." + f);
    }
    assertGroup(m.get("overall"));
    for (String lang : List.of("en", "zh", "mixed")) {
      assertGroup(m.get("by_language").get(lang));
    }
    for (String stage : List.of("plan", "render", "generate", "judge")) {
      assertTrue(m.get("latency_ms").has(stage), "latency_ms." + stage);
      JsonNode s = m.get("latency_ms").get(stage);
      if (!s.isNull()) {
        for (String f : List.of("count", "median_ms", "p95_ms", "mean_ms", "max_ms")) {
          assertTrue(s.get(f).isNumber(), stage + "." + f);
        }
      }
    }
  }

  private static void assertGroup(JsonNode g) {
    for (String f :
        List.of(
            "samples",
            "requested_texts",
            "ocr_accuracy",
            "sentence_accuracy",
            "ned",
            "word_precision",
            "word_recall",
            "word_f1",
            "words")) {
      assertTrue(g.has(f), f + " in " + g);
    }
  }

  /** Self-contained: nothing outside the file is referenced, every image is inline. */
  public static void assertSelfContained(String html) {
    assertFalse(html.contains("http"), "an http reference");
    assertFalse(html.contains("<script"), "a script");
    assertFalse(html.contains("<link"), "a linked resource");
    assertFalse(html.contains("url("), "a CSS url()");
    int at = 0;
    while ((at = html.indexOf("src=\"", at)) >= 0) {
      at += 5;
      assertTrue(html.startsWith("data:image/", at), "a src that is not inline at " + at);
    }
  }
}
