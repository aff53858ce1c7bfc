package io.glyphwright.eval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

  /** The textbook recursion, exponential but obviously right: the reference for small strings. */
  private static int naive(int[] a, int i, int[] b, int j) {
    if (i == a.length) {
      return b.length - j;
    }
    if (j == b.length) {
      return a.length - i;
    }
    if (a[i] == b[j]) {
      return naive(a, i + 1, b, j + 1);
    }
    return 1
        + Math.min(
            naive(a, i + 1, b, j + 1), Math.min(naive(a, i + 1, b, j), naive(a, i, b, j + 1)));
  }

  private static int naive(String a, String b) {
    return naive(a.codePoints().toArray(), 0, b.codePoints().toArray(), 0);
  }

  @Test
  void knownPairs() {
    String[][] pairs = {
      {"kitten", "sitting", "3"},
      {"", "", "0"},
      {"", "SALE", "4"},
      {"SUMMERSALE", "SUMMERSALF", "1"},
      {"FRIDAY", "ERIDAY", "1"},
      {"新年快乐", "新年快东", "1"},
      {"鲜果茶饮", "", "4"},
      {"flaw", "lawn", "2"},
      {"𠀋𠀌", "𠀋", "1"},
    };
    for (String[] p : pairs) {
      int expected = Integer.parseInt(p[2]);
      assertEquals(expected, naive(p[0], p[1]), "reference on " + p[0] + "/" + p[1]);
      assertEquals(expected, EditDistance.levenshtein(p[0], p[1]), p[0] + "/" + p[1]);
    }
  }

  @Test
  void agreesWithTheNaiveReferenceOnRandomStrings() {
    SplittableRandom rnd = new SplittableRandom(42);
    int[] alphabet = {'A', 'B', 'C', ' ', '限', '时', 0x2000B};
    for (int n = 0; n < 300; n++) {
      String a = random(rnd, alphabet, rnd.nextInt(8));
      String b = random(rnd, alphabet, rnd.nextInt(8));
      assertEquals(naive(a, b), EditDistance.levenshtein(a, b), () -> a + "/" + b);
      assertEquals(EditDistance.levenshtein(a, b), EditDistance.levenshtein(b, a));
    }
  }

  private static String random(SplittableRandom rnd, int[] alphabet, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.appendCodePoint(alphabet[rnd.nextInt(alphabet.length)]);
    }
    return s.toString();
  }

  @Test
  void similarityIsOneMinusDistanceOverTheLongerLength() {
    assertEquals(1 - 3 / 7.0, EditDistance.similarity("kitten", "sitting"), 1e-12);
    assertEquals(0.9, EditDistance.similarity("SUMMERSALE", "SUMMERSALF"), 1e-12);
    assertEquals(0.75, EditDistance.similarity("新年快乐", "新年快东"), 1e-12);
    assertEquals(1.0, EditDistance.similarity("", ""), 0);
    assertEquals(0.0, EditDistance.similarity("SALE", ""), 0);
    assertEquals(0.0, EditDistance.similarity("AB", "CD"), 0);
  }
}
