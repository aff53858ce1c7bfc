package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KvCacheTest {
  private static LayoutLm model;

  @BeforeAll
  static void load() {
    model = TinyModels.model(11, 96);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static void assertAlmostEquals(float[] actual, float[] expected, double rtol, double atol) {
    assertEquals(expected.length, actual.length, "length");
    for (int i = 0; i < expected.length; i++) {
      double tol = atol + rtol * Math.abs(expected[i]);
      assertTrue(
          Math.abs(actual[i] - expected[i]) <= tol,
          "element " + i + ": " + actual[i] + " vs " + expected[i]);
    }
  }

  @Test
  void cachedLogitsEqualRecomputingTheWholeSequence() {
    SplittableRandom rng = new SplittableRandom(3);
    int vocab = TinyModels.TOKENIZER.vocabSize();
    int[] seq = new int[80];
    for (int i = 0; i < seq.length; i++) {
      seq[i] = rng.nextInt(vocab);
    }
    try (LayoutLm.Session session = model.newSession()) {
      int pos = 0;
      // Chunks of 1..7 tokens, as decoding feeds forced tokens together with a chosen one.
      while (pos < seq.length) {
        int n = Math.min(seq.length - pos, 1 + rng.nextInt(7));
        int[] chunk = java.util.Arrays.copyOfRange(seq, pos, pos + n);
        float[] cached = session.feed(chunk);
        pos += n;
        float[] full = model.lastLogitsUncached(java.util.Arrays.copyOf(seq, pos));
        assertAlmostEquals(cached, full, 1e-4, 1e-5);
      }
      assertEquals(80, session.length());
      assertEquals(16, session.remaining());
      assertThrows(IllegalArgumentException.class, () -> session.feed(new int[17]));
    }
  }

  @Test
  void cachedDecodingChoosesTheSameTokensAsUncachedDecoding() {
    LayoutDecoder decoder = new LayoutDecoder(model, TinyModels.TOKENIZER);
    List<String> prompts =
        List.of(
            "A poster that says 'SUMMER SALE' and '50% OFF'",
            "book cover titled The Silent Orchard by Mara Quinn",
            "一张写着“新年快乐”的海报",
            "a red background");
    for (String prompt : prompts) {
      for (Sampling s : List.of(Sampling.GREEDY, new Sampling(1.0, 0.9, 5))) {
        List<String> required = io.glyphwright.layout.RequestedTexts.extract(prompt).texts();
        LayoutDecoder.Decoded cached = decoder.decode(prompt, required, 16, 80, s, true);
        LayoutDecoder.Decoded uncached = decoder.decode(prompt, required, 16, 80, s, false);
        assertArrayEquals(uncached.tokens(), cached.tokens(), prompt + " " + s);
        assertEquals(uncached.modelCalls(), cached.modelCalls());
      }
    }
  }

  @Test
  void decodingSessionsReleaseTheirArrays() {
    int before = model.managedArrays();
    LayoutDecoder decoder = new LayoutDecoder(model, TinyModels.TOKENIZER);
    for (int i = 0; i < 5; i++) {
      decoder.decode("A poster that says 'SALE'", List.of("SALE"), 16, 80, Sampling.GREEDY, true);
    }
    assertEquals(before, model.managedArrays(), "arrays left attached to the model");
  }

  @Test
  void aClosedSessionOrModelRefusesWork() {
    LayoutLm.Session s = model.newSession();
    s.close();
    assertThrows(IllegalStateException.class, () -> s.feed(1));
    LayoutLm other = TinyModels.model(1, 32);
    other.close();
    assertThrows(IllegalStateException.class, other::newSession);
  }
}
