package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OptionMessagesTest {
  @Test
  void fieldsBecomeOptionsAndAShorterNameDoesNotMatchInsideALongerOne() {
    assertEquals(
        "--prompt-guidance must be 0.0..30.0, got 31.0",
        OptionMessages.withOptionNames("promptGuidance must be 0.0..30.0, got 31.0"));
    assertEquals(
        "--guidance must be 0.0..30.0, got 31.0",
        OptionMessages.withOptionNames("guidance must be 0.0..30.0, got 31.0"));
    assertEquals(
        "--prompt-guidance applies to guidance mode glyphs only (text guides the prompt by"
            + " guidance); got 2.0 with text",
        OptionMessages.withOptionNames(
            "promptGuidance applies to guidance mode glyphs only (text guides the prompt by"
                + " guidance); got 2.0 with text"));
    assertEquals(
        "unknown --guidance-mode 'x'; known: text, text+glyphs, glyphs",
        OptionMessages.withOptionNames(
            "unknown guidance mode 'x'; known: text, text+glyphs, glyphs"));
    assertEquals(
        "--best-of must be 1..16, got 0",
        OptionMessages.withOptionNames("bestOf (candidates per image) must be 1..16, got 0"));
    assertEquals(
        "--prompt must be at most 1000 characters, got 1001",
        OptionMessages.withOptionNames("prompt must be at most 1000 characters, got 1001"));
  }
}
