package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.llm.LlmPlanner;
import io.glyphwright.layout.lm.LayoutLmModels;
import io.glyphwright.layout.lm.LayoutLmTrainer;
import io.glyphwright.layout.lm.TrainingExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannersTest {
  @Test
  void namesAreForgivingAndAutoFallsBackToTheHeuristicPlanner(@TempDir Path empty) {
    assertEquals("heuristic", Planners.byName(" Heuristic ", GlyphRenderer.system()).name());
    String before = System.getProperty(LayoutLmModels.PROPERTY);
    System.setProperty(LayoutLmModels.PROPERTY, empty.toString());
    try {
      LayoutPlanner auto = Planners.byName("AUTO", GlyphRenderer.system());
      assertEquals("auto", auto.name());
      PlanRequest request = new PlanRequest("A sign that says 'OPEN'", new Canvas(512, 512));
      PlanResult result = auto.plan(request);
      assertEquals("heuristic", result.planner());
      PlanResult heuristic = new HeuristicPlanner(GlyphRenderer.system()).plan(request);
      assertEquals(heuristic.layout(), result.layout());
      assertEquals(1, result.notes().size() - heuristic.notes().size(), result.notes().toString());
      assertTrue(result.notes().get(0).startsWith("lm was not used"), result.notes().toString());
    } finally {
      restore(LayoutLmModels.PROPERTY, before);
    }
  }

  @Test
  void autoPrefersTheInstalledLayoutModel() {
    assumeTrue(LayoutLmModels.find().isPresent(), "no layout model package in this checkout");
    PlanResult result =
        Planners.byName("auto", GlyphRenderer.system())
            .plan(new PlanRequest("A poster that says 'SUMMER SALE'", new Canvas(512, 512)));
    assertEquals("lm", result.planner());
    assertEquals("SUMMER SALE", result.layout().lines().get(0).text());
  }

  @Test
  void unknownAndUnbuiltPlannersSayWhatToUse() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> Planners.byName("gpt", GlyphRenderer.system()));
    assertEquals("unknown planner 'gpt': use auto, heuristic, lm, llm", unknown.getMessage());
  }

  @Test
  void lmWithoutAModelPackageSaysHowToGetOne(@TempDir Path empty) {
    String before = System.getProperty(LayoutLmModels.PROPERTY);
    System.setProperty(LayoutLmModels.PROPERTY, empty.toString());
    try {
      IllegalArgumentException lm =
          assertThrows(
              IllegalArgumentException.class, () -> Planners.byName("lm", GlyphRenderer.system()));
      assertTrue(lm.getMessage().contains("no layout model at " + empty), lm.getMessage());
      assertTrue(lm.getMessage().contains("./glyphwright train layout"), lm.getMessage());
    } finally {
      restore(LayoutLmModels.PROPERTY, before);
    }
  }

  @Test
  void lmIsTheInstalledLayoutModel(@TempDir Path dir) throws Exception {
    LayoutLmTrainer.Settings tiny =
        new LayoutLmTrainer.Settings(
            "tiny", 2, 2, 1e-3, 1, 0, 1, 16, 1, 2, 32, 96, 1, 10, 10, 10, "test");
    new LayoutLmTrainer(tiny, dir, line -> {})
        .train(
            List.of(new TrainingExample("A sign that says 'OPEN'", "OPEN 20,40,108,70\n")),
            List.of(),
            false);
    String before = System.getProperty(LayoutLmModels.PROPERTY);
    System.setProperty(LayoutLmModels.PROPERTY, dir.toString());
    try {
      LayoutPlanner lm = Planners.byName(" LM ", GlyphRenderer.system());
      assertEquals("lm", lm.name());
      PlanResult r = lm.plan(new PlanRequest("A sign that says 'OPEN'", new Canvas(512, 512)));
      assertEquals("lm", r.planner());
      // Two steps of training teach it little: it may add lines taken from the prompt.
      assertEquals("OPEN", r.requestedTexts().get(0));
      assertEquals("OPEN", r.layout().lines().get(0).text());
    } finally {
      restore(LayoutLmModels.PROPERTY, before);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
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
