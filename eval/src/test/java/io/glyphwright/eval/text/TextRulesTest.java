package io.glyphwright.eval.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextRulesTest {

  @Test
  void fullWidthFormsEqualTheirAsciiForms() {
    assertEquals("50% OFF", TextRules.normalise("５０％\u3000ＯＦＦ"));
    assertEquals(TextRules.compact("50% OFF"), TextRules.compact("５０％ＯＦＦ"));
  }

  @Test
  void whitespaceRunsBecomeOneSpaceAndEndsAreTrimmed() {
    assertEquals("SUMMER SALE", TextRules.normalise("  SUMMER \t\u00A0 SALE \n"));
    assertEquals("SUMMERSALE", TextRules.compact(" SUMMER  SALE "));
  }

  @Test
  void caseIsKept() {
    assertEquals("Sale", TextRules.normalise("Sale"));
    assertEquals(false, TextRules.compact("Sale").equals(TextRules.compact("SALE")));
  }

  @Test
  void englishWordsSplitAtSpacesWithPunctuationAttached() {
    assertEquals(List.of("UP", "TO", "70%", "OFF"), TextRules.words("UP TO 70% OFF"));
    assertEquals(List.of("ONLY", "$99"), TextRules.words("ONLY  $99"));
  }

  @Test
  void everyChineseCharacterIsAWord() {
    assertEquals(List.of("限", "时", "秒", "杀"), TextRules.words("限时秒杀"));
    assertEquals(List.of("全", "场", "5", "折"), TextRules.words("全场5折"));
  }

  @Test
  void mixedTextSplitsLatinRunsFromChineseCharacters() {
    assertEquals(List.of("EXIT", "出", "口"), TextRules.words("EXIT出口"));
    assertEquals(List.of("EXIT", "出", "口"), TextRules.words("EXIT 出口"));
  }

  @Test
  void kanaAndHangulCountAsCjk() {
    assertEquals(List.of("カ", "フ", "ェ", "카", "페"), TextRules.words("カフェ 카페"));
  }
}
