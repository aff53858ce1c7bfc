package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.glyph.GlyphRenderer;
import org.junit.jupiter.api.Test;

class PlannersTest {
  @Test
  void namesAreForgivingAndAutoPicksTheBestAvailable() {
    assertEquals("heuristic", Planners.byName(" Heuristic ", GlyphRenderer.system()).name());
    assertEquals("heuristic", Planners.byName("AUTO", GlyphRenderer.system()).name());
  }

  @Test
  void unknownAndUnbuiltPlannersSayWhatToUse() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class, () -> Planners.byName("gpt", GlyphRenderer.system()));
    assertEquals("unknown planner 'gpt': use auto or heuristic", unknown.getMessage());
    IllegalArgumentException lm =
        assertThrows(
            IllegalArgumentException.class, () -> Planners.byName("lm", GlyphRenderer.system()));
    assertTrue(lm.getMessage().contains("not built yet"), lm.getMessage());
  }
}
