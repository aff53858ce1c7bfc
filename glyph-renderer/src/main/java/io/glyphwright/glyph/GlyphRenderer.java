package io.glyphwright.glyph;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.TextLine;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders a layout into a glyph mask, a character segmentation map and per-character boxes, from
 * the fonts' outlines.
 *
 * <p><b>Fit.</b> Each line's text is set in its pixel box ({@link Layout#toPixels}) at the largest
 * size whose ink fits, centred in the box by its ink. Outlines come unhinted from a {@link
 * GlyphVector} with fractional metrics at a reference size of {@value #REFERENCE_SIZE} px and scale
 * linearly, so the fitted size is computed from the reference ink bounds, then checked on the pixel
 * boxes (and shrunk by 0.1 % steps if rounding ever pushes a pixel out). The em size is capped at
 * {@value #MAX_EM_PER_BOX_SIDE} × the box's side across the text (its height, or its width for
 * vertical text), so that a line of punctuation or of lowercase letters without ascenders does not
 * blow up to fill the box.
 *
 * <p><b>Vertical.</b> A line whose pixel box is at least {@value #VERTICAL_ASPECT} × as tall as it
 * is wide and whose text holds a CJK character is set top to bottom, one upright character per
 * cell, as shop signs are: the cell pitch is the em (or the tallest glyph, if taller), each glyph's
 * ink is centred in its cell and on the column's axis; a space leaves an empty cell.
 *
 * <p><b>Fonts.</b> The line's {@code font} (an id or name from the {@link FontRegistry}, or {@code
 * auto}) chooses its face; a character that face lacks comes from {@link FontRegistry#fallbackFor}.
 * Glyphs are placed by their advances (no kerning or ligatures, so each character's box is its own
 * glyph's).
 *
 * <p><b>Outputs.</b> The mask is the outlines filled with antialiasing; the segmentation map is the
 * same outlines filled without antialiasing (pixel centres inside the outline), each character with
 * its index. Character boxes are the floor/ceil of each outline's exact bounds, so every mask and
 * segmentation pixel of a character lies inside its box. Whitespace gets no box and no index.
 *
 * <p>The same layout always gives the same bytes. One renderer may be used from many threads: each
 * call draws on its own images; the only shared state is a cache of immutable glyph outlines.
 */
public final class GlyphRenderer implements TextMeasurer {
  /** Size in pixels at which outlines are read from the font; they are scaled from there. */
  public static final double REFERENCE_SIZE = 256.0;

  /** The em is at most this many times the box's side across the text direction. */
  public static final double MAX_EM_PER_BOX_SIDE = 1.4;

  /** A box at least this many times as tall as wide sets CJK text vertically. */
  public static final double VERTICAL_ASPECT = 1.5;

  /** Most distinct characters cached per face; beyond it outlines are read again each time. */
  private static final int MAX_CACHED_GLYPHS_PER_FACE = 8_192;

  private static final LayoutLimits NO_LIMITS =
      new LayoutLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  private final FontRegistry registry;
  private final Map<String, FaceGlyphs> glyphs = new ConcurrentHashMap<>();

  public GlyphRenderer(FontRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** A renderer over {@link FontRegistry#system()}. */
  public static GlyphRenderer system() {
    return new GlyphRenderer(FontRegistry.system());
  }

  public FontRegistry registry() {
    return registry;
  }

  /**
   * Renders {@code layout}.
   *
   * @throws LayoutException when a line's text or box breaks the layout rules, or its box is under
   *     one pixel on this canvas
   * @throws UnknownFontException when a line names a face that is not installed, or holds a
   *     character no installed face can draw
   */
  public GlyphRendering render(Layout layout) {
    List<TextLine> lines = layout.lines();
    List<SetLine> set = new ArrayList<>(lines.size());
    int total = 0;
    for (int i = 0; i < lines.size(); i++) {
      SetLine s = setLine(layout, lines.get(i), i + 1);
      set.add(s);
      total += s.charCount;
    }
    if (total > 0xFFFF) {
      throw new LayoutException(
          "the layout has "
              + total
              + " characters; the 16-bit character map holds at most 65535: use fewer");
    }

    int width = layout.width();
    int height = layout.height();
    BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    CharMapCanvas charMap = new CharMapCanvas(width, height);

    Graphics2D g = mask.createGraphics();
    Graphics2D seg = charMap.createGraphics();
    List<TextLine> outLines = new ArrayList<>(lines.size());
    List<LineSetting> settings = new ArrayList<>(lines.size());
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(Color.WHITE);
      int k = 0;
      AffineTransform at = new AffineTransform();
      for (int i = 0; i < set.size(); i++) {
        SetLine s = set.get(i);
        for (Placed p : s.placed) {
          k++;
          if (p.glyph.hasInk) {
            s.transform(p, at);
            g.setTransform(at);
            g.fill(p.glyph.outline);
            seg.setTransform(at);
            seg.setColor(CharMapCanvas.colorFor(k));
            seg.fill(p.glyph.outline);
          }
        }
        outLines.add(lines.get(i).withChars(s.charBoxes));
        settings.add(
            new LineSetting(s.face.id(), s.scale * REFERENCE_SIZE, s.vertical, s.pixelBox, s.ink));
      }
    } finally {
      g.dispose();
      seg.dispose();
    }
    return new GlyphRendering(mask, charMap.image(), layout.withLines(outLines), settings);
  }

  /**
   * Ink width over ink height of {@code text} set horizontally in the face {@code font} resolves
   * to, with per-character fallback, from the same outlines {@link #render} draws.
   *
   * @throws IllegalArgumentException when {@code text} has no ink (empty or all spaces)
   */
  @Override
  public double inkAspect(String text, String font) {
    FontFace face = registry.resolve(font, text);
    List<Placed> placed = new ArrayList<>();
    double[] ink = placeHorizontal(face, text, 0, placed);
    if (ink == null) {
      throw new IllegalArgumentException("'" + text + "' has no ink to measure");
    }
    return (ink[2] - ink[0]) / (ink[3] - ink[1]);
  }

  private SetLine setLine(Layout layout, TextLine line, int lineNo) {
    String problem = LayoutRules.textProblem(line.text(), NO_LIMITS);
    if (problem == null) {
      problem = LayoutRules.boxProblem(line.box(), layout.grid());
    }
    if (problem != null) {
      throw new LayoutException(lineNo, problem);
    }
    Box pb = layout.toPixels(line.box());
    if (pb.isEmpty()) {
      throw new LayoutException(
          lineNo,
          "box "
              + line.box()
              + " is under one pixel on a "
              + layout.width()
              + "x"
              + layout.height()
              + " canvas: make it larger");
    }
    FontFace face;
    try {
      face = registry.resolve(line.font(), line.text());
    } catch (UnknownFontException e) {
      throw new UnknownFontException("line " + lineNo + ": " + e.getMessage());
    }
    boolean vertical = pb.height() >= VERTICAL_ASPECT * pb.width() && Scripts.hasCjk(line.text());
    List<Placed> placed = new ArrayList<>();
    double[] ink =
        vertical
            ? placeVertical(face, line.text(), lineNo, placed)
            : placeHorizontal(face, line.text(), lineNo, placed);
    return fit(face, vertical, pb, placed, ink);
  }

  /** Lays glyphs on a baseline at y = 0; returns the ink union {x0, y0, x1, y1} or null. */
  private double[] placeHorizontal(FontFace face, String text, int lineNo, List<Placed> out) {
    double pen = 0;
    double[] ink = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Glyph glyph = glyphFor(face, cp, text, lineNo);
      if (!Scripts.isSpace(cp)) {
        out.add(new Placed(cp, glyph, pen, 0));
        if (glyph.hasInk) {
          ink = union(ink, pen + glyph.minX, glyph.minY, pen + glyph.maxX, glyph.maxY);
        }
      }
      pen += glyph.advance;
    }
    return ink;
  }

  /** One cell per character, top to bottom, each glyph's ink centred in its cell on x = 0. */
  private double[] placeVertical(FontFace face, String text, int lineNo, List<Placed> out) {
    int[] cps = text.codePoints().toArray();
    Glyph[] gs = new Glyph[cps.length];
    double pitch = REFERENCE_SIZE;
    for (int i = 0; i < cps.length; i++) {
      gs[i] = glyphFor(face, cps[i], text, lineNo);
      if (gs[i].hasInk) {
        pitch = Math.max(pitch, gs[i].maxY - gs[i].minY);
      }
    }
    double[] ink = null;
    for (int i = 0; i < cps.length; i++) {
      if (Scripts.isSpace(cps[i])) {
        continue;
      }
      Glyph gl = gs[i];
      double cy = (i + 0.5) * pitch;
      double x = gl.hasInk ? -(gl.minX + gl.maxX) / 2 : 0;
      double y = gl.hasInk ? cy - (gl.minY + gl.maxY) / 2 : cy;
      out.add(new Placed(cps[i], gl, x, y));
      if (gl.hasInk) {
        ink = union(ink, x + gl.minX, y + gl.minY, x + gl.maxX, y + gl.maxY);
      }
    }
    return ink;
  }

  private static double[] union(double[] u, double x0, double y0, double x1, double y1) {
    if (u == null) {
      return new double[] {x0, y0, x1, y1};
    }
    u[0] = Math.min(u[0], x0);
    u[1] = Math.min(u[1], y0);
    u[2] = Math.max(u[2], x1);
    u[3] = Math.max(u[3], y1);
    return u;
  }

  private SetLine fit(FontFace face, boolean vertical, Box pb, List<Placed> placed, double[] ink) {
    int w = pb.width();
    int h = pb.height();
    double cap = MAX_EM_PER_BOX_SIDE * (vertical ? w : h) / REFERENCE_SIZE;
    if (ink == null) {
      // Nothing visible (e.g. only zero-width characters): boxes collapse to points in the box.
      SetLine s = new SetLine(face, vertical, pb, placed, Math.min(cap, 1.0), 0, 0);
      s.offsetX = pb.left() + w / 2.0;
      s.offsetY = pb.top() + h / 2.0;
      s.measure();
      return s;
    }
    double inkW = ink[2] - ink[0];
    double inkH = ink[3] - ink[1];
    double scale = Math.min(Math.min(w / inkW, h / inkH), cap) * (1 - 1e-9);
    for (int attempt = 0; attempt < 200; attempt++) {
      double ox = pb.left() + (w - inkW * scale) / 2 - ink[0] * scale;
      double oy = pb.top() + (h - inkH * scale) / 2 - ink[1] * scale;
      SetLine s = new SetLine(face, vertical, pb, placed, scale, ox, oy);
      s.measure();
      if (pb.contains(s.ink)) {
        return s;
      }
      scale *= 0.999;
    }
    throw new IllegalStateException("could not fit ink into " + pb + "; this is a bug");
  }

  private Glyph glyphFor(FontFace face, int cp, String text, int lineNo) {
    Glyph g = faceGlyphs(face).get(cp);
    if (g != Glyph.MISSING) {
      return g;
    }
    FontFace fallback =
        registry
            .fallbackFor(cp)
            .orElseThrow(
                () ->
                    new UnknownFontException(
                        (lineNo > 0 ? "line " + lineNo + ": " : "")
                            + "no installed font has "
                            + Scripts.uPlus(cp)
                            + " '"
                            + new String(Character.toChars(cp))
                            + "' (in '"
                            + text
                            + "'): remove it, or "
                            + FontRegistry.INSTALL_HINT));
    return faceGlyphs(fallback).get(cp);
  }

  private FaceGlyphs faceGlyphs(FontFace face) {
    FaceGlyphs fg = glyphs.get(face.id());
    if (fg == null) {
      fg = glyphs.computeIfAbsent(face.id(), id -> new FaceGlyphs(face));
    }
    return fg;
  }

  /** A face's outlines at the reference size, read once per character. */
  private static final class FaceGlyphs {
    private final Font font;
    private final Map<Integer, Glyph> cache = new ConcurrentHashMap<>();

    FaceGlyphs(FontFace face) {
      this.font = face.font().deriveFont((float) REFERENCE_SIZE);
    }

    Glyph get(int cp) {
      Glyph g = cache.get(cp);
      if (g == null) {
        g = read(cp);
        if (cache.size() < MAX_CACHED_GLYPHS_PER_FACE) {
          cache.putIfAbsent(cp, g);
        }
      }
      return g;
    }

    private Glyph read(int cp) {
      if (!font.canDisplay(cp)) {
        return Glyph.MISSING;
      }
      GlyphVector gv = font.createGlyphVector(FRC, Character.toChars(cp));
      Shape outline = gv.getOutline();
      double advance = gv.getGlyphPosition(gv.getNumGlyphs()).getX();
      Rectangle2D b = OutlineBounds.of(outline);
      if (b == null || b.getWidth() <= 0 || b.getHeight() <= 0) {
        return new Glyph(outline, advance, 0, 0, 0, 0, false);
      }
      return new Glyph(outline, advance, b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY(), true);
    }
  }

  /** One character's outline at the reference size, baseline origin at (0, 0), y down. */
  private record Glyph(
      Shape outline,
      double advance,
      double minX,
      double minY,
      double maxX,
      double maxY,
      boolean hasInk) {
    static final Glyph MISSING = new Glyph(new Rectangle2D.Double(), 0, 0, 0, 0, 0, false);
  }

  /** A non-space character at its origin, in reference-size units. */
  private record Placed(int cp, Glyph glyph, double x, double y) {}

  /** A line's glyphs at a scale and offset, with the pixel boxes that follow. */
  private static final class SetLine {
    final FontFace face;
    final boolean vertical;
    final Box pixelBox;
    final List<Placed> placed;
    final double scale;
    double offsetX;
    double offsetY;
    List<CharBox> charBoxes;
    Box ink;
    int charCount;

    SetLine(
        FontFace face,
        boolean vertical,
        Box pixelBox,
        List<Placed> placed,
        double scale,
        double offsetX,
        double offsetY) {
      this.face = face;
      this.vertical = vertical;
      this.pixelBox = pixelBox;
      this.placed = placed;
      this.scale = scale;
      this.offsetX = offsetX;
      this.offsetY = offsetY;
      this.charCount = placed.size();
    }

    /** The glyph's transform from reference units to canvas pixels. */
    void transform(Placed p, AffineTransform at) {
      at.setTransform(scale, 0, 0, scale, offsetX + p.x * scale, offsetY + p.y * scale);
    }

    void measure() {
      List<CharBox> boxes = new ArrayList<>(placed.size());
      int l = Integer.MAX_VALUE;
      int t = Integer.MAX_VALUE;
      int r = Integer.MIN_VALUE;
      int b = Integer.MIN_VALUE;
      for (Placed p : placed) {
        Box box;
        if (p.glyph.hasInk) {
          box =
              new Box(
                  (int) Math.floor(offsetX + (p.x + p.glyph.minX) * scale),
                  (int) Math.floor(offsetY + (p.y + p.glyph.minY) * scale),
                  (int) Math.ceil(offsetX + (p.x + p.glyph.maxX) * scale),
                  (int) Math.ceil(offsetY + (p.y + p.glyph.maxY) * scale));
          l = Math.min(l, box.left());
          t = Math.min(t, box.top());
          r = Math.max(r, box.right());
          b = Math.max(b, box.bottom());
        } else {
          int x = clamp((int) Math.round(offsetX + p.x * scale), pixelBox.left(), pixelBox.right());
          int y = clamp((int) Math.round(offsetY + p.y * scale), pixelBox.top(), pixelBox.bottom());
          box = new Box(x, y, x, y);
        }
        boxes.add(new CharBox(new String(Character.toChars(p.cp)), box));
      }
      this.charBoxes = boxes;
      this.ink =
          l == Integer.MAX_VALUE
              ? new Box(pixelBox.left(), pixelBox.top(), pixelBox.left(), pixelBox.top())
              : new Box(l, t, r, b);
    }

    private static int clamp(int v, int lo, int hi) {
      return Math.max(lo, Math.min(hi, v));
    }
  }
}
