package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.ocr.Quad;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleFiltersTest {
  private static final FilterSettings F = FilterSettings.DEFAULT;

  private static CorpusLine line(String text, Box box, double conf) {
    String visible = text.replaceAll("\\s", "");
    List<CharBox> chars = new ArrayList<>();
    for (int i = 0; i < visible.length(); i++) {
      chars.add(new CharBox(visible.substring(i, i + 1), box));
    }
    return new CorpusLine(text, Quad.of(box), box, conf, chars);
  }

  private static List<RejectReason> check(
      List<CorpusLine> lines, String caption, FilterSettings f) {
    return SampleFilters.check(lines, 512, 512, caption, f);
  }

  @Test
  void aTypicalPosterPasses() {
    List<CorpusLine> lines =
        List.of(
            line("SUMMER SALE", new Box(50, 80, 460, 180), 0.98),
            line("50% OFF", new Box(130, 300, 380, 350), 0.95));
    assertEquals(List.of(), check(lines, "a poster that says SUMMER SALE 50% OFF", F));
  }

  @Test
  void noTextIsRejectedAlone() {
    assertEquals(List.of(RejectReason.NO_TEXT), check(List.of(), "anything", F));
  }

  @Test
  void tooManyLines() {
    List<CorpusLine> lines = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      lines.add(line("LINE" + i, new Box(10, 10 + 50 * i, 300, 50 + 50 * i), 0.99));
    }
    assertEquals(List.of(RejectReason.TOO_MANY_LINES), check(lines, "c", F));
    assertEquals(List.of(), check(lines, "c", F.withMaxLines(9)));
  }

  @Test
  void textAreaBounds() {
    List<CorpusLine> tiny = List.of(line("a", new Box(0, 0, 20, 20), 0.99)); // 0.15 %
    assertEquals(List.of(RejectReason.TEXT_AREA_TOO_SMALL), check(tiny, "a", F));
    List<CorpusLine> huge = List.of(line("WALL OF TEXT", new Box(0, 0, 512, 480), 0.99));
    assertEquals(List.of(RejectReason.TEXT_AREA_TOO_LARGE), check(huge, "c", F));
  }

  @Test
  void overlappingBoxesCountOnce() {
    List<Box> boxes =
        List.of(new Box(0, 0, 100, 100), new Box(50, 50, 150, 150), new Box(0, 0, 100, 100));
    assertEquals(
        (10000 + 10000 - 2500) / (512.0 * 512),
        SampleFilters.textAreaRatio(boxes, 512, 512),
        1e-12);
  }

  @Test
  void confidenceIsAveragedOverCharacters() {
    List<CorpusLine> lines =
        List.of(
            line("ABCDEFGHI", new Box(10, 10, 300, 60), 0.9),
            line("X", new Box(10, 100, 300, 160), 0.0));
    assertEquals(0.81, SampleFilters.meanConfidence(lines), 1e-9);
    assertEquals(List.of(), check(lines, "c", F.withMinConfidence(0.8)));
    assertEquals(
        List.of(RejectReason.LOW_CONFIDENCE), check(lines, "c", F.withMinConfidence(0.82)));
  }

  @Test
  void captionRuleMatchesNormalisedWordsAndChineseText() {
    List<CorpusLine> lines =
        List.of(
            line("Summer SALE!", new Box(10, 10, 300, 60), 0.99),
            line("限时特惠", new Box(10, 100, 300, 160), 0.99));
    assertEquals(1.0, SampleFilters.captionMatch(lines, "A poster: “SUMMER sale” 限时特惠"), 1e-9);
    assertEquals(2 / 3.0, SampleFilters.captionMatch(lines, "summer sale poster"), 1e-9);
    FilterSettings strict = F.withCaptionMatch(1.0);
    assertEquals(
        List.of(RejectReason.WORDS_NOT_IN_CAPTION), check(lines, "summer sale poster", strict));
    assertEquals(List.of(), check(lines, "summer sale poster", F));
  }

  @Test
  void allFailuresAreListedInOrder() {
    List<CorpusLine> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(line("w" + i, new Box(0, i, 2, i + 1), 0.1));
    }
    assertEquals(
        List.of(
            RejectReason.TOO_MANY_LINES,
            RejectReason.TEXT_AREA_TOO_SMALL,
            RejectReason.LOW_CONFIDENCE,
            RejectReason.WORDS_NOT_IN_CAPTION),
        check(lines, "nothing", F.withCaptionMatch(0.5)));
  }
}
