package io.glyphwright.layout.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Td2ReplyTest {
  @Test
  void aBareLayoutIsKeptAsItIs() {
    Td2Reply r = Td2Reply.of("SALE 1,2,3,4\n50% OFF 5,6,7,8");
    assertEquals("SALE 1,2,3,4\n50% OFF 5,6,7,8\n", r.td2());
    assertEquals(2, r.layoutLines());
    assertEquals(0, r.ignoredLines());
  }

  @Test
  void fencesAndChatterAreBlankedSoLineNumbersStay() {
    Td2Reply r =
        Td2Reply.of("Sure! Here it is:\n```td2\nSALE 1,2,3,4\n```\nHope this helps (1,2).");
    assertEquals("\n\nSALE 1,2,3,4\n\n\n", r.td2());
    assertEquals(1, r.layoutLines());
    assertEquals(4, r.ignoredLines());
  }

  @Test
  void reasoningBlocksAreDroppedWhetherOnOneLineOrMany() {
    assertEquals(
        "\n\n\nSALE 1,2,3,4\n",
        Td2Reply.of("<think>\nSALE 9,9,9,9 maybe\n</think>\nSALE 1,2,3,4").td2());
    assertEquals("SALE 1,2,3,4\n", Td2Reply.of("<think>short</think> SALE 1,2,3,4").td2());
    Td2Reply unclosed = Td2Reply.of("<think>\nSALE 1,2,3,4");
    assertEquals(0, unclosed.layoutLines());
  }

  @Test
  void malformedBoxesReachTheParserInsteadOfVanishing() {
    Td2Reply r = Td2Reply.of("SALE 12.5,20,60,44\nOPEN 1,2,3\nMENU 4,5,6,7,8");
    assertEquals(3, r.layoutLines());
    assertEquals("SALE 12.5,20,60,44\nOPEN 1,2,3\nMENU 4,5,6,7,8\n", r.td2());
  }

  @Test
  void aBoxWithoutTextIsNotALayoutLine() {
    Td2Reply r = Td2Reply.of("1,2,3,4\nSALE 1,2,3,4");
    assertEquals(1, r.layoutLines());
    assertEquals("\nSALE 1,2,3,4\n", r.td2());
  }
}
