package io.glyphwright.eval.fidelity;

import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.glyph.GlyphRendering;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Judges the glyph mask itself: the ceiling any generator can reach, and a check of planner,
 * renderer and judge before a generator exists.
 *
 * <p>The mask (255 = ink) is shown as dark ink on white paper, gray levels inverted so the
 * antialiased edges keep their shape. Measured on 120 generated prompts (docs/EVAL.md): PP-OCRv4
 * read every text exactly as dark-on-light and 95 % as light-on-dark (stray characters in word
 * gaps); Tesseract scored the same either way.
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

  /**
   * The 8-bit mask (255 = ink) as an RGB image with black ink on white: each channel {@code 255 -
   * mask}.
   *
   * <p>RGB, not 8-bit gray, on purpose: Java treats {@code TYPE_BYTE_GRAY} as linear gray, so
   * {@code getRGB} on it brightens mid-grays (128 reads as 188), which thins antialiased strokes
   * for any reader that goes through {@code getRGB}. Writing the values into RGB channels keeps the
   * bytes the renderer drew, as a generator's RGB image would.
   */
  public static BufferedImage inkOnPaper(BufferedImage mask) {
    int w = mask.getWidth();
    int h = mask.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Raster src = mask.getRaster();
    int[] row = new int[w];
    int[] rgb = new int[w];
    for (int y = 0; y < h; y++) {
      src.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        int v = 255 - row[x];
        rgb[x] = (v << 16) | (v << 8) | v;
      }
      out.setRGB(0, y, w, 1, rgb, 0, w);
    }
    return out;
  }
}
