package io.glyphwright.diffusion.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.sampling.TextEmbedding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PromptEncoderTest {
  private static final int TOKENS = 16;
  private static PromptEncoder encoder;

  @BeforeAll
  static void load() {
    encoder = PromptEncoder.create(TOKENS, 1);
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  private static int tokens(TextEmbedding e) {
    int n = 0;
    for (float v : e.mask()) {
      n += (int) v;
    }
    return n;
  }

  /** Sum of |values| of the real tokens within [from, to) of each token's width. */
  private static double mass(TextEmbedding e, int from, int to) {
    double sum = 0;
    for (int k = 0; k < e.length(); k++) {
      for (int i = from; i < to; i++) {
        sum += Math.abs(e.tokens()[k * e.dim() + i]);
      }
    }
    return sum;
  }

  @Test
  void anEnglishPromptFillsTheMiniLmPartOfEachToken() throws Exception {
    TextEmbedding e = encoder.encode("A poster that says \"SUMMER SALE\" on a red background");
    assertEquals(PromptEncoder.WIDTH, e.dim());
    assertEquals(TOKENS, e.length());
    // [CLS] a poster that says " summer sale " on a red background [SEP] = 14 tokens
    assertEquals(14, tokens(e));
    assertTrue(mass(e, 0, 384) > 100);
    assertEquals(0.0, mass(e, 384, 896));
    assertEquals(0.0, e.tokens()[14 * e.dim()], "padding stays zero");
  }

  @Test
  void aChinesePromptFillsTheBgePartAndLatinLettersAreKnownWords() throws Exception {
    TextEmbedding e = encoder.encode("一张写着“夏季促销”的海报，红色背景 SALE");
    assertEquals(PromptEncoder.CHINESE_OFFSET, 384);
    assertEquals(0.0, mass(e, 0, 384));
    assertTrue(mass(e, 384, 896) > 100);
    assertEquals(TOKENS, tokens(e), "a long prompt is cut to the token limit");
    assertEquals(EncoderModel.BGE_SMALL_ZH, PromptEncoder.modelFor("促销 SALE"));
    assertEquals(EncoderModel.MINILM_EN, PromptEncoder.modelFor("SALE 50% OFF"));
  }

  @Test
  void encodingIsDeterministicAndTheWordsMatter() throws Exception {
    TextEmbedding red = encoder.encode("a poster on a red background");
    assertArrayEquals(red.tokens(), encoder.encode("a poster on a red background").tokens());
    TextEmbedding blue = encoder.encode("a poster on a blue background");
    double diff = 0;
    for (int i = 0; i < red.tokens().length; i++) {
      diff += Math.abs(red.tokens()[i] - blue.tokens()[i]);
    }
    assertTrue(diff > 1, "red and blue prompts embed alike: " + diff);
  }

  @Test
  void aBlankPromptIsTheUnconditionalInput() throws Exception {
    TextEmbedding none = encoder.encode("   ");
    assertEquals(0, tokens(none));
    assertEquals(0.0, mass(none, 0, PromptEncoder.WIDTH));
  }

  @Test
  void aClosedEncoderRefusesWork() {
    PromptEncoder closed = PromptEncoder.create(8, 1);
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.encode("hello"));
  }
}
