package io.glyphwright.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test images: known text drawn with Java2D, with the true box of every character. */
public final class TextImages {
  public static final String LATIN = "DejaVu Sans";
  public static final String CHINESE = "Noto Sans CJK SC";

  private TextImages() {}

  /** A font that must be installed (Java2D would silently substitute a missing one). */
  public static Font font(String family, int style, int size) {
    Font font = new Font(family, style, size);
    assertEquals(
        family,
        font.getFamily(java.util.Locale.ROOT),
        "font " + family + " is not installed: run ./glyphwright setup");
    return font;
  }

  /** A white canvas. */
  public static BufferedImage white(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  /**
   * A busy canvas: a diagonal colour gradient, a few translucent circles and per-pixel noise, all
   * from the seed.
   */
  public static BufferedImage noisy(int width, int height, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double t = (x + y) / (double) (width + height);
        int r = (int) (200 + 40 * t);
        int g = (int) (225 - 50 * t);
        int b = (int) (170 + 60 * (1 - t));
        image.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    for (int i = 0; i < 6; i++) {
      g.setColor(
          new Color(
              random.nextInt(150, 256), random.nextInt(150, 256), random.nextInt(150, 256), 120));
      int d = random.nextInt(60, 200);
      g.fillOval(random.nextInt(width) - d / 2, random.nextInt(height) - d / 2, d, d);
    }
    g.dispose();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int n = random.nextInt(-24, 25);
        int r = clamp(((rgb >> 16) & 0xff) + n);
        int gg = clamp(((rgb >> 8) & 0xff) + n);
        int b = clamp((rgb & 0xff) + n);
        image.setRGB(x, y, (r << 16) | (gg << 8) | b);
      }
    }
    return image;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }

  /**
   * Draws one line of text with its baseline starting at (x, y), optionally rotated about that
   * point, and returns the true pixel bounds of each non-space character.
   */
  public static List<CharBox> draw(
      BufferedImage image, String text, Font font, Color color, int x, int y, double degrees) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    AffineTransform at = AffineTransform.getRotateInstance(Math.toRadians(degrees), x, y);
    g.transform(at);
    g.setColor(color);
    g.setFont(font);
    FontRenderContext frc = g.getFontRenderContext();
    GlyphVector glyphs = font.createGlyphVector(frc, text);
    g.drawGlyphVector(glyphs, x, y);
    g.dispose();
    List<CharBox> boxes = new ArrayList<>();
    int[] cps = text.codePoints().toArray();
    if (glyphs.getNumGlyphs() != cps.length) {
      throw new IllegalStateException("test text must map one code point to one glyph: " + text);
    }
    for (int i = 0; i < cps.length; i++) {
      if (Character.isWhitespace(cps[i])) {
        continue;
      }
      Rectangle r = at.createTransformedShape(glyphs.getGlyphOutline(i, x, y)).getBounds();
      boxes.add(
          new CharBox(new String(cps, i, 1), new Box(r.x, r.y, r.x + r.width, r.y + r.height)));
    }
    return boxes;
  }
}
