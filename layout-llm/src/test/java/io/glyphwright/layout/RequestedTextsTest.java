package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.LayoutLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RequestedTextsTest {

  private static List<String> texts(String prompt) {
    return RequestedTexts.extract(prompt).texts();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "A poster that says 'SUMMER SALE'|SUMMER SALE",
        "A poster that says \"SUMMER SALE\"|SUMMER SALE",
        "A poster that says “SUMMER SALE”|SUMMER SALE",
        "A poster that says ‘SUMMER SALE’|SUMMER SALE",
        "一张写着「新年快乐」的海报|新年快乐",
        "一张写着『新年快乐』的海报|新年快乐",
        "一本书的封面《山海之间》|山海之间",
        "Une affiche «SOLDES»|SOLDES",
        "A full-width ＂SALE＂ sign|SALE",
      })
  void eachQuoteStyleGivesItsText(String prompt, String expected) {
    assertEquals(List.of(expected), texts(prompt));
  }

  @Test
  void apostrophesInsideWordsAreNotQuoteMarks() {
    assertEquals(
        List.of("Be Mine"), texts("A Valentine's Day card that says 'Be Mine', don't add hearts"));
    assertEquals(List.of("Be Mine"), texts("A Valentine’s Day card that says ‘Be Mine’"));
    assertEquals(List.of("don't panic"), texts("A sign that says 'don't panic'"));
    assertEquals(List.of("Joe's Diner"), texts("A neon sign 'Joe's Diner' over the door"));
    assertEquals(List.of("Valentine’s Day"), texts("A banner ‘Valentine’s Day’ in pink"));
  }

  @Test
  void elisionsAreNotQuoteMarks() {
    assertEquals(List.of("RAD"), texts("A '90s retro poster that says 'RAD'"));
    assertEquals(List.of("LIVE"), texts("A rock 'n' roll flyer with 'LIVE'"));
    assertEquals(List.of("GO"), texts("Catch 'em all, a card with 'GO'"));
  }

  @Test
  void pluralPossessiveApostropheOutsideQuotesIsIgnored() {
    assertEquals(List.of("FUN"), texts("The kids' poster that says 'FUN'"));
    assertEquals(List.of("FUN"), texts("A poster that says 'FUN' for the kids' room"));
  }

  @Test
  void quotesInsideQuotesBelongToTheOuterText() {
    assertEquals(List.of("Don't say 'never'"), texts("A poster that says \"Don't say 'never'\""));
    assertEquals(List.of("He said “hi”"), texts("A sign: “He said “hi”” in chalk"));
    assertEquals(List.of("读『三体』"), texts("海报「读『三体』」"));
    assertEquals(List.of("The \"Best\" Cafe"), texts("A sign 'The \"Best\" Cafe' at night"));
  }

  @Test
  void inchMarksAndStrayQuotesAreNotTexts() {
    assertEquals(List.of("4K"), texts("A 27\" monitor ad that says \"4K\""));
    assertEquals(List.of(), texts("A 6' tall statue of a bear"));
    assertEquals(List.of(), texts("An unmatched “quote in a prompt"));
  }

  @Test
  void textsKeepTheOrderOfThePromptAcrossQuoteStyles() {
    assertEquals(
        List.of("ONE", "TWO", "THREE", "四", "FIVE"),
        texts("'ONE' then \"TWO\" then “THREE” then 「四」 then ‘FIVE’"));
  }

  @Test
  void chineseTextsAreFoundInCurlyQuotes() {
    assertEquals(List.of("新年快乐"), texts("一张写着“新年快乐”的红色海报"));
    assertEquals(List.of("限时秒杀", "全场五折"), texts("电商促销横幅,文字“限时秒杀”和“全场五折”"));
  }

  @Test
  void straightQuotesNextToChineseCharactersQuote() {
    assertEquals(List.of("新年快乐"), texts("一张写着'新年快乐'的海报"));
  }

  @Test
  void mixedScriptsInOnePrompt() {
    assertEquals(List.of("EXIT", "出口"), texts("A bilingual sign with 'EXIT' and '出口'"));
    assertEquals(List.of("OPEN", "营业中"), texts("A shop door that says \"OPEN\" and “营业中”"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "A neon sign that says OPEN 24 HOURS|OPEN 24 HOURS",
        "A neon sign that says OPEN 24 HOURS in red letters|OPEN 24 HOURS",
        "A neon sign that says OPEN, glowing at night|OPEN",
        "A neon sign that says OPEN; glowing at night|OPEN",
        "A neon sign that says OPEN. It glows|OPEN",
        "A sign that says SALE and FREE SHIPPING|SALE",
        "A movie poster titled IRON TIDE|IRON TIDE",
        "A novel cover titled War and Peace on a desk|War and Peace",
        "A poster titled The Lord of the Rings|The Lord of the Rings",
        "A toy box labeled BUILD & PLAY|BUILD & PLAY",
        "A toy box labelled Build & Play for kids|Build & Play",
        "A banner reading BLACK FRIDAY|BLACK FRIDAY",
        "A chalkboard with the words Welcome Back|Welcome Back",
        "A gym flyer with the text NO PAIN NO GAIN|NO PAIN NO GAIN",
        "A birthday card that says Happy Birthday Lena with balloons|Happy Birthday Lena",
        "A sticker that says STOP! on a pole|STOP!",
        "A shop sign that says ONLY $99|ONLY $99",
        "A shirt that says 50% OFF everything|50% OFF",
        "A shoe ad with the slogan RUN FASTER|RUN FASTER",
        "Headline: BIG NEWS|BIG NEWS",
        "A sign that reads: WET PAINT|WET PAINT",
      })
  void unquotedTextAfterACueRunsToTheEndOfItsClause(String prompt, String expected) {
    assertEquals(List.of(expected), texts(prompt));
  }

  @Test
  void titledXByYGivesTitleAndAuthor() {
    assertEquals(
        List.of("The Silent Orchard", "Mara Quinn"),
        texts("A book cover titled The Silent Orchard by Mara Quinn"));
    assertEquals(
        List.of("The Silent Orchard", "Mara Quinn"),
        texts("A book cover titled 'The Silent Orchard' by Mara Quinn"));
    assertEquals(List.of("SALE"), texts("A poster that says SALE by the pool"));
  }

  @Test
  void lowerCaseWordsAfterACueAreProseNotText() {
    assertEquals(List.of(), texts("A girl reading a book under a tree"));
    assertEquals(List.of(), texts("A poster that says something inspiring"));
    assertEquals(List.of(), texts("A bottle with the label on the back"));
    assertEquals(List.of(), texts("A phone showing a text message"));
  }

  @Test
  void cueFollowedByAQuoteTakesOnlyTheQuote() {
    assertEquals(List.of("OPEN"), texts("A sign that says 'OPEN' in red"));
    assertEquals(List.of("OPEN", "now"), texts("A sign that says OPEN 'now'"));
  }

  @Test
  void cueWordsInsideAQuotedTextAreNotCues() {
    assertEquals(List.of("It says HELLO"), texts("A sign 'It says HELLO' on a wall"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "一张写着新年快乐的红色海报|新年快乐",
        "奶茶店招牌，写着鲜果茶饮|鲜果茶饮",
        "一本书的封面，标题山海之间|山海之间",
        "一张音乐节海报，文字：夏日音乐节|夏日音乐节",
        "一张音乐节海报，文字为夏日音乐节。|夏日音乐节",
        "一件T恤，印着 HELLO 的图案|HELLO",
      })
  void chineseCuesWithoutQuotes(String prompt, String expected) {
    assertEquals(List.of(expected), texts(prompt));
  }

  @Test
  void chineseDescriptionOfTheTextIsNotAText() {
    assertEquals(List.of(), texts("一张文字清晰的海报"));
    assertEquals(List.of(), texts("一张带有文字的海报"));
  }

  @Test
  void duplicatesAreKeptOnceWithANote() {
    RequestedTexts r = RequestedTexts.extract("'SALE' and 'SALE' and \"SALE\" and 'Sale'");
    assertEquals(List.of("SALE", "Sale"), r.texts());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("more than once")), r.notes()::toString);
  }

  @Test
  void textsAreTrimmedAndWhiteSpaceIsCollapsed() {
    assertEquals(List.of("SUMMER SALE"), texts("A poster that says 'SUMMER \t\n SALE'"));
    assertEquals(List.of("SUMMER SALE"), texts("A poster that says “ SUMMER\u00A0 SALE\n”"));
  }

  @Test
  void controlCharactersAreRemovedWithANote() {
    RequestedTexts r = RequestedTexts.extract("A sign that says 'OP\u0007EN\u200B' \u0000");
    assertEquals(List.of("OPEN"), r.texts());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("control")), r.notes()::toString);
    assertEquals(List.of(), texts("A sign that says '\u0007\u0008'"));
  }

  @Test
  void zeroWidthJoinerInsideAnEmojiSequenceIsKept() {
    String family = "👩\u200D👩\u200D👧";
    assertEquals(List.of(family), texts("A sticker that says '" + family + "'"));
  }

  @Test
  void thirtyQuotedTextsKeepTheFirstMaxLinesAndSaySo() {
    StringBuilder prompt = new StringBuilder("A wall of signs:");
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      all.add("SIGN " + i);
      prompt.append(" '").append("SIGN ").append(i).append('\'');
    }
    RequestedTexts r = RequestedTexts.extract(prompt.toString(), LayoutLimits.DEFAULT);
    assertEquals(all.subList(0, 16), r.texts());
    assertEquals(1, r.notes().size(), r.notes()::toString);
    String note = r.notes().get(0);
    assertTrue(note.contains("30 texts") && note.contains("limit of 16"), note);
    assertTrue(note.contains("'SIGN 17'") && note.contains("and 9 more"), note);

    RequestedTexts four = RequestedTexts.extract(prompt.toString(), new LayoutLimits(4, 80));
    assertEquals(all.subList(0, 4), four.texts());
  }

  @Test
  void aTextLongerThanTheLineLimitIsLeftOutNotCut() {
    String longText = "A".repeat(81);
    RequestedTexts r = RequestedTexts.extract("A banner '" + longText + "' and 'SHORT'");
    assertEquals(List.of("SHORT"), r.texts());
    assertTrue(r.notes().get(0).contains("81 characters"), r.notes()::toString);
    assertEquals(
        List.of("A".repeat(80)),
        RequestedTexts.extract("A banner '" + "A".repeat(80) + "'").texts());
  }

  @Test
  void emptyPromptIsRefusedWithAnExample() {
    for (String prompt : new String[] {"", "   \n\t", null}) {
      PromptException e = assertThrows(PromptException.class, () -> RequestedTexts.extract(prompt));
      assertTrue(e.getMessage().startsWith("the prompt is empty"), e.getMessage());
      assertTrue(e.getMessage().contains("'SUMMER SALE'"), e.getMessage());
    }
  }

  @Test
  void promptWithoutTextToPlaceGivesNoTexts() {
    RequestedTexts r = RequestedTexts.extract("A watercolor painting of a fox in the snow");
    assertEquals(List.of(), r.texts());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void tenThousandCharacterPromptIsRefusedQuickly() {
    String prompt = "A poster that says 'SALE' ".repeat(400);
    assertTrue(prompt.length() >= 10_000);
    PromptException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> assertThrows(PromptException.class, () -> RequestedTexts.extract(prompt)));
    assertTrue(e.getMessage().contains("more than the limit of 4000"), e.getMessage());
  }

  @Test
  void adversarialPromptAtTheLengthLimitIsExtractedQuickly() {
    // Openers with no closers, apostrophes and cues everywhere: must stay linear-ish.
    String[] pieces = {"'a ", "“", "「", "says ", "\"x ", "don't ", "写着"};
    StringBuilder prompt = new StringBuilder();
    for (int i = 0; prompt.length() < RequestedTexts.MAX_PROMPT_LENGTH - 10; i++) {
      prompt.append(pieces[i % pieces.length]);
    }
    RequestedTexts r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> RequestedTexts.extract(prompt.toString()));
    assertTrue(r.texts().size() <= LayoutLimits.DEFAULT.maxLines());
  }

  @Test
  void everyDevPromptGivesExactlyItsTexts() throws IOException {
    JsonMapper mapper = JsonMapper.builder().build();
    String file;
    try (InputStream in = getClass().getResourceAsStream("/dev-prompts.jsonl")) {
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int checked = 0;
    for (String line : file.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = mapper.readTree(line);
      List<String> expected = new ArrayList<>();
      row.get("texts").forEach(t -> expected.add(t.stringValue()));
      String prompt = row.get("prompt").stringValue();
      assertEquals(expected, texts(prompt), row.get("id").stringValue() + ": " + prompt);
      checked++;
    }
    assertEquals(30, checked);
  }
}
