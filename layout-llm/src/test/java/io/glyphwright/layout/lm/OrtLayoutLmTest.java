package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.glyphwright.layout.RequestedTexts;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ONNX Runtime model against the DJL one it is exported from. */
class OrtLayoutLmTest {
  @Test
  void onnxRuntimeLogitsEqualDjlLogitsChunkByChunk() {
    LayoutLmConfig c = TinyModels.config(96);
    var weights = LayoutLmWeights.initial(c, 21);
    try (LayoutLm djl = LayoutLm.load(c, weights);
        OrtLayoutLm ort = OrtLayoutLm.load(c, weights);
        LayoutScorer.ScoringSession a = djl.newSession();
        LayoutScorer.ScoringSession b = ort.newSession()) {
      SplittableRandom rng = new SplittableRandom(4);
      int fed = 0;
      while (fed < 90) {
        int n = Math.min(90 - fed, 1 + rng.nextInt(9));
        int[] chunk = new int[n];
        for (int i = 0; i < n; i++) {
          chunk[i] = rng.nextInt(c.vocabSize());
        }
        KvCacheTest.assertAlmostEquals(b.feed(chunk), a.feed(chunk), 1e-4, 1e-5);
        fed += n;
      }
      assertThrows(IllegalArgumentException.class, () -> b.feed(new int[7]));
    }
  }

  @Test
  void bothEnginesDecodeTheSameLayouts() {
    LayoutLmConfig c = TinyModels.config(128);
    var weights = LayoutLmWeights.initial(c, 8);
    try (LayoutLm djl = LayoutLm.load(c, weights);
        OrtLayoutLm ort = OrtLayoutLm.load(c, weights)) {
      LayoutDecoder a = new LayoutDecoder(djl, TinyModels.TOKENIZER);
      LayoutDecoder b = new LayoutDecoder(ort, TinyModels.TOKENIZER);
      for (String prompt :
          List.of(
              "A poster that says 'SUMMER SALE' and '50% OFF'",
              "一张写着“新年快乐”的海报", "book cover titled The Silent Orchard by Mara Quinn")) {
        List<String> req = RequestedTexts.extract(prompt).texts();
        int[] x = a.decode(prompt, req, 16, 80, Sampling.GREEDY, true).tokens();
        int[] y = b.decode(prompt, req, 16, 80, Sampling.GREEDY, true).tokens();
        assertArrayEquals(x, y, prompt + ": " + Arrays.toString(x));
      }
    }
  }

  @Test
  void aClosedModelRefusesWork() {
    LayoutLmConfig c = TinyModels.config(32);
    OrtLayoutLm ort = OrtLayoutLm.load(c, LayoutLmWeights.initial(c, 1));
    LayoutScorer.ScoringSession s = ort.newSession();
    ort.close();
    assertThrows(IllegalStateException.class, () -> s.feed(1));
    assertThrows(IllegalStateException.class, ort::newSession);
  }
}
