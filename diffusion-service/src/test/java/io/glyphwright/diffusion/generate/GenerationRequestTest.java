package io.glyphwright.diffusion.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.diffusion.sampling.SchedulerKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class GenerationRequestTest {
  private static final Layout LAYOUT =
      new Layout(64, 64, 128, List.of(new TextLine("SALE", new Box(10, 10, 118, 40))));

  private static GenerationRequest base() {
    return GenerationRequest.of("a poster", LAYOUT, 1);
  }

  private static void refused(String message, Executable build) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, build).getMessage());
  }

  @Test
  void defaultsAreTheGenerators() {
    GenerationRequest r = base();
    assertEquals(20, r.steps());
    assertEquals(3.0, r.guidance());
    assertEquals("dpm++2m", r.scheduler());
    assertEquals(1, r.n());
    assertEquals(1, r.bestOf());
    assertEquals(GuidanceMode.GLYPHS, r.guidanceMode());
    assertEquals(2.0, r.promptGuidance());
    // The default prompt guidance follows the mode; one the caller chose stays.
    assertEquals(1.0, r.withGuidanceMode(GuidanceMode.TEXT_AND_GLYPHS).promptGuidance());
    assertEquals(
        2.0,
        r.withGuidanceMode(GuidanceMode.TEXT)
            .withGuidanceMode(GuidanceMode.GLYPHS)
            .promptGuidance());
    assertEquals(
        1.5, r.withPromptGuidance(1.5).withGuidanceMode(GuidanceMode.GLYPHS).promptGuidance());
    assertEquals(
        1.0,
        new GenerationRequest("", LAYOUT, 20, 5, "ddim", 0, 1, 1, GuidanceMode.TEXT)
            .promptGuidance());
    assertEquals(
        2.0, new GenerationRequest("", LAYOUT, 20, 5, "ddim", 0, 1, 1, null).promptGuidance());
  }

  @Test
  void thePromptScaleIsKeptByEveryWitherAndBelongsToTheGlyphsMode() {
    GenerationRequest r = base().withPromptGuidance(2.5);
    assertEquals(2.5, r.withSteps(3).withSeed(2).withN(2).withBestOf(2).promptGuidance());
    assertEquals(2.5, r.withGuidance(3).withScheduler("ddim").promptGuidance());
    refused("promptGuidance must be 0.0..30.0, got 31.0", () -> base().withPromptGuidance(31));
    refused(
        "promptGuidance must be 0.0..30.0, got NaN", () -> base().withPromptGuidance(Double.NaN));
    refused(
        "promptGuidance applies to guidance mode glyphs only (text+glyphs guides the prompt by"
            + " guidance); got 2.5 with text+glyphs",
        () -> r.withGuidanceMode(GuidanceMode.TEXT_AND_GLYPHS));
    assertEquals(
        1.0, base().withGuidanceMode(GuidanceMode.TEXT).withPromptGuidance(1).promptGuidance());
  }

  @Test
  void theGuidanceModeIsKeptByEveryWitherAndLookedUpByName() {
    GenerationRequest r = base().withGuidanceMode(GuidanceMode.TEXT);
    assertEquals(GuidanceMode.TEXT, r.withSteps(3).withSeed(2).withN(2).guidanceMode());
    assertEquals(
        GuidanceMode.TEXT, r.withGuidance(2).withScheduler("ddim").withBestOf(2).guidanceMode());
    assertEquals(GuidanceMode.GLYPHS, r.withGuidanceMode(null).guidanceMode());
    assertEquals(GuidanceMode.TEXT_AND_GLYPHS, GuidanceMode.lookup(" Text+Glyphs"));
    assertEquals(GuidanceMode.TEXT_AND_GLYPHS, GuidanceMode.lookup("text_and_glyphs"));
    assertEquals(GuidanceMode.TEXT, GuidanceMode.lookup("TEXT"));
    assertEquals(GuidanceMode.GLYPHS, GuidanceMode.lookup("glyphs"));
    refused(
        "unknown guidance mode 'prompt'; known: text, text+glyphs, glyphs",
        () -> GuidanceMode.lookup("prompt"));
  }

  @Test
  void theSchedulerIsLookedUpForgivinglyAndKeptCanonical() {
    assertEquals("euler_a", base().withScheduler("Euler-Ancestral").scheduler());
    assertEquals(SchedulerKind.DDIM, base().withScheduler("DDIM").schedulerKind());
    refused(
        "unknown scheduler 'plms'; use one of: ddpm, ddim, dpm++2m, euler_a",
        () -> base().withScheduler("plms"));
  }

  @Test
  void valuesOutOfRangeAreRefusedNamingTheLimit() {
    refused("steps must be 1..200, got 0", () -> base().withSteps(0));
    refused("steps must be 1..200, got 201", () -> base().withSteps(201));
    refused("guidance must be 0.0..30.0, got -0.5", () -> base().withGuidance(-0.5));
    refused("guidance must be 0.0..30.0, got 30.5", () -> base().withGuidance(30.5));
    refused("guidance must be 0.0..30.0, got NaN", () -> base().withGuidance(Double.NaN));
    refused("n (images) must be 1..8, got 0", () -> base().withN(0));
    refused("n (images) must be 1..8, got 9", () -> base().withN(9));
    refused("bestOf (candidates per image) must be 1..16, got 0", () -> base().withBestOf(0));
    refused("bestOf (candidates per image) must be 1..16, got 17", () -> base().withBestOf(17));
    refused("layout is required (plan one first)", () -> GenerationRequest.of("x", null, 1));
    refused("prompt is required (\"\" for none)", () -> GenerationRequest.of(null, LAYOUT, 1));
    refused(
        "prompt must be at most 1000 characters, got 1001",
        () -> GenerationRequest.of("x".repeat(1001), LAYOUT, 1));
  }

  @Test
  void seedsFollowTheDocumentedRule() {
    GenerationRequest r = base().withSeed(1000).withN(3).withBestOf(4);
    assertEquals(1000, r.seedOf(0, 0));
    assertEquals(1002, r.seedOf(0, 2));
    assertEquals(1003, r.seedOf(1, 0));
    assertEquals(1000 + 3 * 3 + 2, r.seedOf(3, 2));
    assertEquals(Long.MIN_VALUE, base().withSeed(Long.MAX_VALUE).withN(2).seedOf(0, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> r.seedOf(4, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> r.seedOf(0, 3));
  }
}
