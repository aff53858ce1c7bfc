package io.glyphwright.eval.fidelity;

import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.glyph.GlyphRendering;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Judges the glyph mask itself: the ceiling any generator can reach, and a check of planner,
 * renderer and judge before a generator exists.
 *
 * <p>The mask (255 = ink) is shown as dark ink on white paper, gray levels inverted so the
 * antialiased edges keep their shape. Both OCR engines are trained mostly on dark text on light
 * backgrounds; on the dev prompts Tesseract misread white-on-black masks that it read correctly as
 * black-on-white (docs/EVAL.md gives the measurement), and PP-OCR reads both alike.
 */
public final class MaskImageSource implements ImageSource {
  public static final String NAME = "mask";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean generates() {
    return false;
  }

  @Override
  public BufferedImage image(EvalPrompt prompt, GlyphRendering rendering, long seed) {
    return inkOnPaper(rendering.mask());
  }

  /** The 8-bit mask (255 = ink) as an 8-bit gray image with black ink on white. */
  public static BufferedImage inkOnPaper(BufferedImage mask) {
    int w = mask.getWidth();
    int h = mask.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Raster src = mask.getRaster();
    WritableRaster dst = out.getRaster();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      src.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        row[x] = 255 - row[x];
      }
      dst.setSamples(0, y, w, 1, 0, row);
    }
    return out;
  }
}
