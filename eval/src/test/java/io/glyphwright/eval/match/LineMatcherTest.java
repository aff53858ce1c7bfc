package io.glyphwright.eval.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineMatcherTest {
  private static final Box ROW1 = new Box(40, 100, 470, 150);
  private static final Box ROW2 = new Box(120, 170, 390, 200);

  private static RequestedLine want(String text, Box box) {
    return new RequestedLine(text, box);
  }

  private static ReadLine read(String text, int l, int t, int r, int b) {
    return new ReadLine(text, new Box(l, t, r, b));
  }

  @Test
  void exactReadsAreSingleMatchesWithNedOne() {
    Matching m =
        LineMatcher.match(
            List.of(want("SUMMER SALE", ROW1), want("50% OFF", ROW2)),
            List.of(read("SUMMER SALE", 42, 102, 468, 149), read("50%OFF", 121, 171, 389, 199)));
    assertTrue(m.allExact());
    assertEquals(MatchKind.SINGLE, m.lines().get(0).kind());
    assertEquals(MatchKind.SINGLE, m.lines().get(1).kind(), "spaces are not judged");
    assertEquals(1.0, m.lines().get(1).ned());
    assertEquals(List.of(true, true), m.readMatched());
  }

  @Test
  void aLineSplitIntoPiecesOnOneRowIsReadExactly() {
    Matching m =
        LineMatcher.match(
            List.of(want("SUMMER SALE", ROW1)),
            // reading order of the engine is not trusted: the pieces are joined left to right
            List.of(read("SALE", 300, 104, 468, 150), read("SUMMER", 42, 100, 280, 148)));
    assertEquals(MatchKind.SPLIT, m.lines().get(0).kind());
    assertEquals(List.of(1, 0), m.lines().get(0).readLines());
    assertEquals("SUMMER SALE", m.lines().get(0).bestRead());
  }

  @Test
  void piecesOnDifferentRowsAreNotJoined() {
    Matching m =
        LineMatcher.match(
            List.of(want("SUMMER SALE", ROW1)),
            List.of(read("SUMMER", 42, 100, 280, 148), read("SALE", 300, 300, 468, 350)));
    assertFalse(m.allExact());
    assertEquals(MatchKind.NONE, m.lines().get(0).kind());
    assertEquals("SUMMER", m.lines().get(0).bestRead());
    assertEquals(0.6, m.lines().get(0).ned(), 1e-12);
  }

  @Test
  void requestedLinesSideBySideMergedByTheEngineAreReadExactly() {
    Box left = new Box(40, 100, 200, 150);
    Box right = new Box(260, 104, 470, 148);
    Matching m =
        LineMatcher.match(
            List.of(want("出口", right), want("EXIT", left), want("ALONE", ROW2)),
            List.of(read("EXIT 出口", 40, 100, 470, 150), read("ALONE", 120, 170, 390, 200)));
    assertEquals(MatchKind.MERGE, m.lines().get(0).kind());
    assertEquals(MatchKind.MERGE, m.lines().get(1).kind());
    assertEquals(MatchKind.SINGLE, m.lines().get(2).kind());
    assertTrue(m.allExact());
  }

  @Test
  void aMergeInTheWrongOrderIsNotExact() {
    Box left = new Box(40, 100, 200, 150);
    Box right = new Box(260, 100, 470, 150);
    Matching m =
        LineMatcher.match(
            List.of(want("EXIT", left), want("出口", right)),
            List.of(read("出口EXIT", 40, 100, 470, 150)));
    assertFalse(m.lines().get(0).exact());
    assertFalse(m.lines().get(1).exact());
  }

  @Test
  void extraCharactersAreNeverForgiven() {
    Matching m =
        LineMatcher.match(
            List.of(want("SUMMER SALE", ROW1)), List.of(read("SUMMER SALES", 40, 100, 470, 150)));
    assertFalse(m.allExact());
    assertEquals(1 - 1 / 11.0, m.lines().get(0).ned(), 1e-12);
    assertEquals(List.of(false), m.readMatched());
  }

  @Test
  void caseIsSignificant() {
    Matching m =
        LineMatcher.match(
            List.of(want("Jade Leaf", ROW1)), List.of(read("JADE LEAF", 40, 100, 470, 150)));
    assertFalse(m.allExact());
    assertEquals(1 - 6 / 8.0, m.lines().get(0).ned(), 1e-12, "six letters differ in case");
  }

  @Test
  void aReadLineCountsForOneMatchOnly() {
    Matching m =
        LineMatcher.match(
            List.of(want("SALE", ROW1), want("SALE", ROW2)),
            List.of(read("SALE", 40, 100, 470, 150)));
    assertEquals(1, m.exactCount());
    assertTrue(m.lines().get(0).exact());
    // the second one is compared with what is left: nothing
    assertEquals(0.0, m.lines().get(1).ned());
    assertEquals("", m.lines().get(1).bestRead());
  }

  @Test
  void nedUsesTheBestReadThatNoExactMatchTook() {
    Matching m =
        LineMatcher.match(
            List.of(want("BLACK FRIDAY", ROW1), want("UP TO 70% OFF", ROW2)),
            List.of(
                read("BLACK ERIDAY", 40, 100, 470, 150),
                read("UP TO 70% OFF", 120, 170, 390, 200)));
    assertTrue(m.lines().get(1).exact());
    assertEquals("BLACK ERIDAY", m.lines().get(0).bestRead());
    assertEquals(1 - 1 / 11.0, m.lines().get(0).ned(), 1e-12);
  }

  @Test
  void nothingReadMissesEverything() {
    Matching m = LineMatcher.match(List.of(want("新年快乐", ROW1)), List.of());
    assertFalse(m.allExact());
    assertEquals(0.0, m.lines().get(0).ned());
  }

  @Test
  void requestedLinesWithoutABoxCanStillBeReadSingly() {
    Matching m =
        LineMatcher.match(
            List.of(want("OPEN", null), want("24 HOURS", null)),
            List.of(read("OPEN 24 HOURS", 40, 100, 470, 150)));
    assertEquals(0, m.exactCount(), "no layout row is known, so no merge");
  }

  @Test
  void rowsNeedHalfTheLowerBoxToOverlap() {
    assertTrue(LineMatcher.sameRow(new Box(0, 0, 10, 20), new Box(20, 10, 30, 30)));
    assertFalse(LineMatcher.sameRow(new Box(0, 0, 10, 20), new Box(20, 11, 30, 31)));
  }
}
