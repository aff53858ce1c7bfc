package io.glyphwright.dataset.build;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.ocr.Quad;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an engine's lines into a sample's annotation: {@code ocr.lines} (text, quad, box,
 * confidence, character boxes) and the TD2 {@code layout} on the 128 grid, one layout line per OCR
 * line (the engines already merge words into lines), in reading order.
 *
 * <p>Boxes and quads are clamped into the image; a line whose box is empty once clamped, or whose
 * text is blank, is dropped. Character boxes are clamped into their line's box. A line's grid box
 * is its pixel box rounded outwards onto the grid ({@code floor} for left/top, {@code ceil} for
 * right/bottom), as the synthetic corpus does, so it always holds the text. Confidences are rounded
 * to four decimals, so that samples print the same on every run.
 */
public final class Annotator {
  /** TextDiffuser-2's grid. */
  public static final int GRID = Layout.DEFAULT_GRID;

  private Annotator() {}

  /** The annotation of one image. */
  public record Annotation(List<CorpusLine> lines, String layout) {
    public Annotation {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Annotates what an engine read in a {@code width}×{@code height} image.
   *
   * @throws SampleRejectedException {@code ocr-failed} when a line's character boxes do not match
   *     its text, {@code invalid-layout} when a line cannot be a TD2 line (over 80 characters)
   */
  public static Annotation annotate(OcrResult result, int width, int height)
      throws SampleRejectedException {
    Box frame = new Box(0, 0, width, height);
    List<CorpusLine> lines = new ArrayList<>();
    List<TextLine> grid = new ArrayList<>();
    for (OcrLine line : result.lines()) {
      String text = line.text().strip();
      Box box = line.box().intersection(frame);
      if (text.isEmpty() || box.isEmpty()) {
        continue;
      }
      String visible = text.replaceAll("\\s", "");
      int expected = visible.codePointCount(0, visible.length());
      if (line.chars().size() != expected) {
        throw new SampleRejectedException(
            RejectReason.OCR_FAILED,
            "the engine gave "
                + line.chars().size()
                + " character boxes for the "
                + expected
                + " characters of '"
                + text
                + "'");
      }
      List<CharBox> chars = new ArrayList<>(expected);
      for (CharBox c : line.chars()) {
        chars.add(new CharBox(c.c(), clampInto(c.box(), box)));
      }
      String problem = LayoutRules.textProblem(text, LayoutLimits.DEFAULT);
      if (problem != null) {
        throw new SampleRejectedException(
            RejectReason.INVALID_LAYOUT, "line '" + text + "': " + problem);
      }
      double conf = Math.round(Math.max(0, Math.min(1, line.confidence())) * 1e4) / 1e4;
      lines.add(new CorpusLine(text, clamp(line.quad(), width, height), box, conf, chars));
      grid.add(new TextLine(text, toGrid(box, width, height)));
    }
    return new Annotation(lines, Td2Format.print(new Layout(width, height, GRID, grid)));
  }

  /** A pixel box rounded outwards onto the grid, inside {@code 0..GRID}. */
  static Box toGrid(Box px, int width, int height) {
    return new Box(
        Math.max(0, Math.floorDiv(px.left() * GRID, width)),
        Math.max(0, Math.floorDiv(px.top() * GRID, height)),
        Math.min(GRID, -Math.floorDiv(-px.right() * GRID, width)),
        Math.min(GRID, -Math.floorDiv(-px.bottom() * GRID, height)));
  }

  /** The quad's corners moved into the image's pixels. */
  static Quad clamp(Quad q, int width, int height) {
    int mx = width - 1;
    int my = height - 1;
    return new Quad(
        clamp(q.x1(), mx),
        clamp(q.y1(), my),
        clamp(q.x2(), mx),
        clamp(q.y2(), my),
        clamp(q.x3(), mx),
        clamp(q.y3(), my),
        clamp(q.x4(), mx),
        clamp(q.y4(), my));
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(v, max));
  }

  /**
   * {@code b} clamped into {@code frame}; a box left empty becomes the one-pixel-wide (or high) box
   * at the frame's edge nearest to it, so that every character keeps a box inside its line.
   */
  static Box clampInto(Box b, Box frame) {
    int l = Math.max(frame.left(), Math.min(b.left(), frame.right() - 1));
    int t = Math.max(frame.top(), Math.min(b.top(), frame.bottom() - 1));
    int r = Math.min(frame.right(), Math.max(b.right(), l + 1));
    int bottom = Math.min(frame.bottom(), Math.max(b.bottom(), t + 1));
    return new Box(l, t, r, bottom);
  }
}
