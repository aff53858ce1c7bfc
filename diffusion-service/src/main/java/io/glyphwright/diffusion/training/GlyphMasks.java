package io.glyphwright.diffusion.training;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.UnknownFontException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The glyph mask a training image is conditioned on, drawn by the same renderer that draws masks at
 * generation time.
 *
 * <p>When the sample lists its characters' pixel boxes (the synthetic corpus always does, PP-OCR
 * annotations usually do), every character is rendered alone, fitted into its own box: the mask's
 * ink then sits where the image's ink is, character by character, whatever face the image used.
 * Otherwise the TD2 layout's lines are rendered, as at generation time.
 */
public final class GlyphMasks {
  /** Smallest box height given to one character, as a share of its line's height. */
  static final double MIN_HEIGHT_OF_LINE = 0.6;

  private GlyphMasks() {}

  /**
   * The mask at the sample's own size ({@code TYPE_BYTE_GRAY}, 255 = ink).
   *
   * @throws LayoutException or {@link UnknownFontException} when no installed face can draw it
   */
  public static BufferedImage forSample(CorpusSample sample, GlyphRenderer renderer) {
    int w = sample.width();
    int h = sample.height();
    List<TextLine> perChar = new ArrayList<>();
    boolean complete = !sample.ocr().lines().isEmpty();
    for (CorpusLine line : sample.ocr().lines()) {
      long visible = line.text().codePoints().filter(cp -> !Character.isWhitespace(cp)).count();
      if (line.chars().size() != visible) {
        complete = false;
        break;
      }
      int lineHeight = line.box().height();
      for (CharBox c : line.chars()) {
        Box b = clamp(tallEnough(c.box(), lineHeight), w, h);
        if (b != null && !c.c().isBlank()) {
          perChar.add(new TextLine(c.c(), b));
        }
      }
    }
    if (complete && !perChar.isEmpty() && w == h) {
      // A grid as fine as the pixels: grid units are pixels, so the boxes are exact.
      return renderer.render(new Layout(w, h, w, perChar)).mask();
    }
    Layout layout = Td2Format.parseUnchecked(sample.layout(), new Canvas(w, h));
    return renderer.render(layout).mask();
  }

  /**
   * A flat character's ink box ("一", "-", "_", "."), grown about its centre to {@value
   * #MIN_HEIGHT_OF_LINE} of the line's height: the renderer caps a glyph's em at a multiple of its
   * box's height, which would shrink such a glyph far below its width in the image.
   */
  static Box tallEnough(Box b, int lineHeight) {
    int min = (int) Math.ceil(MIN_HEIGHT_OF_LINE * lineHeight);
    if (b.height() >= min) {
      return b;
    }
    int grow = min - b.height();
    return new Box(b.left(), b.top() - grow / 2, b.right(), b.bottom() + (grow - grow / 2));
  }

  private static Box clamp(Box b, int w, int h) {
    Box c =
        new Box(
            Math.max(0, b.left()),
            Math.max(0, b.top()),
            Math.min(w, b.right()),
            Math.min(h, b.bottom()));
    return c.left() < c.right() && c.top() < c.bottom() ? c : null;
  }
}
