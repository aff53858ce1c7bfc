package io.glyphwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutRulesTest {
  private static final Canvas CANVAS = new Canvas(256, 256);

  private static List<LayoutException> problemsOf(String text) {
    Layout layout = new Layout(CANVAS, List.of(new TextLine(text, new Box(1, 1, 50, 20))));
    return LayoutRules.problems(layout, LayoutLimits.DEFAULT);
  }

  @Test
  void aValidLayoutHasNoProblems() {
    assertEquals(List.of(), problemsOf("新年快乐 SALE"));
  }

  @Test
  void emptyAndBlankTextsAreProblems() {
    assertTrue(problemsOf("").get(0).getMessage().contains("the text is empty"));
    assertTrue(problemsOf("   ").get(0).getMessage().contains("the text is empty"));
  }

  @Test
  void controlCharactersAreNamedWithTheirCodeAndPosition() {
    String message = problemsOf("AB\u0007C").get(0).getMessage();
    assertEquals(
        "line 1: the text holds control character U+0007 at position 3: remove it", message);
    assertTrue(problemsOf("A\u202EB").get(0).getMessage().contains("U+202E"));
  }

  @Test
  void textsLongerThanTheLimitAreProblems() {
    String longText = "x".repeat(81);
    assertTrue(problemsOf(longText).get(0).getMessage().contains("81 characters"));
  }

  @Test
  void everyBadLineIsReportedInOrder() {
    Layout layout =
        new Layout(
            CANVAS,
            List.of(
                new TextLine("OK", new Box(0, 0, 10, 10)),
                new TextLine("BAD", new Box(10, 0, 5, 10)),
                new TextLine("", new Box(0, 0, 10, 10))));
    List<LayoutException> problems = LayoutRules.problems(layout, LayoutLimits.DEFAULT);
    assertEquals(List.of(2, 3), problems.stream().map(LayoutException::line).toList());
  }

  @Test
  void canvasSidesOutsideTheSupportedRangeSayWhatToUse() {
    LayoutException zero = assertThrows(LayoutException.class, () -> new Canvas(0, 512));
    assertEquals(
        "canvas width 0 is out of range: use a width from 16 to 4096 pixels", zero.getMessage());
    LayoutException huge = assertThrows(LayoutException.class, () -> new Canvas(512, 100000));
    assertTrue(huge.getMessage().contains("height 100000 is out of range"));
  }

  @Test
  void gridBoxesMapToPixelsRoundingInwards() {
    Layout layout = new Layout(new Canvas(500, 300), List.of());
    Box px = layout.toPixels(new Box(1, 1, 127, 127));
    // 1*500/128 = 3.9 -> 4; 127*500/128 = 496.1 -> 496; 1*300/128 = 2.3 -> 3; 127*300/128 = 297.7
    assertEquals(new Box(4, 3, 496, 297), px);
    assertEquals(
        new Box(0, 0, 512, 512),
        new Layout(new Canvas(512, 512), List.of()).toPixels(new Box(0, 0, 128, 128)));
  }

  @Test
  void boxGeometry() {
    Box a = new Box(0, 0, 10, 10);
    Box b = new Box(5, 5, 15, 15);
    assertEquals(25, a.intersection(b).area());
    assertEquals(25.0 / 175.0, a.iou(b), 1e-12);
    assertEquals(0.0, a.iou(new Box(10, 0, 20, 10)), 0.0);
    assertTrue(a.contains(new Box(2, 2, 8, 8)));
  }
}
