package io.glyphwright.ocr.ppocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glyphwright.ocr.ppocr.CtcDecoder.CtcChar;
import java.util.List;
import org.junit.jupiter.api.Test;

class CtcDecoderTest {
  // Classes: 0 blank, 1 "a", 2 "b", 3 "c", 4 space.
  private static final CharacterDictionary DICT = CharacterDictionary.of(List.of("a", "b", "c"));

  /** One time step with probability p on class k and the rest spread evenly. */
  private static float[] step(int k, float p) {
    float[] row = new float[DICT.classes()];
    java.util.Arrays.fill(row, (1 - p) / (row.length - 1));
    row[k] = p;
    return row;
  }

  private static float[] matrix(float[]... steps) {
    float[] flat = new float[steps.length * DICT.classes()];
    for (int t = 0; t < steps.length; t++) {
      System.arraycopy(steps[t], 0, flat, t * DICT.classes(), DICT.classes());
    }
    return flat;
  }

  @Test
  void dictionaryHasBlankFirstAndSpaceLast() {
    assertEquals(5, DICT.classes());
    assertEquals("", DICT.symbol(CharacterDictionary.BLANK));
    assertEquals("a", DICT.symbol(1));
    assertEquals(" ", DICT.symbol(4));
  }

  @Test
  void mergesRepeatsDropsBlanksAndKeepsRepeatsSplitByABlank() {
    float[] probs =
        matrix(
            step(0, 0.9f), // blank
            step(1, 0.8f), // a
            step(1, 0.6f), // a (same run)
            step(0, 0.9f), // blank splits the run
            step(1, 0.7f), // a again: a second "a"
            step(2, 0.9f), // b straight after a: a new character without a blank
            step(2, 0.5f), // b (same run)
            step(4, 0.6f), // space
            step(3, 0.95f), // c
            step(0, 0.9f));
    CtcDecoder.Decoded d = CtcDecoder.decode(probs, 0, 10, DICT);
    assertEquals("aab c", d.text());
    assertEquals(
        List.of(
            new CtcChar("a", 1, 2, 0.8f),
            new CtcChar("a", 4, 4, 0.7f),
            new CtcChar("b", 5, 6, 0.9f),
            new CtcChar(" ", 7, 7, 0.6f),
            new CtcChar("c", 8, 8, 0.95f)),
        d.chars());
    // Naive reference: mean of the probability at each character's first step.
    assertEquals((0.8 + 0.7 + 0.9 + 0.6 + 0.95) / 5, d.confidence(), 1e-6);
  }

  @Test
  void allBlankDecodesToNothingWithZeroConfidence() {
    CtcDecoder.Decoded d = CtcDecoder.decode(matrix(step(0, 0.99f), step(0, 0.99f)), 0, 2, DICT);
    assertEquals("", d.text());
    assertEquals(0, d.confidence());
  }

  @Test
  void decodesTheSecondItemOfABatchFromItsOffset() {
    float[] first = matrix(step(1, 0.9f), step(0, 0.9f));
    float[] second = matrix(step(3, 0.9f), step(3, 0.9f));
    float[] batch = new float[first.length + second.length];
    System.arraycopy(first, 0, batch, 0, first.length);
    System.arraycopy(second, 0, batch, first.length, second.length);
    assertEquals("c", CtcDecoder.decode(batch, 2 * DICT.classes(), 2, DICT).text());
  }

  @Test
  void alignmentSpansNeighboursAndSkipsSpaces() {
    // Characters fire at steps 2, 6, (space 9), 12; 4 input pixels per step, 64 px of content.
    List<CtcChar> chars =
        List.of(
            new CtcChar("a", 2, 2, 1f),
            new CtcChar("b", 6, 6, 1f),
            new CtcChar(" ", 9, 9, 1f),
            new CtcChar("c", 12, 12, 1f));
    List<CtcAlignment.Span> spans = CtcAlignment.spans(chars, 4, 64);
    assertEquals(3, spans.size());
    // Borders half-way between runs: (2+1+6)/2 = 4.5 steps = 18 px; b ends half-way to the
    // space: (6+1+9)/2 = 8 steps = 32 px; c starts half-way from it: (9+1+12)/2 = 11 → 44 px.
    assertEquals(18, spans.get(0).right(), 1e-9);
    assertEquals(18, spans.get(1).left(), 1e-9);
    assertEquals(32, spans.get(1).right(), 1e-9);
    assertEquals(44, spans.get(2).left(), 1e-9);
    // Outer edges: half the mean pitch (centres 10 and 50 px, 3 gaps → 20/2... pitch 13.33).
    double halfPitch = (12.5 * 4 - 2.5 * 4) / 3 / 2;
    assertEquals(2.5 * 4 - halfPitch, spans.get(0).left(), 1e-9);
    assertEquals(12.5 * 4 + halfPitch, spans.get(2).right(), 1e-9);
  }
}
