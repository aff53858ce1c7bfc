package io.glyphwright.eval.report;

import io.glyphwright.core.Box;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Boxes drawn over an image, for the contact sheets. */
public final class Overlays {
  /** A read line that is part of an exact match. */
  public static final Color MATCHED = new Color(0x1f, 0xa8, 0x3c);

  /** A read line that matched no requested text. */
  public static final Color UNMATCHED = new Color(0xe0, 0x1e, 0x1e);

  /** Where the layout put a requested text that was not read exactly (dashed). */
  public static final Color MISSED = new Color(0xf0, 0x8c, 0x00);

  /** A ground-truth line box in the layout evaluation (dashed). */
  public static final Color TRUTH = new Color(0x1e, 0x6e, 0xe6);

  /** A planned line box in the layout evaluation. */
  public static final Color PLANNED = new Color(0xe6, 0x5c, 0x00);

  private Overlays() {}

  /** One box and how to draw it. */
  public record Mark(Box box, Color color, boolean dashed) {}

  /** A colour copy of {@code image} with the marks drawn on it. */
  public static BufferedImage draw(BufferedImage image, List<Mark> marks) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.drawImage(image, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      float width = Math.max(2f, Math.max(w, h) / 200f);
      BasicStroke solid = new BasicStroke(width);
      BasicStroke dashed =
          new BasicStroke(
              width,
              BasicStroke.CAP_BUTT,
              BasicStroke.JOIN_MITER,
              10f,
              new float[] {3 * width, 2 * width},
              0f);
      for (Mark m : marks) {
        if (m.box() == null || m.box().isEmpty()) {
          continue;
        }
        g.setColor(m.color());
        g.setStroke(m.dashed() ? dashed : solid);
        Box b = m.box();
        g.drawRect(b.left(), b.top(), b.width() - 1, b.height() - 1);
      }
    } finally {
      g.dispose();
    }
    return out;
  }
}
