package io.glyphwright.ocr.ppocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glyphwright.ocr.ppocr.CtcDecoder.CtcChar;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlyphBoxesTest {

  /** A 40 px high mask with ink blocks at the given [left, right) column ranges, rows 8..31. */
  private static InkMask blocks(int width, int[]... ranges) {
    boolean[] ink = new boolean[width * 40];
    for (int[] r : ranges) {
      for (int y = 8; y < 32; y++) {
        for (int x = r[0]; x < r[1]; x++) {
          ink[y * width + x] = true;
        }
      }
    }
    return InkMask.of(width, 40, ink);
  }

  @Test
  void snapsBordersIntoTheGapsAndShrinksToTheInk() {
    InkMask ink = blocks(100, new int[] {10, 30}, new int[] {36, 60}, new int[] {64, 90});
    List<CtcAlignment.Span> spans =
        List.of(
            new CtcAlignment.Span("a", 5, 34),
            new CtcAlignment.Span("b", 34, 61),
            new CtcAlignment.Span("c", 61, 95));
    List<double[]> boxes = GlyphBoxes.fit(spans, ink);
    assertArrayEquals(new double[] {10, 8, 30, 32}, boxes.get(0));
    assertArrayEquals(new double[] {36, 8, 60, 32}, boxes.get(1));
    assertArrayEquals(new double[] {64, 8, 90, 32}, boxes.get(2));
  }

  @Test
  void keepsTheCtcBorderWhereGlyphsTouch() {
    InkMask ink = blocks(100, new int[] {10, 90});
    List<CtcAlignment.Span> spans =
        List.of(new CtcAlignment.Span("a", 10, 50), new CtcAlignment.Span("b", 50, 90));
    List<double[]> boxes = GlyphBoxes.fit(spans, ink);
    assertEquals(50, boxes.get(0)[2]);
    assertEquals(50, boxes.get(1)[0]);
  }

  @Test
  void wideBlankRunBecomesASpaceAndNarrowOnesDoNot() {
    // Four glyphs; letter gaps of 4 px, one word gap of 20 px (half the 40 px height).
    InkMask ink =
        blocks(
            200, new int[] {10, 30}, new int[] {34, 54}, new int[] {74, 94}, new int[] {98, 118});
    // 4 px per step, 200 px of content in a 200 px crop; characters fire at their centres.
    List<CtcChar> chars =
        List.of(
            new CtcChar("a", 5, 5, 1f),
            new CtcChar("b", 11, 11, 1f),
            new CtcChar("c", 21, 21, 1f),
            new CtcChar("d", 27, 27, 1f));
    List<CtcChar> spaced = WordGaps.withSpaces(chars, null, ink, 4, 200);
    assertEquals("ab cd", String.join("", spaced.stream().map(CtcChar::text).toList()));
    CtcChar space = spaced.get(2);
    assertEquals(0f, space.probability(), "an added space does not vouch for the line");
    assertEquals(14, space.firstStep(), "starts at the gap (54 px = step 13.5)");
    assertEquals(17, space.lastStep(), "ends before it (74 px = step 18.5)");
  }

  @Test
  void theRecognisersSpaceHintTurnsANarrowerGapIntoASpace() {
    // Letter gaps of 4 px, one gap of 8 px (0.2 of the 40 px height): too narrow on ink alone.
    InkMask ink =
        blocks(
            200, new int[] {10, 30}, new int[] {34, 54}, new int[] {62, 82}, new int[] {86, 106});
    List<CtcChar> chars =
        List.of(
            new CtcChar("A", 5, 5, 1f),
            new CtcChar("B", 11, 11, 1f),
            new CtcChar("C", 18, 18, 1f),
            new CtcChar("D", 24, 24, 1f));
    assertEquals(chars, WordGaps.withSpaces(chars, null, ink, 4, 200));
    float[] weak = {0f, 0.01f, 0.02f, 0.01f};
    assertEquals(chars, WordGaps.withSpaces(chars, weak, ink, 4, 200));
    float[] hinted = {0f, 0.01f, 0.3f, 0.01f};
    assertEquals(
        "AB CD",
        String.join(
            "",
            WordGaps.withSpaces(chars, hinted, ink, 4, 200).stream().map(CtcChar::text).toList()));
    // The same hint over a letter gap (4 px, the median) adds nothing.
    float[] letterGap = {0f, 0.3f, 0f, 0f};
    assertEquals(chars, WordGaps.withSpaces(chars, letterGap, ink, 4, 200));
  }

  @Test
  void noSpaceAfterACurrencySignOrBeforeTrailingPunctuation() {
    // "$25." with 20 px blank gaps everywhere: wide enough for a word space on ink alone.
    InkMask ink =
        blocks(
            200, new int[] {10, 30}, new int[] {50, 70}, new int[] {74, 94}, new int[] {114, 120});
    List<CtcChar> chars =
        List.of(
            new CtcChar("$", 5, 5, 1f),
            new CtcChar("2", 15, 15, 1f),
            new CtcChar("5", 21, 21, 1f),
            new CtcChar(".", 29, 29, 1f));
    assertEquals(chars, WordGaps.withSpaces(chars, new float[] {0, 1, 0, 1}, ink, 4, 200));
  }

  @Test
  void spaceBeforeIsTheSpaceClassPeakBetweenTwoCharacters() {
    int classes = 4; // blank, a, b, space
    int steps = 8;
    float[] probs = new float[steps * classes];
    for (int t = 0; t < steps; t++) {
      probs[t * classes] = 1f;
    }
    probs[2 * classes + 3] = 0.2f;
    probs[3 * classes + 3] = 0.4f;
    probs[6 * classes + 3] = 0.9f; // after the last character: belongs to no pair
    List<CtcChar> chars = List.of(new CtcChar("a", 0, 1, 1f), new CtcChar("b", 4, 5, 1f));
    float[] before = CtcDecoder.spaceBefore(probs, 0, steps, classes, chars);
    assertEquals(0f, before[0]);
    assertEquals(0.4f, before[1]);
  }

  @Test
  void neverSplitsChineseCharacters() {
    InkMask ink = blocks(200, new int[] {10, 50}, new int[] {90, 130});
    List<CtcChar> chars = List.of(new CtcChar("新", 7, 7, 1f), new CtcChar("年", 27, 27, 1f));
    assertEquals(chars, WordGaps.withSpaces(chars, null, ink, 4, 200));
  }

  @Test
  void otsuSplitsTwoLevels() {
    int[] histogram = new int[256];
    histogram[30] = 100;
    histogram[220] = 300;
    int t = InkMask.otsu(histogram, 400);
    assertEquals(true, t >= 30 && t < 220, "threshold " + t);
  }
}
