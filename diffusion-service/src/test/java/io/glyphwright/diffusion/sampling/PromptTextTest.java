package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PromptTextTest {
  @Test
  void everyKindOfQuotedSpanIsTakenOut() {
    assertEquals(
        "A poster that says on a red background",
        PromptText.withoutQuotedText("A poster that says 'OPEN' on a red background"));
    assertEquals(
        "a green shop sign that reads and",
        PromptText.withoutQuotedText(
            "a green shop sign that reads \"Kindred\" and \"FREE DELIVERY\""));
    assertEquals("一张写着 的海报，红色背景", PromptText.withoutQuotedText("一张写着“开业大吉”的海报，红色背景"));
    assertEquals("招牌 和 蓝色", PromptText.withoutQuotedText("招牌「老街」和『新品』蓝色"));
    assertEquals(
        "a card with on it", PromptText.withoutQuotedText("a card with ‘Thank You’ on it"));
  }

  @Test
  void apostrophesInsideWordsStay() {
    assertEquals(
        "Mom's kitchen sign reading on a beige background",
        PromptText.withoutQuotedText("Mom's kitchen sign reading 'Eat' on a beige background"));
    assertEquals("it's a poster", PromptText.withoutQuotedText("it's a poster"));
  }

  @Test
  void aPromptOfQuotedTextAloneBecomesBlankAndFullKeepsEverything() {
    assertEquals("", PromptText.withoutQuotedText("  \"SALE\"  "));
    String prompt = "A poster that says 'OPEN'";
    assertEquals(prompt, PromptText.FULL.apply(prompt));
    assertEquals("A poster that says", PromptText.WITHOUT_QUOTED_TEXT.apply(prompt));
    assertNull(PromptText.WITHOUT_QUOTED_TEXT.apply(null));
  }

  @Test
  void lookupByIdAndClearErrorForUnknownNames() {
    for (PromptText p : PromptText.values()) {
      assertEquals(p, PromptText.lookup(p.id()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptText.lookup("quotes"));
    assertTrue(e.getMessage().contains("full, without-quoted-text"), e.getMessage());
  }
}
