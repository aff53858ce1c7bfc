package io.glyphwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Td2FormatTest {
  private static final Canvas SQUARE = new Canvas(512, 512);

  @Test
  void readsTextWithSpacesAndTheBoxFromTheLastField() {
    Layout layout = Td2Format.parse("SUMMER SALE 12,20,116,44\n50% OFF 30,60,98,80\n", SQUARE);
    assertEquals(2, layout.lines().size());
    assertEquals("SUMMER SALE", layout.lines().get(0).text());
    assertEquals(new Box(12, 20, 116, 44), layout.lines().get(0).box());
    assertEquals("50% OFF", layout.lines().get(1).text());
    assertEquals("auto", layout.lines().get(1).font());
  }

  @Test
  void toleratesWindowsLineEndingsBlankLinesAndRunsOfSpaces() {
    Layout layout = Td2Format.parse("\r\nEXIT 出口   10,10,60,30\r\n\r\n", SQUARE);
    assertEquals(List.of(new TextLine("EXIT 出口", new Box(10, 10, 60, 30))), layout.lines());
  }

  @Test
  void printThenParseGivesBackTheSameLayoutForSeededRandomLayouts() {
    Random random = new Random(42);
    String alphabet = "ABCdef 0123%$&出口新年快乐!'\"-";
    for (int n = 0; n < 500; n++) {
      List<TextLine> lines = new ArrayList<>();
      int count = 1 + random.nextInt(5);
      for (int i = 0; i < count; i++) {
        StringBuilder text = new StringBuilder();
        int len = 1 + random.nextInt(12);
        for (int k = 0; k < len; k++) {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        String t = text.toString().strip();
        if (t.isEmpty()) {
          t = "X";
        }
        int l = random.nextInt(120);
        int top = random.nextInt(120);
        lines.add(
            new TextLine(
                t,
                new Box(
                    l, top, l + 1 + random.nextInt(128 - l), top + 1 + random.nextInt(128 - top))));
      }
      Layout layout = new Layout(SQUARE, lines);
      String printed = Td2Format.print(layout);
      Layout back = Td2Format.parse(printed, SQUARE);
      assertEquals(layout, back);
      assertEquals(printed, Td2Format.print(back));
    }
  }

  @Test
  void aLineWithoutABoxSaysWhichLineAndHowToWriteOne() {
    LayoutException e =
        assertThrows(LayoutException.class, () -> Td2Format.parse("OK 1,2,3,4\nSALE", SQUARE));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().startsWith("line 2: 'SALE' has no box"), e.getMessage());
  }

  @Test
  void malformedNumbersAreNamed() {
    LayoutException e =
        assertThrows(LayoutException.class, () -> Td2Format.parse("SALE 12,20,x,44", SQUARE));
    assertTrue(e.getMessage().contains("'x', which is not an integer"), e.getMessage());
    e = assertThrows(LayoutException.class, () -> Td2Format.parse("SALE 12,20.5,40,44", SQUARE));
    assertTrue(e.getMessage().contains("'20.5'"), e.getMessage());
    e = assertThrows(LayoutException.class, () -> Td2Format.parse("SALE 12,20,44", SQUARE));
    assertTrue(e.getMessage().contains("must be four integers"), e.getMessage());
    e =
        assertThrows(
            LayoutException.class, () -> Td2Format.parse("SALE 12,20,99999999999,44", SQUARE));
    assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
  }

  @Test
  void boxesOutsideTheGridOrInvertedAreRejectedWithTheRule() {
    LayoutException outside =
        assertThrows(LayoutException.class, () -> Td2Format.parse("SALE 12,20,130,44", SQUARE));
    assertTrue(outside.getMessage().contains("outside the grid"), outside.getMessage());
    LayoutException negative =
        assertThrows(LayoutException.class, () -> Td2Format.parse("SALE -1,20,30,44", SQUARE));
    assertTrue(negative.getMessage().contains("outside the grid"), negative.getMessage());
    LayoutException inverted =
        assertThrows(LayoutException.class, () -> Td2Format.parse("SALE 40,20,30,44", SQUARE));
    assertEquals(
        "line 1: box 40,20,30,44: left 40 must be less than right 30", inverted.getMessage());
    LayoutException flat =
        assertThrows(LayoutException.class, () -> Td2Format.parse("SALE 10,20,30,20", SQUARE));
    assertTrue(flat.getMessage().contains("top 20 must be less than bottom 20"));
  }

  @Test
  void parseUncheckedKeepsRepairableBoxesForTheValidator() {
    Layout raw = Td2Format.parseUnchecked("SALE 40,20,300,44", SQUARE);
    assertEquals(new Box(40, 20, 300, 44), raw.lines().get(0).box());
  }

  @Test
  void moreLinesThanTheLimitAreRejected() {
    String td2 = "A 0,0,10,10\nB 0,10,10,20\nC 0,20,10,30\n";
    LayoutException e =
        assertThrows(
            LayoutException.class, () -> Td2Format.parse(td2, SQUARE, new LayoutLimits(2, 80)));
    assertTrue(e.getMessage().contains("3 lines, more than the limit of 2"), e.getMessage());
  }
}
