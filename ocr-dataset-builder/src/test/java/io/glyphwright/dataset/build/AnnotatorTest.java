package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.ocr.Quad;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotatorTest {
  /** A line with evenly split character boxes. */
  static OcrLine line(String text, Box box, double conf) {
    String visible = text.replaceAll("\\s", "");
    List<CharBox> chars = new ArrayList<>();
    int n = visible.length();
    for (int i = 0; i < n; i++) {
      int l = box.left() + box.width() * i / n;
      int r = Math.max(l + 1, box.left() + box.width() * (i + 1) / n);
      chars.add(new CharBox(visible.substring(i, i + 1), new Box(l, box.top(), r, box.bottom())));
    }
    return new OcrLine(text, Quad.of(box), box, conf, chars, List.of());
  }

  private static OcrResult result(OcrLine... lines) {
    return new OcrResult("test", 512, 512, List.of(lines));
  }

  @Test
  void linesBecomeCorpusLinesAndTd2LinesOnTheGrid() throws Exception {
    Annotator.Annotation a =
        Annotator.annotate(
            result(
                line("SUMMER SALE", new Box(48, 80, 464, 176), 0.987654),
                line("50% OFF", new Box(130, 300, 381, 351), 0.9)),
            512,
            512);
    assertEquals(2, a.lines().size());
    CorpusLine first = a.lines().get(0);
    assertEquals("SUMMER SALE", first.text());
    assertEquals(0.9877, first.conf());
    assertEquals(10, first.chars().size());
    // 48/4=12, 80/4=20, 464/4=116, 176/4=44; 130/4=32.5 -> 32 (out), 381/4=95.25 -> 96 (out)
    assertEquals("SUMMER SALE 12,20,116,44\n50% OFF 32,75,96,88\n", a.layout());
    Layout parsed = Td2Format.parse(a.layout(), new io.glyphwright.core.Canvas(512, 512));
    assertEquals(2, parsed.lines().size());
  }

  @Test
  void gridBoxesAlwaysHoldThePixelBox() {
    for (int w : new int[] {300, 512, 777}) {
      for (int px = 0; px < w; px += 37) {
        Box pixel =
            new Box(px, px * 300 / w, Math.min(w, px + 13), Math.min(300, px * 300 / w + 9));
        if (pixel.isEmpty()) {
          continue;
        }
        Box g = Annotator.toGrid(pixel, w, 300);
        assertTrue(
            g.left() * (long) w <= pixel.left() * 128L
                && g.right() * (long) w >= pixel.right() * 128L
                && g.top() * 300L <= pixel.top() * 128L
                && g.bottom() * 300L >= pixel.bottom() * 128L,
            () -> pixel + " -> " + g);
        assertTrue(g.left() < g.right() && g.top() < g.bottom(), g::toString);
        assertTrue(g.right() <= 128 && g.bottom() <= 128 && g.left() >= 0 && g.top() >= 0);
      }
    }
  }

  @Test
  void boxesAndQuadsAreClampedIntoTheImageAndEmptyLinesDropped() throws Exception {
    OcrLine outside = line("EDGE", new Box(480, 500, 540, 530), 0.9);
    OcrLine gone = line("GONE", new Box(600, 600, 700, 650), 0.9);
    OcrLine blank =
        new OcrLine(
            "  ", Quad.of(new Box(1, 1, 9, 9)), new Box(1, 1, 9, 9), 0.9, List.of(), List.of());
    Annotator.Annotation a = Annotator.annotate(result(outside, gone, blank), 512, 512);
    assertEquals(1, a.lines().size());
    CorpusLine l = a.lines().get(0);
    assertEquals(new Box(480, 500, 512, 512), l.box());
    assertTrue(l.quad().toList().stream().allMatch(v -> v >= 0 && v <= 511), l.quad()::toString);
    for (CharBox c : l.chars()) {
      assertTrue(l.box().contains(c.box()) && !c.box().isEmpty(), c::toString);
    }
    assertEquals("EDGE 120,125,128,128\n", a.layout());
  }

  @Test
  void characterBoxesThatDoNotMatchTheTextAreAnEngineFailure() {
    Box b = new Box(10, 10, 100, 40);
    OcrLine broken =
        new OcrLine("ABC", Quad.of(b), b, 0.9, List.of(new CharBox("A", b)), List.of());
    SampleRejectedException e =
        assertThrows(
            SampleRejectedException.class, () -> Annotator.annotate(result(broken), 512, 512));
    assertEquals(RejectReason.OCR_FAILED, e.reason());
  }

  @Test
  void aLineTooLongForTd2IsAnInvalidLayout() {
    OcrLine longLine = line("X".repeat(81), new Box(0, 0, 512, 20), 0.9);
    SampleRejectedException e =
        assertThrows(
            SampleRejectedException.class, () -> Annotator.annotate(result(longLine), 512, 512));
    assertEquals(RejectReason.INVALID_LAYOUT, e.reason());
  }
}
