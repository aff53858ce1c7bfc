package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.llm.LlmPlanner;
import org.junit.jupiter.api.Test;

class PlannersTest {
  @Test
  void namesAreForgivingAndAutoFallsBackToTheHeuristicPlanner() {
    assertEquals("heuristic", Planners.byName(" Heuristic ", GlyphRenderer.system()).name());
    LayoutPlanner auto = Planners.byName("AUTO", GlyphRenderer.system());
    assertEquals("auto", auto.name());
    PlanRequest request = new PlanRequest("A sign that says 'OPEN'", new Canvas(512, 512));
    PlanResult result = auto.plan(request);
    assertEquals("heuristic", result.planner());
    assertEquals(new HeuristicPlanner(GlyphRenderer.system()).plan(request), result);
  }

  @Test
  void unknownAndUnbuiltPlannersSayWhatToUse() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> Planners.byName("gpt", GlyphRenderer.system()));
    assertEquals("unknown planner 'gpt': use auto, heuristic, llm", unknown.getMessage());
    IllegalArgumentException lm =
        assertThrows(
            IllegalArgumentException.class, () -> Planners.byName("lm", GlyphRenderer.system()));
    assertTrue(lm.getMessage().contains("not built yet"), lm.getMessage());
  }

  @Test
  void llmWithoutAnEndpointSaysWhatToSet() {
    assumeTrue(
        System.getenv("GLYPHWRIGHT_LLM_BASE_URL") == null
            && System.getProperty("glyphwright.llm.base-url") == null,
        "an LLM endpoint is configured on this machine");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Planners.byName("llm", GlyphRenderer.system()));
    assertTrue(
        e.getMessage().startsWith("the llm planner has no endpoint: set GLYPHWRIGHT_LLM_BASE_URL"),
        e.getMessage());
  }

  @Test
  void llmIsBuiltFromTheConfiguration() {
    String key = "glyphwright.llm.base-url";
    String before = System.getProperty(key);
    System.setProperty(key, "http://127.0.0.1:11434");
    System.setProperty("glyphwright.llm.provider", "ollama");
    try {
      LayoutPlanner planner = Planners.byName("llm", GlyphRenderer.system());
      assertEquals("llm", planner.name());
      assertEquals("http://127.0.0.1:11434", ((LlmPlanner) planner).config().baseUrl());
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
      System.clearProperty("glyphwright.llm.provider");
    }
  }
}
