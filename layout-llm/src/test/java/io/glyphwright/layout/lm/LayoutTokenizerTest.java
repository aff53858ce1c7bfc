package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LayoutTokenizerTest {
  private static final LayoutTokenizer TOK =
      LayoutTokenizer.fromTexts(List.of("SUMMER SALE 50% OFF", "夏日大促销", "Summer"), 1, 100);

  @Test
  void knownCharactersAreOneTokenEachAndOthersAreTheirUtf8Bytes() {
    int[] sale = TOK.encode("SALE");
    assertEquals(4, sale.length);
    for (int t : sale) {
      assertTrue(t >= LayoutTokenizer.FIRST_CHAR, "a character token");
    }
    int[] unknown = TOK.encode("é"); // not in the vocabulary: two UTF-8 bytes
    assertEquals(2, unknown.length);
    assertEquals(LayoutTokenizer.FIRST_BYTE + 0xC3, unknown[0]);
    assertEquals(LayoutTokenizer.FIRST_BYTE + 0xA9, unknown[1]);
    assertTrue(TOK.startsCharacter(unknown[0]));
    assertFalse(TOK.startsCharacter(unknown[1]));
    assertEquals(4, TOK.encode("🎉").length);
  }

  @Test
  void encodeThenDecodeGivesBackAnyString() {
    SplittableRandom rng = new SplittableRandom(7);
    String pool = "SUMER ALmu夏日大促销é漢字🎉\u200d ,.'\"“”\t";
    for (int round = 0; round < 2000; round++) {
      StringBuilder sb = new StringBuilder();
      int n = rng.nextInt(0, 30);
      for (int i = 0; i < n; i++) {
        if (rng.nextInt(10) == 0) {
          sb.appendCodePoint(randomCodePoint(rng));
        } else {
          int k = pool.offsetByCodePoints(0, rng.nextInt(pool.codePointCount(0, pool.length())));
          sb.appendCodePoint(pool.codePointAt(k));
        }
      }
      String s = sb.toString();
      assertEquals(s, TOK.decode(TOK.encode(s)), "round trip of " + s);
    }
  }

  private static int randomCodePoint(SplittableRandom rng) {
    while (true) {
      int cp = rng.nextInt(0x20, 0x2FFFF);
      if (Character.isDefined(cp) && Character.getType(cp) != Character.SURROGATE) {
        return cp;
      }
    }
  }

  @Test
  void layoutsRoundTripThroughTokens() {
    Canvas canvas = new Canvas(512, 512);
    String td2 = "SUMMER SALE 11,54,117,64\n夏日 0,0,128,128\nCafé ☕ 3,4,5,6\n";
    Layout layout = Td2Format.parse(td2, canvas);
    int[] tokens = TOK.encodeLayout(layout);
    assertEquals(LayoutTokenizer.EOS, tokens[tokens.length - 1]);
    assertEquals(td2, TOK.decodeLayout(tokens));
    assertEquals("", TOK.decodeLayout(new int[] {LayoutTokenizer.EOS}));
  }

  @Test
  void coordinatesCoverTheGridAndNothingElse() {
    assertEquals(LayoutTokenizer.FIRST_COORD, LayoutTokenizer.coordToken(0));
    assertEquals(128, LayoutTokenizer.coordValue(LayoutTokenizer.coordToken(128)));
    assertThrows(IllegalArgumentException.class, () -> LayoutTokenizer.coordToken(129));
    assertThrows(IllegalArgumentException.class, () -> LayoutTokenizer.coordToken(-1));
    Layout offGrid = new Layout(512, 512, 64, List.of());
    assertThrows(IllegalArgumentException.class, () -> TOK.encodeLayout(offGrid));
  }

  @Test
  void vocabularyKeepsFrequentCharactersInFrequencyThenCodePointOrder() {
    LayoutTokenizer t = LayoutTokenizer.fromTexts(List.of("bba", "ccc", "d"), 2, 10);
    assertEquals(List.of((int) 'c', (int) 'b'), t.codePoints());
    LayoutTokenizer capped = LayoutTokenizer.fromTexts(List.of("aabbcc"), 1, 2);
    assertEquals(List.of((int) 'a', (int) 'b'), capped.codePoints());
    assertArrayEquals(
        new int[] {LayoutTokenizer.FIRST_CHAR + 1}, capped.encode("b"), "ids follow the order");
    assertThrows(
        IllegalArgumentException.class, () -> new LayoutTokenizer(List.of((int) 'a', (int) 'a')));
  }
}
