package io.glyphwright.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordCountsTest {

  @Test
  void precisionRecallAndFOfAKnownRead() {
    // Asked: SUMMER, SALE, 50%, OFF. Read: SUMMER, SALF, 50%, OFF, NOW.
    WordCounts w =
        WordCounts.of(List.of("SUMMER SALE", "50% OFF"), List.of("SUMMER SALF", "50% OFF NOW"));
    assertEquals(new WordCounts(4, 5, 3), w);
    assertEquals(3 / 5.0, w.precision(), 1e-12);
    assertEquals(3 / 4.0, w.recall(), 1e-12);
    assertEquals(2 * 0.6 * 0.75 / (0.6 + 0.75), w.f1(), 1e-12);
  }

  @Test
  void wordsAreAMultiset() {
    WordCounts w = WordCounts.of(List.of("NO PAIN NO GAIN"), List.of("NO PAIN GAIN"));
    assertEquals(new WordCounts(4, 3, 3), w);
    WordCounts twice = WordCounts.of(List.of("NEW"), List.of("NEW", "NEW"));
    assertEquals(new WordCounts(1, 2, 1), twice);
  }

  @Test
  void chineseIsComparedPerCharacter() {
    WordCounts w = WordCounts.of(List.of("夏日音乐节"), List.of("夏日音东节"));
    assertEquals(new WordCounts(5, 5, 4), w);
    assertEquals(0.8, w.recall(), 1e-12);
  }

  @Test
  void caseCountsAndALostWordGapCostsBothWords() {
    assertEquals(
        new WordCounts(2, 2, 1), WordCounts.of(List.of("Jade Leaf"), List.of("JADE Leaf")));
    assertEquals(
        new WordCounts(2, 1, 0), WordCounts.of(List.of("RUN FASTER"), List.of("RUNFASTER")));
  }

  @Test
  void nothingReadScoresZeroNotNaN() {
    WordCounts w = WordCounts.of(List.of("SALE"), List.of());
    assertEquals(0.0, w.precision());
    assertEquals(0.0, w.recall());
    assertEquals(0.0, w.f1());
  }
}
