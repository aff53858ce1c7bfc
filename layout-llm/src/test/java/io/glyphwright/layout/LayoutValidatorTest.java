package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.TextLine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class LayoutValidatorTest {
  private static final LayoutValidator VALIDATOR =
      new LayoutValidator(HeuristicPlannerTest.MEASURER);
  private static final Canvas CANVAS = new Canvas(512, 512);
  private static final List<String> SALE = List.of("SUMMER SALE", "50% OFF");

  private static Layout layout(TextLine... lines) {
    return new Layout(CANVAS, List.of(lines));
  }

  private static TextLine line(String text, int l, int t, int r, int b) {
    return new TextLine(text, new Box(l, t, r, b));
  }

  private static RepairedLayout validate(Layout raw, List<String> requested) {
    return VALIDATOR.validate(raw, requested, LayoutLimits.DEFAULT);
  }

  private static List<String> texts(Layout layout) {
    return layout.lines().stream().map(TextLine::text).toList();
  }

  private static boolean anyRepair(RepairedLayout r, Predicate<String> test) {
    return r.repairs().stream().anyMatch(test);
  }

  private static void assertNoOverlaps(Layout layout) {
    List<TextLine> lines = layout.lines();
    for (int i = 0; i < lines.size(); i++) {
      for (int j = i + 1; j < lines.size(); j++) {
        Box a = lines.get(i).box();
        Box b = lines.get(j).box();
        assertFalse(a.intersects(b), () -> a + " overlaps " + b);
      }
    }
  }

  @Test
  void aValidLayoutPassesUnchanged() {
    Layout raw =
        layout(
            new TextLine("SUMMER SALE", new Box(10, 20, 118, 44), "lobster", "#FF8800", List.of()),
            line("50% OFF", 30, 50, 98, 64));
    RepairedLayout r = validate(raw, SALE);
    assertEquals(List.of(), r.repairs());
    assertEquals(raw, r.layout());
    assertEquals(SALE, r.requestedTexts());
  }

  @Test
  void boxesReachingOutsideTheGridAreClamped() {
    RepairedLayout r =
        validate(
            layout(line("SUMMER SALE", -5, 20, 140, 44), line("50% OFF", 30, 50, 98, 64)), SALE);
    assertEquals(new Box(0, 20, 128, 44), r.layout().lines().get(0).box());
    assertTrue(anyRepair(r, s -> s.startsWith("line 1:") && s.contains("clamped to 0,20,128,44")));
  }

  @Test
  void invertedBoxesAreTurnedRightWayRound() {
    RepairedLayout r =
        validate(
            layout(line("SUMMER SALE", 118, 44, 10, 20), line("50% OFF", 30, 50, 98, 64)), SALE);
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    assertTrue(anyRepair(r, s -> s.startsWith("line 1:") && s.contains("inverted")));
  }

  @Test
  void aBoxWithNoAreaOrOffTheGridIsPlacedAnew() {
    RepairedLayout r =
        validate(
            layout(line("SUMMER SALE", 40, 20, 40, 44), line("50% OFF", 300, 300, 400, 320)), SALE);
    assertEquals(SALE, texts(r.layout()));
    for (TextLine l : r.layout().lines()) {
      assertTrue(l.box().width() > 1 && l.box().height() > 1, l::toString);
    }
    assertTrue(anyRepair(r, s -> s.startsWith("line 1:") && s.contains("has no area")));
    assertTrue(anyRepair(r, s -> s.startsWith("line 2:") && s.contains("outside the grid")));
    assertNoOverlaps(r.layout());
  }

  @Test
  void extremeCoordinatesDoNotOverflow() {
    RepairedLayout r =
        validate(
            layout(
                line("SUMMER SALE", Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 5),
                line("50% OFF", Integer.MAX_VALUE, 0, Integer.MIN_VALUE, Integer.MAX_VALUE)),
            SALE);
    assertEquals(List.of(), LayoutRules.problems(r.layout(), LayoutLimits.DEFAULT));
    assertEquals(Set.copyOf(SALE), Set.copyOf(texts(r.layout())));
    assertNoOverlaps(r.layout());
  }

  @Test
  void controlCharactersAreStrippedFromLineTexts() {
    RepairedLayout r =
        validate(
            layout(
                line("SUMMER\u0000 SALE\u200B", 10, 20, 118, 44),
                line(" 50%\tOFF ", 30, 50, 98, 64)),
            SALE);
    assertEquals(SALE, texts(r.layout()));
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    assertTrue(anyRepair(r, s -> s.startsWith("line 1:") && s.contains("control characters")));
  }

  @Test
  void emptyLinesAreDropped() {
    RepairedLayout r =
        validate(
            layout(line("\u0007 ", 0, 0, 10, 10), line("SUMMER SALE", 10, 20, 118, 44)),
            List.of("SUMMER SALE"));
    assertEquals(List.of("SUMMER SALE"), texts(r.layout()));
    assertTrue(anyRepair(r, s -> s.equals("line 1: dropped, its text is empty")));
  }

  @Test
  void aRepeatedTextKeepsItsFirstLine() {
    RepairedLayout r =
        validate(
            layout(
                line("SUMMER SALE", 10, 20, 118, 44),
                line("SUMMER SALE", 10, 70, 118, 90),
                line("50% OFF", 30, 50, 98, 64)),
            SALE);
    assertEquals(SALE, texts(r.layout()));
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    assertTrue(anyRepair(r, s -> s.startsWith("line 2: dropped") && s.contains("line 1")));
  }

  @Test
  void aMissingTextIsAddedInFreeSpaceWithoutMovingTheOthers() {
    RepairedLayout r = validate(layout(line("SUMMER SALE", 10, 20, 118, 44)), SALE);
    assertEquals(SALE, texts(r.layout()));
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    assertTrue(anyRepair(r, s -> s.startsWith("'50% OFF' was missing; added at")));
    assertNoOverlaps(r.layout());
  }

  @Test
  void everyTextMissingGivesTheHeuristicStack() {
    RepairedLayout r = validate(layout(), SALE);
    Layout planned =
        new HeuristicPlanner(HeuristicPlannerTest.MEASURER)
            .plan(new PlanRequest("A poster that says 'SUMMER SALE' and '50% OFF'", CANVAS))
            .layout();
    assertEquals(planned, r.layout());
  }

  @Test
  void anOverlappingLaterLineMovesToTheNearestFreeSpot() {
    RepairedLayout r =
        validate(
            layout(line("SUMMER SALE", 10, 20, 118, 44), line("50% OFF", 30, 40, 98, 54)), SALE);
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    Box moved = r.layout().lines().get(1).box();
    assertEquals(new Box(30, 44, 98, 58), moved);
    assertTrue(anyRepair(r, s -> s.startsWith("line 2:") && s.contains("moved to 30,44,98,58")));
  }

  @Test
  void anOverlappingLineShrinksWhenNoSpotFitsItsSize() {
    // The first line leaves a band 20 cells high; the second is 30 high.
    RepairedLayout r =
        validate(
            layout(line("SUMMER SALE", 0, 20, 128, 128), line("50% OFF", 0, 0, 128, 30)), SALE);
    Box shrunk = r.layout().lines().get(1).box();
    assertTrue(shrunk.height() <= 20 && shrunk.bottom() <= 20, shrunk::toString);
    assertEquals(new Box(0, 20, 128, 128), r.layout().lines().get(0).box());
    assertTrue(anyRepair(r, s -> s.startsWith("line 2:") && s.contains("shrunk and moved")));
  }

  @Test
  void aLayoutWithNoRoomLeftIsRestacked() {
    RepairedLayout r =
        validate(
            layout(line("SUMMER SALE", 0, 0, 128, 128), line("50% OFF", 0, 0, 128, 128)), SALE);
    assertEquals(SALE, texts(r.layout()));
    assertNoOverlaps(r.layout());
    assertTrue(anyRepair(r, s -> s.contains("re-placed in a stack")));
  }

  @Test
  void aNearMissTakesTheRequestedTextAndKeepsItsBox() {
    RepairedLayout r =
        validate(
            layout(line("Summer Sale!", 10, 20, 118, 44), line("50 % 0FF", 30, 50, 98, 64)), SALE);
    assertEquals(SALE, texts(r.layout()));
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    assertEquals(new Box(30, 50, 98, 64), r.layout().lines().get(1).box());
    assertTrue(
        anyRepair(
            r,
            s -> s.equals("line 1: text 'Summer Sale!' replaced by the requested 'SUMMER SALE'")));
  }

  @Test
  void nearMissNeedsTheSameLettersOrAFewEdits() {
    assertEquals(0, LayoutValidator.nearMiss("Summer-Sale", "SUMMER SALE"));
    assertEquals(1, LayoutValidator.nearMiss("NOW", "NEW"));
    assertEquals(-1, LayoutValidator.nearMiss("CLOSED", "OPEN"));
    assertEquals(-1, LayoutValidator.nearMiss("!!!", "???"));
  }

  @Test
  void aLineThePromptDidNotAskForIsDropped() {
    RepairedLayout r =
        validate(
            layout(line("FREE GIFT", 10, 80, 118, 100), line("SUMMER SALE", 10, 20, 118, 44)),
            List.of("SUMMER SALE"));
    assertEquals(List.of("SUMMER SALE"), texts(r.layout()));
    assertTrue(
        anyRepair(
            r, s -> s.equals("line 1: dropped 'FREE GIFT', which the prompt does not ask for")));
  }

  @Test
  void noRequestedTextsGiveAnEmptyLayout() {
    RepairedLayout r = validate(layout(line("INVENTED", 10, 20, 118, 44)), List.of());
    assertEquals(List.of(), r.layout().lines());
    assertEquals(1, r.repairs().size());
  }

  @Test
  void anotherGridIsRescaledTo128() {
    Layout raw =
        new Layout(
            512,
            512,
            64,
            List.of(line("SUMMER SALE", 5, 10, 59, 22), line("50% OFF", 15, 25, 49, 32)));
    RepairedLayout r = validate(raw, SALE);
    assertEquals(128, r.layout().grid());
    assertEquals(new Box(10, 20, 118, 44), r.layout().lines().get(0).box());
    assertEquals(new Box(30, 50, 98, 64), r.layout().lines().get(1).box());
    assertTrue(anyRepair(r, s -> s.contains("grid of 64")));
  }

  @Test
  void aBadColourIsDroppedAndTheFontKept() {
    Layout raw =
        layout(
            new TextLine("SUMMER SALE", new Box(10, 20, 118, 44), "lobster", "orange", List.of()));
    RepairedLayout r = validate(raw, List.of("SUMMER SALE"));
    TextLine out = r.layout().lines().get(0);
    assertNull(out.color());
    assertEquals("lobster", out.font());
  }

  @Test
  void requestedTextsAreHeldToTheLimits() {
    LayoutLimits limits = new LayoutLimits(2, 8);
    RepairedLayout r =
        VALIDATOR.validate(
            layout(), List.of("TOO LONG TEXT", "ONE", "ONE", "TWO", "THREE", " "), limits);
    assertEquals(List.of("ONE", "TWO"), r.requestedTexts());
    assertEquals(List.of("ONE", "TWO"), texts(r.layout()));
    assertTrue(anyRepair(r, s -> s.contains("'TOO LONG TEXT' left out")));
    assertTrue(anyRepair(r, s -> s.contains("requested twice")));
    assertTrue(anyRepair(r, s -> s.contains("limit of 2 lines")));
    assertTrue(anyRepair(r, s -> s.contains("no visible character")));
  }

  @Test
  void unchangedLinesKeepTheirCharacterBoxes() {
    TextLine rendered =
        line("SUMMER SALE", 10, 20, 118, 44)
            .withChars(List.of(new io.glyphwright.core.CharBox("S", new Box(40, 80, 60, 176))));
    RepairedLayout r = validate(layout(rendered), List.of("SUMMER SALE"));
    assertSame(rendered, r.layout().lines().get(0));
  }

  // ---------------------------------------------------------------- property test

  private static final String[] POOL = {
    "SUMMER SALE",
    "50% OFF",
    "新年快乐",
    "EXIT",
    "出口",
    "Happy Birthday Lena",
    "A",
    "Eau de Lune",
    "BUILD & PLAY",
    "限时秒杀",
    "ONLY $99",
    "x".repeat(79),
    "NO PAIN NO GAIN",
    "!!!",
    "7"
  };

  private static String randomText(Random rnd, List<String> requested) {
    int kind = rnd.nextInt(10);
    if (kind < 4 && !requested.isEmpty()) {
      return requested.get(rnd.nextInt(requested.size()));
    }
    String base = POOL[rnd.nextInt(POOL.length)];
    switch (kind) {
      case 4:
        return base.toLowerCase(java.util.Locale.ROOT);
      case 5:
        return "";
      case 6:
        return " \u0000" + base + "\u0007\t";
      case 7:
        return base + base;
      case 8:
        return "JUNK " + rnd.nextInt(1000);
      default:
        return base;
    }
  }

  private static int coordinate(Random rnd, int grid) {
    int kind = rnd.nextInt(20);
    if (kind == 0) {
      return Integer.MIN_VALUE + rnd.nextInt(3);
    }
    if (kind == 1) {
      return Integer.MAX_VALUE - rnd.nextInt(3);
    }
    if (kind < 5) {
      return rnd.nextInt(4 * grid + 1) - 2 * grid;
    }
    return rnd.nextInt(grid + 1);
  }

  private static Box randomBox(Random rnd, int grid) {
    if (rnd.nextInt(3) == 0) {
      // A plausible box, as a planner would write it.
      int l = rnd.nextInt(grid);
      int t = rnd.nextInt(grid);
      return new Box(l, t, l + 1 + rnd.nextInt(grid - l), t + 1 + rnd.nextInt(grid - t));
    }
    return new Box(
        coordinate(rnd, grid), coordinate(rnd, grid), coordinate(rnd, grid), coordinate(rnd, grid));
  }

  /** What the validator should place: cleaned, distinct, within the limits, in order. */
  private static List<String> expectedTexts(List<String> requested, LayoutLimits limits) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String text : requested) {
      String clean = RequestedTexts.clean(text);
      if (!clean.isEmpty() && LayoutRules.textProblem(clean, limits) == null) {
        distinct.add(clean);
      }
    }
    List<String> list = new ArrayList<>(distinct);
    return list.subList(0, Math.min(list.size(), limits.maxLines()));
  }

  @Test
  void anyRawLayoutComesOutValidWithoutOverlapsAndEachRequestedTextOnce() {
    Random rnd = new Random(20260529L);
    int restacked = 0;
    for (int iteration = 0; iteration < 3000; iteration++) {
      int width = rnd.nextBoolean() ? 16 + rnd.nextInt(4081) : 512;
      int height = rnd.nextBoolean() ? 16 + rnd.nextInt(4081) : 512;
      int grid = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(300) : 128;
      LayoutLimits limits = new LayoutLimits(1 + rnd.nextInt(20), 1 + rnd.nextInt(80));
      List<String> requested = new ArrayList<>();
      int nRequested = rnd.nextInt(22);
      for (int i = 0; i < nRequested; i++) {
        requested.add(randomText(rnd, List.of()));
      }
      List<TextLine> lines = new ArrayList<>();
      int nLines = rnd.nextInt(26);
      for (int i = 0; i < nLines; i++) {
        String color = rnd.nextInt(5) == 0 ? "bad" : null;
        lines.add(
            new TextLine(
                randomText(rnd, requested), randomBox(rnd, grid), "auto", color, List.of()));
      }
      if (rnd.nextBoolean()) {
        Collections.shuffle(lines, rnd);
      }
      Layout raw = new Layout(width, height, grid, lines);
      RepairedLayout r = VALIDATOR.validate(raw, requested, limits);
      String where = "iteration " + iteration + ": " + raw;

      assertEquals(List.of(), LayoutRules.problems(r.layout(), limits), where);
      assertEquals(128, r.layout().grid(), where);
      assertEquals(raw.canvas(), r.layout().canvas(), where);
      List<String> expected = expectedTexts(requested, limits);
      assertEquals(expected, r.requestedTexts(), where);
      List<String> placed = new ArrayList<>(texts(r.layout()));
      assertEquals(expected.size(), placed.size(), where);
      assertEquals(Set.copyOf(expected), Set.copyOf(placed), where);
      for (int i = 0; i < r.layout().lines().size(); i++) {
        for (int j = i + 1; j < r.layout().lines().size(); j++) {
          Box a = r.layout().lines().get(i).box();
          Box b = r.layout().lines().get(j).box();
          assertFalse(a.intersects(b), () -> where + "\n" + a + " overlaps " + b);
        }
      }
      if (r.repairs().stream().anyMatch(s -> s.contains("re-placed in a stack"))) {
        restacked++;
      }
    }
    // The random layouts must exercise the last resort, but not live on it.
    assertTrue(restacked > 0 && restacked < 300, "restacked " + restacked + " of 3000");
  }
}
