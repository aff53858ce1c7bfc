package io.glyphwright.glyph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.TextLine;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GlyphRendererTest {
  private static final GlyphRenderer RENDERER = new GlyphRenderer(FontRegistry.system());

  private static TextLine line(String text, int l, int t, int r, int b) {
    return new TextLine(text, new Box(l, t, r, b));
  }

  private static TextLine line(String text, String font, int l, int t, int r, int b) {
    return new TextLine(text, new Box(l, t, r, b), font, null, List.of());
  }

  private static Layout layout(TextLine... lines) {
    return new Layout(512, 512, 128, List.of(lines));
  }

  private static final Layout POSTER =
      layout(
          line("SUMMER SALE", 8, 6, 120, 30),
          line("夏季大促销", 16, 36, 112, 60),
          line("EXIT 出口", "liberation-sans", 20, 66, 100, 84),
          line("Fresh bread & coffee, daily!", 6, 92, 96, 104),
          line("中华老字号", 104, 60, 124, 126));

  private static int nonSpace(String text) {
    return (int) text.codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
  }

  /** Mask pixels with any ink inside {@code box}. */
  private static int inkPixels(BufferedImage mask, Box box) {
    Raster r = mask.getRaster();
    int n = 0;
    for (int y = Math.max(0, box.top()); y < Math.min(mask.getHeight(), box.bottom()); y++) {
      for (int x = Math.max(0, box.left()); x < Math.min(mask.getWidth(), box.right()); x++) {
        if (r.getSample(x, y, 0) > 0) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void latinLineGetsOneInkedBoxPerLetterInsideItsLineBox() {
    Layout in = layout(line("SUMMER SALE", 8, 20, 120, 44));
    GlyphRendering out = RENDERER.render(in);
    TextLine l = out.layout().lines().get(0);
    Box pb = in.toPixels(l.box());

    assertEquals(10, l.chars().size());
    assertEquals("SUMMERSALE", String.join("", l.chars().stream().map(CharBox::c).toList()));
    for (CharBox c : l.chars()) {
      assertTrue(pb.contains(c.box()), c + " is outside " + pb);
      assertTrue(inkPixels(out.mask(), c.box()) > 50, c + " has no ink");
    }
    for (int i = 1; i < l.chars().size(); i++) {
      assertTrue(l.chars().get(i).box().left() > l.chars().get(i - 1).box().left());
    }
    assertEquals("liberation-sans", out.lines().get(0).faceId());
    assertFalse(out.lines().get(0).vertical());
  }

  @Test
  void chineseLineUsesTheCjkFaceAndGetsABoxPerCharacter() {
    Layout in = layout(line("夏季大促销", 16, 36, 112, 60));
    GlyphRendering out = RENDERER.render(in);
    TextLine l = out.layout().lines().get(0);
    assertEquals("noto-sans-cjk-sc", out.lines().get(0).faceId());
    assertEquals(List.of("夏", "季", "大", "促", "销"), l.chars().stream().map(CharBox::c).toList());
    Box pb = in.toPixels(l.box());
    for (CharBox c : l.chars()) {
      assertTrue(pb.contains(c.box()), c + " is outside " + pb);
      assertTrue(inkPixels(out.mask(), c.box()) > 100, c + " has no ink");
      // CJK ideographs are roughly square
      double aspect = (double) c.box().width() / c.box().height();
      assertTrue(aspect > 0.7 && aspect < 1.4, c + " aspect " + aspect);
    }
  }

  @Test
  void mixedLineInALatinFaceDrawsTheChineseCharactersFromAFallbackFace() {
    FontFace liberation = FontRegistry.system().face("liberation-sans");
    assertFalse(liberation.canDisplay('出'), "test premise: Liberation Sans has no Chinese");

    Layout in = layout(line("EXIT 出口", "liberation-sans", 20, 66, 100, 84));
    GlyphRendering out = RENDERER.render(in);
    TextLine l = out.layout().lines().get(0);
    assertEquals(
        List.of("E", "X", "I", "T", "出", "口"), l.chars().stream().map(CharBox::c).toList());
    for (CharBox c : l.chars()) {
      assertTrue(inkPixels(out.mask(), c.box()) > 50, c + " was not drawn");
    }
    assertEquals("liberation-sans", out.lines().get(0).faceId());
    // The space still advances the pen: a gap wider than between letters separates T and 出.
    int gapTx = l.chars().get(4).box().left() - l.chars().get(3).box().right();
    int gapXi = l.chars().get(2).box().left() - l.chars().get(1).box().right();
    assertTrue(gapTx > gapXi + 5, "space gap " + gapTx + " vs letter gap " + gapXi);
  }

  @Test
  void autoPicksTheCjkFaceForAMixedLine() {
    GlyphRendering out = RENDERER.render(layout(line("EXIT 出口", 20, 66, 100, 84)));
    assertEquals("noto-sans-cjk-sc", out.lines().get(0).faceId());
  }

  @Test
  void noInkFallsOutsideTheLineBoxes() {
    GlyphRendering out = RENDERER.render(POSTER);
    List<Box> boxes = POSTER.lines().stream().map(l -> POSTER.toPixels(l.box())).toList();
    Raster r = out.mask().getRaster();
    int ink = 0;
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        if (r.getSample(x, y, 0) > 0) {
          ink++;
          Box px = new Box(x, y, x + 1, y + 1);
          assertTrue(
              boxes.stream().anyMatch(b -> b.contains(px)),
              "ink at (" + x + "," + y + ") outside every line box");
        }
      }
    }
    assertTrue(ink > 10_000, "the poster has ink");
  }

  @Test
  void everyNonSpaceCharacterGetsOneBoxInsideItsLine() {
    GlyphRendering out = RENDERER.render(POSTER);
    for (int i = 0; i < POSTER.lines().size(); i++) {
      TextLine in = POSTER.lines().get(i);
      TextLine l = out.layout().lines().get(i);
      assertEquals(nonSpace(in.text()), l.chars().size(), in.text());
      String expected = in.text().replaceAll("\\s", "");
      assertEquals(expected, String.join("", l.chars().stream().map(CharBox::c).toList()));
      Box pb = POSTER.toPixels(in.box());
      for (CharBox c : l.chars()) {
        assertTrue(pb.contains(c.box()), in.text() + ": " + c + " outside " + pb);
        assertFalse(c.box().isEmpty(), c + " is empty");
      }
      assertTrue(pb.contains(out.lines().get(i).inkBox()));
    }
  }

  @Test
  void charsegValuesFollowReadingOrderAndLieInsideTheirCharacterBoxes() {
    GlyphRendering out = RENDERER.render(POSTER);
    List<CharBox> all = new ArrayList<>();
    out.layout().lines().forEach(l -> all.addAll(l.chars()));
    int[] count = new int[all.size() + 1];
    Raster seg = out.charseg().getRaster();
    Raster mask = out.mask().getRaster();
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        int k = seg.getSample(x, y, 0);
        if (k == 0) {
          continue;
        }
        assertTrue(k <= all.size(), "charseg value " + k + " > " + all.size() + " characters");
        Box b = all.get(k - 1).box();
        Box grown = new Box(b.left() - 1, b.top() - 1, b.right() + 1, b.bottom() + 1);
        assertTrue(
            grown.contains(new Box(x, y, x + 1, y + 1)),
            "charseg " + k + " at (" + x + "," + y + ") outside " + all.get(k - 1));
        assertTrue(mask.getSample(x, y, 0) > 0, "charseg pixel without mask ink");
        count[k]++;
      }
    }
    for (int k = 1; k <= all.size(); k++) {
      assertTrue(count[k] > 0, "character " + k + " " + all.get(k - 1) + " has no charseg pixels");
    }
  }

  @Test
  void spacesGetNoIndex() {
    GlyphRendering out = RENDERER.render(layout(line("A B", 10, 10, 60, 40)));
    assertEquals(2, out.layout().lines().get(0).chars().size());
    int max = 0;
    Raster seg = out.charseg().getRaster();
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        max = Math.max(max, seg.getSample(x, y, 0));
      }
    }
    assertEquals(2, max);
  }

  @Test
  void chineseInATallNarrowBoxIsSetTopToBottom() {
    Layout in = layout(line("中华老字号", 104, 4, 124, 124));
    GlyphRendering out = RENDERER.render(in);
    assertTrue(out.lines().get(0).vertical());
    List<CharBox> chars = out.layout().lines().get(0).chars();
    assertEquals(5, chars.size());
    Box pb = in.toPixels(in.lines().get(0).box());
    double axis = (pb.left() + pb.right()) / 2.0;
    for (int i = 0; i < chars.size(); i++) {
      Box b = chars.get(i).box();
      assertTrue(pb.contains(b));
      assertEquals(axis, (b.left() + b.right()) / 2.0, 2.0, "centred on the column: " + b);
      if (i > 0) {
        Box prev = chars.get(i - 1).box();
        assertTrue(b.top() >= prev.bottom(), prev + " then " + b + " is not top to bottom");
      }
    }
    // Largest size: the column is filled along its width or its height.
    Box ink = out.lines().get(0).inkBox();
    assertTrue(
        ink.width() >= pb.width() - 1 || ink.height() >= pb.height() - 1,
        "ink " + ink + " fills neither dimension of " + pb);
  }

  @Test
  void aSpaceInVerticalTextLeavesAnEmptyCell() {
    Layout in = layout(line("出 口", 110, 10, 126, 120));
    GlyphRendering out = RENDERER.render(in);
    assertTrue(out.lines().get(0).vertical());
    List<CharBox> chars = out.layout().lines().get(0).chars();
    assertEquals(2, chars.size());
    Box first = chars.get(0).box();
    Box second = chars.get(1).box();
    double em = out.lines().get(0).fontSize();
    assertTrue(
        second.top() - first.bottom() > 0.9 * em,
        "gap " + (second.top() - first.bottom()) + " is not an empty cell of em " + em);
  }

  @Test
  void theIdeographicSpaceIsWhitespaceToo() {
    GlyphRendering out = RENDERER.render(layout(line("限时\u3000特惠", 10, 10, 118, 40)));
    assertEquals(
        List.of("限", "时", "特", "惠"),
        out.layout().lines().get(0).chars().stream().map(CharBox::c).toList());
  }

  @Test
  void latinInATallNarrowBoxStaysHorizontal() {
    GlyphRendering out = RENDERER.render(layout(line("OPEN", 104, 4, 124, 124)));
    assertFalse(out.lines().get(0).vertical());
    List<CharBox> chars = out.layout().lines().get(0).chars();
    assertTrue(chars.get(1).box().left() > chars.get(0).box().left());
  }

  @Test
  void unknownFontIsRefusedWithTheInstalledIdsAndHowToInstallMore() {
    Layout in = layout(line("SALE", "comic-sans", 10, 10, 100, 40));
    UnknownFontException e = assertThrows(UnknownFontException.class, () -> RENDERER.render(in));
    assertTrue(e.getMessage().startsWith("line 1: "), e.getMessage());
    assertTrue(e.getMessage().contains("'comic-sans'"), e.getMessage());
    assertTrue(e.getMessage().contains("noto-sans-cjk-sc"), e.getMessage());
    assertTrue(e.getMessage().contains("liberation-sans"), e.getMessage());
    assertTrue(e.getMessage().contains("./glyphwright setup"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0x1D11E, 0x10FFFD})
  void aCharacterNoInstalledFontHasIsRefusedByCodePointAndLine(int cp) {
    for (FontFace f : FontRegistry.system().allFaces()) {
      assertFalse(f.canDisplay(cp), "test premise: " + f + " has " + Integer.toHexString(cp));
    }
    String text = "OK " + new String(Character.toChars(cp));
    Layout in = layout(line("FINE", 10, 10, 100, 30), line(text, 10, 40, 100, 60));
    UnknownFontException e = assertThrows(UnknownFontException.class, () -> RENDERER.render(in));
    assertTrue(e.getMessage().contains(String.format("U+%04X", cp)), e.getMessage());
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
  }

  @Test
  void invalidBoxIsRefusedWithItsLine() {
    Layout in = layout(line("FINE", 10, 10, 100, 30), line("BAD", 50, 40, 20, 60));
    LayoutException e = assertThrows(LayoutException.class, () -> RENDERER.render(in));
    assertEquals(2, e.line());
  }

  @Test
  void boxUnderOnePixelIsRefused() {
    Layout in = new Layout(16, 16, 128, List.of(line("X", 10, 10, 13, 12)));
    LayoutException e = assertThrows(LayoutException.class, () -> RENDERER.render(in));
    assertTrue(e.getMessage().contains("under one pixel"), e.getMessage());
  }

  @Test
  void sameLayoutGivesTheSameBytes() {
    GlyphRendering a = RENDERER.render(POSTER);
    GlyphRendering b = new GlyphRenderer(FontRegistry.system()).render(POSTER);
    assertArrayEquals(GlyphImages.pngBytes(a.mask()), GlyphImages.pngBytes(b.mask()));
    assertArrayEquals(GlyphImages.pngBytes(a.charseg()), GlyphImages.pngBytes(b.charseg()));
    assertEquals(a.layout(), b.layout());
  }

  @Test
  void oneRendererUsedFromSeveralThreadsGivesTheSingleThreadResult() throws Exception {
    List<Layout> layouts =
        List.of(
            POSTER,
            layout(line("EXIT 出口", "lobster", 10, 10, 120, 40)),
            layout(line("中华老字号", 104, 4, 124, 124), line("OPEN 24H", 4, 4, 90, 20)));
    GlyphRenderer shared = new GlyphRenderer(FontRegistry.system());
    List<byte[]> expected = new ArrayList<>();
    for (Layout l : layouts) {
      expected.add(GlyphImages.pngBytes(RENDERER.render(l).mask()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> futures = new ArrayList<>();
      for (int i = 0; i < 48; i++) {
        Layout l = layouts.get(i % layouts.size());
        futures.add(pool.submit(() -> GlyphImages.pngBytes(shared.render(l).mask())));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertArrayEquals(expected.get(i % layouts.size()), futures.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Independent of the renderer's own measurement: Java2D draws the text at 1.05× the fitted size
   * and the drawn ink must no longer fit the box.
   */
  @ParameterizedTest
  @ValueSource(strings = {"SUMMER SALE", "Hamburg", "夏季大促销", "WIDE WORDS IN A LOW BOX"})
  void fittedSizeIsTheLargestThatFits(String text) {
    Layout in = layout(line(text, 8, 20, 120, 50));
    GlyphRendering out = RENDERER.render(in);
    LineSetting s = out.lines().get(0);
    Box pb = s.pixelBox();
    assertTrue(
        s.fontSize() < GlyphRenderer.MAX_EM_PER_BOX_SIDE * pb.height() - 1e-6,
        "premise: size not capped");
    Box ink = s.inkBox();
    assertTrue(
        ink.width() >= pb.width() - 1 || ink.height() >= pb.height() - 1,
        "ink " + ink + " touches neither pair of sides of " + pb);

    Font font =
        FontRegistry.system().face(s.faceId()).font().deriveFont((float) (s.fontSize() * 1.05));
    int[] extent = drawnInkExtent(font, text);
    assertTrue(
        extent[0] > pb.width() || extent[1] > pb.height(),
        "at 1.05x the ink " + extent[0] + "x" + extent[1] + " still fits " + pb);
  }

  @Test
  void emSizeIsCappedForALineOfPunctuation() {
    Layout in = layout(line("...", 10, 40, 80, 60));
    GlyphRendering out = RENDERER.render(in);
    LineSetting s = out.lines().get(0);
    assertEquals(GlyphRenderer.MAX_EM_PER_BOX_SIDE * s.pixelBox().height(), s.fontSize(), 1e-3);
    assertTrue(s.inkBox().height() < s.pixelBox().height() / 2);
  }

  @Test
  void eachLineIsSetInItsOwnFont() {
    GlyphRendering lobster = RENDERER.render(layout(line("Summer", "lobster", 10, 10, 118, 50)));
    GlyphRendering bebas = RENDERER.render(layout(line("Summer", "Bebas Neue", 10, 10, 118, 50)));
    assertEquals("lobster", lobster.lines().get(0).faceId());
    assertEquals("bebas-neue", bebas.lines().get(0).faceId());
    int differing = 0;
    Raster a = lobster.mask().getRaster();
    Raster b = bebas.mask().getRaster();
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        if (Math.abs(a.getSample(x, y, 0) - b.getSample(x, y, 0)) > 128) {
          differing++;
        }
      }
    }
    assertTrue(differing > 2000, "only " + differing + " pixels differ");
    assertNotEquals(lobster.layout().lines().get(0).chars(), bebas.layout().lines().get(0).chars());
  }

  @Test
  void inkAspectMatchesTheRenderedInk() {
    double aspect = RENDERER.inkAspect("SALE", "auto");
    GlyphRendering out = RENDERER.render(layout(line("SALE", 0, 0, 128, 128)));
    Box ink = out.lines().get(0).inkBox();
    assertEquals((double) ink.width() / ink.height(), aspect, 0.05);
    assertEquals(2.0, RENDERER.inkAspect("出口", "auto"), 0.25);
    assertThrows(IllegalArgumentException.class, () -> RENDERER.inkAspect("   ", "auto"));
    assertThrows(UnknownFontException.class, () -> RENDERER.inkAspect("SALE", "nope"));
  }

  @Test
  void charBoxesMatchTheInkDrawnByJava2dForTheSameGlyph() {
    // One big glyph: its box must be the tight box of the mask's ink (within a pixel).
    GlyphRendering out = RENDERER.render(layout(line("O", 10, 10, 118, 118)));
    Box box = out.layout().lines().get(0).chars().get(0).box();
    Raster r = out.mask().getRaster();
    int l = 512;
    int t = 512;
    int rr = 0;
    int b = 0;
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        if (r.getSample(x, y, 0) > 0) {
          l = Math.min(l, x);
          t = Math.min(t, y);
          rr = Math.max(rr, x + 1);
          b = Math.max(b, y + 1);
        }
      }
    }
    assertEquals(box.left(), l, 1);
    assertEquals(box.top(), t, 1);
    assertEquals(box.right(), rr, 1);
    assertEquals(box.bottom(), b, 1);
  }

  /** Width and height in pixels of the ink Java2D draws for {@code text} (no fallback needed). */
  private static int[] drawnInkExtent(Font font, String text) {
    FontRenderContext frc = new FontRenderContext(null, true, true);
    GlyphVector gv = font.createGlyphVector(frc, text);
    int w = (int) (font.getSize2D() * text.length() * 1.5) + 64;
    int h = (int) (font.getSize2D() * 2) + 64;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(Color.WHITE);
    g.fill(gv.getOutline(32, font.getSize2D() + 32));
    g.dispose();
    int l = w;
    int t = h;
    int r = 0;
    int b = 0;
    Raster ras = img.getRaster();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (ras.getSample(x, y, 0) > 0) {
          l = Math.min(l, x);
          t = Math.min(t, y);
          r = Math.max(r, x + 1);
          b = Math.max(b, y + 1);
        }
      }
    }
    return new int[] {r - l, b - t};
  }
}
