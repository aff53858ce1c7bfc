package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.FontRegistry;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HeuristicPlannerTest {
  static final GlyphRenderer MEASURER = new GlyphRenderer(FontRegistry.system());
  private static final HeuristicPlanner PLANNER = new HeuristicPlanner(MEASURER);
  private static final String SALE = "A poster that says 'SUMMER SALE' and '50% OFF'";

  private static PlanResult plan(String prompt, int width, int height) {
    return PLANNER.plan(new PlanRequest(prompt, new Canvas(width, height)));
  }

  private static List<String> texts(Layout layout) {
    return layout.lines().stream().map(TextLine::text).toList();
  }

  /** Ink aspect of a grid box in pixels of the layout's canvas. */
  private static double pixelAspect(Layout layout, Box box) {
    double w = box.width() * (double) layout.width() / layout.grid();
    double h = box.height() * (double) layout.height() / layout.grid();
    return w / h;
  }

  /** Valid, inside margins of at least 6 %, top to bottom, no overlaps, headline largest. */
  private static void assertTypographicStack(Layout layout) {
    assertEquals(List.of(), LayoutRules.problems(layout, LayoutLimits.DEFAULT));
    int g = layout.grid();
    List<TextLine> lines = layout.lines();
    for (TextLine line : lines) {
      Box b = line.box();
      assertTrue(b.left() >= 0.06 * g && b.right() <= 0.94 * g, () -> "x margin: " + b);
      assertTrue(b.top() >= 0.06 * g && b.bottom() <= 0.94 * g, () -> "y margin: " + b);
    }
    for (int i = 0; i + 1 < lines.size(); i++) {
      Box upper = lines.get(i).box();
      Box lower = lines.get(i + 1).box();
      assertTrue(upper.bottom() <= lower.top(), () -> upper + " is not above " + lower);
    }
    for (int i = 1; i < lines.size(); i++) {
      Box head = lines.get(0).box();
      Box other = lines.get(i).box();
      assertTrue(head.height() >= other.height(), () -> head + " lower than " + other);
    }
  }

  @Test
  void summerSalePosterGetsTwoLinesHeadlineFirstAndLarger() {
    PlanResult result = plan(SALE, 512, 512);
    Layout layout = result.layout();
    assertEquals("heuristic", result.planner());
    assertEquals(List.of("SUMMER SALE", "50% OFF"), result.requestedTexts());
    assertEquals(List.of("SUMMER SALE", "50% OFF"), texts(layout));
    assertEquals(List.of(), result.repairs());
    assertEquals(List.of(), result.notes());
    assertEquals(new Canvas(512, 512), layout.canvas());
    assertEquals(128, layout.grid());
    Box head = layout.lines().get(0).box();
    Box second = layout.lines().get(1).box();
    assertTrue(head.area() > second.area(), () -> head + " vs " + second);
    assertTrue(head.height() > second.height(), () -> head + " vs " + second);
    assertTypographicStack(layout);
    // The TD2 form parses back to the same layout.
    assertEquals(layout, Td2Format.parse(Td2Format.print(layout), layout.canvas()));
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"512,512", "512,768", "768,512", "1024,256", "256,1024", "16,16", "4096,4096"})
  void eachBoxHasItsTextsInkShapeOnAnyCanvas(int width, int height) {
    String prompt = SALE + " with the words 'Limited time only' and '新年快乐'";
    Layout layout = plan(prompt, width, height).layout();
    assertEquals(List.of("SUMMER SALE", "50% OFF", "Limited time only", "新年快乐"), texts(layout));
    assertTypographicStack(layout);
    for (TextLine line : layout.lines()) {
      Box b = line.box();
      double measured = MEASURER.inkAspect(line.text(), "auto");
      double actual = pixelAspect(layout, b);
      // Rounding to whole cells moves each side by at most half a cell.
      double tolerance = 0.5 / b.width() + 0.5 / b.height() + 0.02;
      if (width >= 256 && height >= 256) {
        assertTrue(
            Math.abs(actual / measured - 1) <= tolerance,
            () -> line.text() + " " + b + ": aspect " + actual + ", measured " + measured);
      }
    }
  }

  @Test
  void gridBoxesFollowPixelsNotCellsOnANonSquareCanvas() {
    Layout square = plan("A sign that says 'OPEN'", 512, 512).layout();
    Layout wide = plan("A sign that says 'OPEN'", 1024, 512).layout();
    Box s = square.lines().get(0).box();
    Box w = wide.lines().get(0).box();
    // Same pixel shape: on a canvas twice as wide, a cell is twice as wide, so the box spans
    // about half as many cells across for the same number of cells down.
    double squareCellsRatio = (double) s.width() / s.height();
    double wideCellsRatio = (double) w.width() / w.height();
    assertEquals(squareCellsRatio / 2, wideCellsRatio, squareCellsRatio * 0.1);
  }

  @Test
  void portraitAndLandscapeKeepReadingOrderAndMargins() {
    for (int[] size : new int[][] {{512, 768}, {768, 512}, {1024, 576}}) {
      PlanResult result = plan(SALE, size[0], size[1]);
      assertEquals(List.of("SUMMER SALE", "50% OFF"), texts(result.layout()));
      assertEquals(List.of(), result.repairs());
      assertTypographicStack(result.layout());
    }
  }

  @Test
  void theGroupIsCentredVertically() {
    for (String prompt : new String[] {SALE, "A sticker that says 'NEW'", "海报「新年快乐」「万事如意」「恭喜发财」"}) {
      Layout layout = plan(prompt, 512, 768).layout();
      int top = layout.lines().get(0).box().top();
      int bottom = layout.grid() - layout.lines().get(layout.lines().size() - 1).box().bottom();
      assertTrue(Math.abs(top - bottom) <= 1, () -> prompt + ": top " + top + ", bottom " + bottom);
    }
  }

  @Test
  void eachLineIsCentredHorizontally() {
    Layout layout = plan(SALE, 768, 512).layout();
    for (TextLine line : layout.lines()) {
      int leftGap = line.box().left();
      int rightGap = layout.grid() - line.box().right();
      assertTrue(Math.abs(leftGap - rightGap) <= 1, line::toString);
    }
  }

  @Test
  void aLongTextStaysOnOneLineAndUsesTheWidth() {
    String longText = "Free shipping on every order over fifty dollars, this weekend only";
    PlanResult result =
        plan("A banner that says 'SALE' and '" + longText + "' and 'shop now'", 512, 512);
    Layout layout = result.layout();
    assertEquals(List.of("SALE", longText, "shop now"), texts(layout));
    int margin = (int) Math.ceil(TypographicStack.MARGIN * layout.grid());
    Box longBox = layout.lines().get(1).box();
    assertEquals(layout.grid() - 2 * margin, longBox.width(), longBox::toString);
    assertTypographicStack(layout);
  }

  @Test
  void aLongHeadlineShrinksToTheWidthAndStaysTheTallest() {
    String longText = "The Quiet Art of Making Bread by Hand in a Small Kitchen";
    Layout layout =
        plan("A cookbook cover titled '" + longText + "' and 'VOL 2'", 512, 512).layout();
    assertEquals(List.of(longText, "VOL 2"), texts(layout));
    assertTypographicStack(layout);
  }

  @Test
  void maxLinesOfTextsFitOnTheSmallestCanvas() {
    StringBuilder prompt = new StringBuilder("A wall of notes");
    List<String> expected = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      prompt.append(" 'NOTE ").append(i).append('\'');
      expected.add("NOTE " + i);
    }
    PlanResult result = plan(prompt.toString(), 16, 16);
    assertEquals(expected.subList(0, 16), texts(result.layout()));
    assertTrue(result.notes().get(0).contains("20 texts"), result.notes()::toString);
    assertEquals(List.of(), result.repairs());
    assertTypographicStack(result.layout());
  }

  @Test
  void promptWithoutTextGivesAnEmptyLayoutAndSaysWhy() {
    PlanResult result = plan("A watercolor painting of a fox in the snow", 512, 512);
    assertEquals(List.of(), result.layout().lines());
    assertEquals(List.of(), result.requestedTexts());
    assertEquals(List.of(HeuristicPlanner.NO_TEXT_NOTE), result.notes());
    assertEquals(List.of(), result.repairs());
  }

  @Test
  void emptyPromptIsRefusedAtTheRequest() {
    PromptException e =
        assertThrows(PromptException.class, () -> new PlanRequest(" ", new Canvas(512, 512)));
    assertTrue(e.getMessage().startsWith("the prompt is empty"), e.getMessage());
  }

  @Test
  void planningIsDeterministic() {
    String prompt = "A book cover titled 'The Silent Orchard' by 'Mara Quinn' 「山海之间」";
    PlanResult first = plan(prompt, 640, 896);
    PlanResult again = plan(prompt, 640, 896);
    PlanResult fresh =
        new HeuristicPlanner(new GlyphRenderer(FontRegistry.system()))
            .plan(new PlanRequest(prompt, new Canvas(640, 896)));
    assertEquals(first, again);
    assertEquals(first, fresh);
  }

  @Test
  void aTextNoFontDrawsIsStillPlacedWithANote() {
    // U+10FFFD is a private-use code point no installed font is expected to draw.
    String odd = "X" + new String(Character.toChars(0x10FFFD));
    PlanResult result = plan("A sign that says '" + odd + "' and 'OK'", 512, 512);
    assertEquals(List.of(odd, "OK"), texts(result.layout()));
    assertTypographicStack(result.layout());
    boolean measurable;
    try {
      MEASURER.inkAspect(odd, "auto");
      measurable = true;
    } catch (IllegalArgumentException e) {
      measurable = false;
    }
    boolean noted = result.notes().stream().anyMatch(n -> n.contains("could not be measured"));
    assertEquals(!measurable, noted, result.notes()::toString);
  }

  private static final String[] POOL = {
    "SUMMER SALE",
    "50% OFF",
    "新年快乐",
    "EXIT",
    "出口",
    "Happy Birthday Lena",
    "A",
    "Eau de Lune",
    "BUILD & PLAY",
    "限时秒杀全场五折",
    "ONLY $99",
    "—",
    "...",
    "l",
    "Ag",
    "W".repeat(80),
    "The Quiet Art of Making Bread by Hand in a Small Kitchen",
    "夏日音乐节 Summer Music Festival"
  };

  @Test
  void randomPromptsOnRandomCanvasesNeedNoRepairs() {
    java.util.Random rnd = new java.util.Random(7L);
    for (int iteration = 0; iteration < 400; iteration++) {
      int n = 1 + rnd.nextInt(18);
      StringBuilder prompt = new StringBuilder("A design with");
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String text = POOL[rnd.nextInt(POOL.length)] + (rnd.nextBoolean() ? "" : " " + i);
        if (text.length() > 80 || expected.contains(text)) {
          continue;
        }
        expected.add(text);
        prompt.append(" “").append(text).append('”');
      }
      int width = 16 + rnd.nextInt(4081);
      int height = 16 + rnd.nextInt(4081);
      PlanResult result = plan(prompt.toString(), width, height);
      String where = "iteration " + iteration + " " + width + "x" + height + ": " + prompt;
      List<String> kept = expected.subList(0, Math.min(16, expected.size()));
      assertEquals(kept, texts(result.layout()), where);
      assertEquals(List.of(), result.repairs(), where);
      assertTypographicStack(result.layout());
    }
  }

  @Test
  void everyDevPromptIsPlannedWithExactlyItsTexts() throws IOException {
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
      PlanResult result = plan(row.get("prompt").stringValue(), 512, 512);
      String id = row.get("id").stringValue();
      assertEquals(expected, texts(result.layout()), id);
      assertEquals(List.of(), result.repairs(), id);
      assertTypographicStack(result.layout());
      checked++;
    }
    assertEquals(30, checked);
  }
}
