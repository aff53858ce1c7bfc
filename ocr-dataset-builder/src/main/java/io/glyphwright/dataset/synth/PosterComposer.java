package io.glyphwright.dataset.synth;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.dataset.synth.PosterText.Item;
import io.glyphwright.glyph.FontFace;
import io.glyphwright.glyph.FontRegistry;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import io.glyphwright.glyph.LineSetting;
import io.glyphwright.glyph.UnknownFontException;
import io.glyphwright.ocr.Quad;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Lays a poster's lines out on a background and draws them, keeping exact ground truth.
 *
 * <p><b>Layout.</b> Each line gets a face that has all its characters, an ink height by its role
 * (headline, subhead, detail) and the width its text needs in that face ({@link
 * GlyphRenderer#inkAspect}), on the 128 grid. Lines are stacked (centred, left or right aligned) or
 * scattered; each occupies a region that holds its box at its angle plus a margin for effects and
 * plates, and regions never overlap, so neither do the lines' boxes. All lines are rendered in one
 * call to the {@link GlyphRenderer}, which returns the glyph mask and each character's box.
 *
 * <p><b>Drawing.</b> A line's fill is the glyph mask used as alpha over the background in the
 * line's colour; outline (the mask dilated) and drop shadow (the mask blurred and offset) go under
 * it. A rotated line is drawn by mapping every poster pixel back into the unrotated line with
 * bilinear sampling; rotation is about the centre of the line's pixel box.
 *
 * <p><b>Contrast.</b> The fill colour is the first of a shuffled palette whose WCAG contrast ratio
 * with the background pixel under the ink is at least {@link Contrast#MIN_RATIO} for 95 % of the
 * pixels the fill covers at least half. When no colour passes (a busy photo), a solid plate is
 * drawn behind the line first, as posters put labels behind text.
 *
 * <p><b>Ground truth.</b> Unrotated lines: quad and box are the ink box, characters the renderer's
 * boxes. Rotated lines: the corners of each box (its extreme pixel centres) are rotated like the
 * pixels, and the quad's corners are the pixels they fall in, clockwise from the text's top-left; a
 * character's box is the bounds of its rotated box, the line's box the bounds of its quad. Shadows
 * and outlines are not part of the boxes.
 *
 * <p>Thread-safe: all state is per call.
 */
final class PosterComposer {
  /** Faces tried for lines without Chinese, in a fixed order (missing ones are skipped). */
  static final List<String> LATIN_FACES =
      List.of(
          "bebas-neue",
          "lobster",
          "dancing-script",
          "eb-garamond",
          "lato",
          "open-sans",
          "roboto-slab",
          "liberation-sans",
          "liberation-serif",
          "noto-sans-cjk-sc",
          "smiley-sans");

  /** Faces tried for lines with Chinese. */
  static final List<String> CJK_FACES =
      List.of("noto-sans-cjk-sc", "wqy-microhei", "smiley-sans", "lxgw-wenkai");

  /** Fill colours, shuffled per line. */
  private static final int[] TEXT_COLORS = {
    0xFFFFFF, 0x111111, 0xFFF3C4, 0xFFD400, 0xE0B000, 0xFF7A00, 0xE02020, 0x8B0000, 0xFF6FA3,
    0xC2188B, 0x6A1B9A, 0x0D1B4C, 0x1E56D9, 0x7FC8FF, 0x00D0E0, 0x00796B, 0x2E9D3E, 0x0B4D22,
    0x5D3A1A, 0xD8D8D8, 0x333333
  };

  /** Plate colours. */
  private static final int[] PLATE_COLORS = {
    0x111111, 0xFFFFFF, 0xC62828, 0x0D47A1, 0xFFC107, 0x1B5E20, 0x4A148C, 0xF5E6C8, 0x263238
  };

  static final int GRID = Layout.DEFAULT_GRID;
  static final double MAX_ANGLE = 8.0;

  /** A line is dropped rather than set smaller than this many grid cells high. */
  private static final double MIN_HEIGHT_CELLS = 3.5;

  private final GlyphRenderer renderer;
  private final List<FontFace> latinFaces;
  private final List<FontFace> cjkFaces;

  PosterComposer(GlyphRenderer renderer) {
    this.renderer = renderer;
    FontRegistry registry = renderer.registry();
    this.latinFaces = installed(registry, LATIN_FACES);
    this.cjkFaces = installed(registry, CJK_FACES);
    if (latinFaces.isEmpty() || cjkFaces.isEmpty()) {
      throw new UnknownFontException(
          "the synthetic corpus needs the fonts set-up installs (e.g. noto-sans-cjk-sc, lato);"
              + " run ./glyphwright setup");
    }
  }

  private static List<FontFace> installed(FontRegistry registry, List<String> ids) {
    List<FontFace> out = new ArrayList<>();
    for (String id : ids) {
      registry.find(id).filter(f -> f.id().equals(id)).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /** The ids of the faces this composer draws with, Latin then CJK (for the manifest). */
  List<String> faceIds() {
    List<String> ids = new ArrayList<>();
    latinFaces.forEach(f -> ids.add(f.id()));
    cjkFaces.forEach(f -> ids.add("cjk:" + f.id()));
    return ids;
  }

  /** A line being laid out; sizes in grid cells. */
  private static final class Plan {
    final Item item;
    final String text;
    final FontFace face;
    final double aspect;
    final double angle;
    final boolean shadow;
    final boolean outline;
    double h;
    double w;
    double pad;
    double regionW;
    double regionH;
    double x;
    double y;

    Plan(
        Item item,
        String text,
        FontFace face,
        double aspect,
        double angle,
        boolean shadow,
        boolean outline) {
      this.item = item;
      this.text = text;
      this.face = face;
      this.aspect = aspect;
      this.angle = angle;
      this.shadow = shadow;
      this.outline = outline;
    }

    /** Sets the ink height and everything that follows from it. */
    void height(double newH, double maxW) {
      h = newH;
      w = aspect * h;
      if (w > maxW) {
        w = maxW;
        h = w / aspect;
      }
      if (hasCjk(text) && h >= 1.4 * w) {
        // The renderer sets CJK text vertically in tall boxes; keep every line horizontal.
        w = h / 1.4;
      }
      pad = 1 + 0.15 * h;
      double a = Math.toRadians(Math.abs(angle));
      double c = StrictMath.cos(a);
      double s = StrictMath.sin(a);
      regionW = Math.max(w, w * c + h * s) + 2 * pad;
      regionH = Math.max(h, w * s + h * c) + 2 * pad;
    }

    boolean overlaps(Plan o, double gap) {
      return x < o.x + o.regionW + gap
          && o.x < x + regionW + gap
          && y < o.y + o.regionH + gap
          && o.y < y + regionH + gap;
    }
  }

  /**
   * Composes a poster, or returns null when the text cannot be laid out (a headline too long for
   * the canvas): the caller draws other text.
   */
  Poster compose(SplittableRandom rng, PosterText text, Background background) {
    int size = background.image().getWidth();
    double margin = 3 + 5 * rng.nextDouble();
    double avail = GRID - 2 * margin;
    List<Plan> plans = new ArrayList<>();
    for (Item item : text.items()) {
      Plan p = plan(rng, item, text.items().size(), avail);
      if (p != null) {
        plans.add(p);
      } else if (plans.isEmpty()) {
        return null;
      }
    }
    boolean stacked = rng.nextDouble() < 0.6;
    List<Plan> placed =
        stacked ? stack(rng, plans, margin, avail) : scatter(rng, plans, margin, avail);
    if (placed.isEmpty()) {
      return null;
    }
    placed.sort(Comparator.<Plan>comparingDouble(p -> p.y).thenComparingDouble(p -> p.x));

    List<TextLine> lines = new ArrayList<>();
    for (Plan p : placed) {
      double cx = p.x + p.regionW / 2;
      double cy = p.y + p.regionH / 2;
      int l = (int) Math.round(cx - p.w / 2);
      int r = Math.max(l + 1, (int) Math.round(cx + p.w / 2));
      int t = (int) Math.round(cy - p.h / 2);
      int b = Math.max(t + 1, (int) Math.round(cy + p.h / 2));
      lines.add(new TextLine(p.text, new Box(l, t, r, b), p.face.id(), null, List.of()));
    }
    GlyphRendering rendering = renderer.render(new Layout(size, size, GRID, lines));

    BufferedImage backdrop = copy(background.image());
    BufferedImage canvas = copy(background.image());
    List<PosterLine> out = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      out.add(
          draw(
              rng,
              placed.get(i),
              rendering.lines().get(i),
              rendering.layout().lines().get(i).chars(),
              rendering.mask(),
              backdrop,
              canvas));
    }
    return new Poster(canvas, backdrop, background, text.kind(), out);
  }

  private Plan plan(SplittableRandom rng, Item item, int lineCount, double avail) {
    List<FontFace> faces = hasCjk(item.text()) ? cjkFaces : latinFaces;
    List<FontFace> usable = new ArrayList<>();
    for (FontFace f : faces) {
      if (item.text().codePoints().allMatch(cp -> Character.isWhitespace(cp) || f.canDisplay(cp))) {
        usable.add(f);
      }
    }
    if (usable.isEmpty()) {
      usable.add(faces.get(0)); // the renderer falls back per character
    }
    FontFace face = usable.get(rng.nextInt(usable.size()));
    String t = item.text();
    if (face.id().equals("bebas-neue")) {
      // Bebas Neue draws capitals only; the ground truth must say what is drawn.
      t = t.toUpperCase(Locale.ROOT);
    }
    double angle = rng.nextDouble() < 0.3 ? (rng.nextDouble() * 2 - 1) * MAX_ANGLE : 0;
    if (Math.abs(angle) < 0.5) {
      angle = 0;
    }
    double u = rng.nextDouble();
    boolean shadow = u < 0.25;
    boolean outline = u >= 0.2 && u < 0.4;
    Plan p = new Plan(item, t, face, renderer.inkAspect(t, face.id()), angle, shadow, outline);
    double scale = lineCount == 1 ? 1.3 : 1.0;
    double h =
        switch (item.role()) {
          case HEADLINE -> 12 + 12 * rng.nextDouble();
          case SUBHEAD -> 7 + 6 * rng.nextDouble();
          case DETAIL -> 5 + 4 * rng.nextDouble();
        };
    p.height(h * scale, avail - 2 * (1 + 0.15 * h * scale) - 1);
    return p.h < MIN_HEIGHT_CELLS ? null : p;
  }

  /** One column, lines in order, with gaps; shrinks everything until it fits. */
  private static List<Plan> stack(
      SplittableRandom rng, List<Plan> plans, double margin, double avail) {
    List<Plan> ps = new ArrayList<>(plans);
    double[] gaps = new double[ps.size()];
    for (int i = 0; i < gaps.length; i++) {
      gaps[i] = 0.5 + 2.5 * rng.nextDouble();
    }
    double align = rng.nextDouble();
    double slack = rng.nextDouble();
    for (int attempt = 0; attempt < 40 && !ps.isEmpty(); attempt++) {
      double total = 0;
      for (int i = 0; i < ps.size(); i++) {
        total += ps.get(i).regionH + (i > 0 ? gaps[i] : 0);
      }
      double widest = ps.stream().mapToDouble(p -> p.regionW).max().orElse(0);
      if (total <= avail && widest <= avail) {
        double y = margin + slack * (avail - total);
        for (int i = 0; i < ps.size(); i++) {
          Plan p = ps.get(i);
          y += i > 0 ? gaps[i] : 0;
          p.y = y;
          double free = avail - p.regionW;
          p.x = margin + (align < 0.5 ? free / 2 : align < 0.75 ? 0 : free);
          y += p.regionH;
        }
        return ps;
      }
      double k = Math.min(0.95, Math.min(avail / total, avail / widest));
      for (Plan p : ps) {
        p.height(p.h * k, avail - 2 * p.pad - 1);
      }
      // Lines that became too small go, last (least important) first.
      for (int i = ps.size() - 1; i >= 0; i--) {
        if (ps.get(i).h < MIN_HEIGHT_CELLS) {
          ps.remove(i);
        }
      }
    }
    return ps;
  }

  /** Random non-overlapping positions, largest line first; a line that finds none is dropped. */
  private static List<Plan> scatter(
      SplittableRandom rng, List<Plan> plans, double margin, double avail) {
    List<Plan> order = new ArrayList<>(plans);
    order.sort(Comparator.comparingDouble((Plan p) -> -p.h));
    List<Plan> placed = new ArrayList<>();
    for (Plan p : order) {
      boolean ok = false;
      for (int shrink = 0; shrink < 6 && !ok && p.h >= MIN_HEIGHT_CELLS; shrink++) {
        for (int attempt = 0; attempt < 40 && !ok; attempt++) {
          double fx = avail - p.regionW;
          double fy = avail - p.regionH;
          if (fx < 0 || fy < 0) {
            break;
          }
          p.x = margin + rng.nextDouble() * fx;
          p.y = margin + rng.nextDouble() * fy;
          ok = placed.stream().noneMatch(o -> p.overlaps(o, 0.5));
        }
        if (!ok) {
          p.height(p.h * 0.85, avail - 2 * p.pad - 1);
        }
      }
      if (ok) {
        placed.add(p);
      }
    }
    return placed;
  }

  /** Draws one line onto the backdrop (plate) and the canvas (plate, effects, fill). */
  private PosterLine draw(
      SplittableRandom rng,
      Plan plan,
      LineSetting setting,
      List<CharBox> chars,
      BufferedImage mask,
      BufferedImage backdrop,
      BufferedImage canvas) {
    int size = canvas.getWidth();
    double cell = (double) size / GRID;
    Box pb = setting.pixelBox();
    Box ink = setting.inkBox();
    int inkH = Math.max(1, ink.height());
    int pad = (int) Math.ceil(plan.pad * cell);
    Sprite sprite = new Sprite(pb, pad, mask, plan.angle);

    Coverage cov = sprite.coverage(size);
    boolean plate = rng.nextDouble() < 0.12;
    int[] order = shuffled(rng, TEXT_COLORS);
    int plateColor = PLATE_COLORS[rng.nextInt(PLATE_COLORS.length)];
    double plateMargin = Math.max(2.0, 0.12 * inkH);
    Integer color = plate ? null : pickColor(order, cov, backdrop);
    if (color == null) {
      plate = true;
      drawPlate(backdrop, canvas, ink, plateMargin, plan.angle, pb, plateColor);
      color = pickColor(order, cov, backdrop);
      if (color == null) {
        plateColor = Contrast.luminance(plateColor) > 0.18 ? 0x111111 : 0xFFFFFF;
        drawPlate(backdrop, canvas, ink, plateMargin, plan.angle, pb, plateColor);
        color = pickColor(new int[] {0x111111, 0xFFFFFF}, cov, backdrop);
      }
      if (color == null) {
        throw new IllegalStateException(
            "no text colour reaches contrast "
                + Contrast.MIN_RATIO
                + " on a solid plate; this is a bug");
      }
    }

    double textLum = Contrast.luminance(color);
    if (plan.shadow) {
      int offset = Math.max(1, (int) Math.round(inkH * (0.03 + 0.04 * rng.nextDouble())));
      double dir = Math.toRadians(20 + 50 * rng.nextDouble());
      int dx = (int) Math.round(offset * StrictMath.cos(dir));
      int dy = Math.max(1, (int) Math.round(offset * StrictMath.sin(dir)));
      int blur = Math.max(1, (int) Math.round(inkH * 0.025));
      int shadowColor = textLum > 0.35 ? 0x000000 : 0xFFFFFF;
      sprite.shadow(dx, dy, blur, shadowColor, 0.45 + 0.3 * rng.nextDouble());
    }
    if (plan.outline) {
      int radius = Math.max(1, (int) Math.round(inkH * (0.03 + 0.04 * rng.nextDouble())));
      int outlineColor =
          Contrast.ratio(color, 0x000000) >= Contrast.ratio(color, 0xFFFFFF) ? 0x000000 : 0xFFFFFF;
      sprite.outline(radius, outlineColor);
    }
    sprite.fill(color);
    sprite.composite(canvas);

    CorpusLine truth = truth(plan.text, ink, chars, plan.angle, pb);
    Box g = truth.box();
    Box gridBox =
        new Box(
            Math.max(0, Math.floorDiv(g.left() * GRID, size)),
            Math.max(0, Math.floorDiv(g.top() * GRID, size)),
            Math.min(GRID, -Math.floorDiv(-g.right() * GRID, size)),
            Math.min(GRID, -Math.floorDiv(-g.bottom() * GRID, size)));
    return new PosterLine(
        plan.item.withText(plan.text),
        plan.face.id(),
        color,
        plan.angle,
        plan.shadow,
        plan.outline,
        plate,
        truth,
        gridBox,
        cov);
  }

  /** The first colour of {@code order} that contrasts enough with the backdrop under the ink. */
  private static Integer pickColor(int[] order, Coverage cov, BufferedImage backdrop) {
    int[] px = ((DataBufferInt) backdrop.getRaster().getDataBuffer()).getData();
    int w = backdrop.getWidth();
    Box r = cov.region();
    double[] lums = new double[Math.max(0, r.width()) * Math.max(0, r.height())];
    int n = 0;
    // Pixels the fill covers at least half; for a hairline text with none, any it touches.
    for (float threshold : new float[] {0.5f, 0.01f}) {
      for (int y = r.top(); y < r.bottom(); y++) {
        for (int x = r.left(); x < r.right(); x++) {
          if (cov.at(x, y) >= threshold) {
            lums[n++] = Contrast.luminance(px[y * w + x]);
          }
        }
      }
      if (n > 0) {
        break;
      }
    }
    if (n == 0) {
      return order[0];
    }
    for (int c : order) {
      double lum = Contrast.luminance(c);
      int bad = 0;
      for (int i = 0; i < n; i++) {
        if (Contrast.ratio(lum, lums[i]) < Contrast.MIN_RATIO) {
          bad++;
        }
      }
      if (bad <= 0.05 * n) {
        return c;
      }
    }
    return null;
  }

  private static void drawPlate(
      BufferedImage backdrop,
      BufferedImage canvas,
      Box ink,
      double margin,
      double angle,
      Box pb,
      int rgb) {
    double cx = (pb.left() + pb.right()) / 2.0;
    double cy = (pb.top() + pb.bottom()) / 2.0;
    RoundRectangle2D shape =
        new RoundRectangle2D.Double(
            ink.left() - margin,
            ink.top() - margin,
            ink.width() + 2 * margin,
            ink.height() + 2 * margin,
            margin,
            margin);
    for (BufferedImage img : new BufferedImage[] {backdrop, canvas}) {
      Graphics2D g = img.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setTransform(AffineTransform.getRotateInstance(Math.toRadians(angle), cx, cy));
        g.setColor(new Color(rgb));
        g.fill(shape);
      } finally {
        g.dispose();
      }
    }
  }

  /** The line's ground truth in poster pixels. */
  static CorpusLine truth(String text, Box ink, List<CharBox> chars, double angle, Box pb) {
    if (angle == 0) {
      return new CorpusLine(text, Quad.of(ink), ink, 1.0, chars);
    }
    double cx = (pb.left() + pb.right()) / 2.0;
    double cy = (pb.top() + pb.bottom()) / 2.0;
    double rad = Math.toRadians(angle);
    double cos = StrictMath.cos(rad);
    double sin = StrictMath.sin(rad);
    Quad quad = rotate(ink, cx, cy, cos, sin);
    List<CharBox> rotated = new ArrayList<>(chars.size());
    for (CharBox c : chars) {
      rotated.add(new CharBox(c.c(), rotate(c.box(), cx, cy, cos, sin).bounds()));
    }
    return new CorpusLine(text, quad, quad.bounds(), 1.0, rotated);
  }

  /** The pixels the extreme pixel centres of {@code b} land in, clockwise from its top-left. */
  private static Quad rotate(Box b, double cx, double cy, double cos, double sin) {
    double l = b.left() + 0.5;
    double t = b.top() + 0.5;
    double r = Math.max(l, b.right() - 0.5);
    double bt = Math.max(t, b.bottom() - 0.5);
    double[][] pts = {{l, t}, {r, t}, {r, bt}, {l, bt}};
    int[] xy = new int[8];
    for (int i = 0; i < 4; i++) {
      double dx = pts[i][0] - cx;
      double dy = pts[i][1] - cy;
      xy[2 * i] = (int) Math.floor(cx + dx * cos - dy * sin);
      xy[2 * i + 1] = (int) Math.floor(cy + dx * sin + dy * cos);
    }
    return new Quad(xy[0], xy[1], xy[2], xy[3], xy[4], xy[5], xy[6], xy[7]);
  }

  private static int[] shuffled(SplittableRandom rng, int[] values) {
    int[] a = values.clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  private static BufferedImage copy(BufferedImage src) {
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    int[] a = ((DataBufferInt) src.getRaster().getDataBuffer()).getData();
    int[] b = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
    System.arraycopy(a, 0, b, 0, a.length);
    return out;
  }

  static boolean hasCjk(String text) {
    return text.codePoints()
        .anyMatch(
            cp -> {
              Character.UnicodeScript s = Character.UnicodeScript.of(cp);
              return s == Character.UnicodeScript.HAN
                  || Character.UnicodeBlock.of(cp)
                      == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                  || Character.UnicodeBlock.of(cp)
                      == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION;
            });
  }

  /**
   * A line's layers in its own frame (its pixel box plus padding, unrotated), premultiplied, and
   * the mapping onto the poster.
   */
  private static final class Sprite {
    final int ox;
    final int oy;
    final int sw;
    final int sh;
    final float[] fillAlpha;
    final float[] red;
    final float[] green;
    final float[] blue;
    final float[] alpha;
    final double cx;
    final double cy;
    final double cos;
    final double sin;

    Sprite(Box pb, int pad, BufferedImage mask, double angle) {
      ox = pb.left() - pad;
      oy = pb.top() - pad;
      sw = pb.width() + 2 * pad;
      sh = pb.height() + 2 * pad;
      fillAlpha = new float[sw * sh];
      byte[] m = ((DataBufferByte) mask.getRaster().getDataBuffer()).getData();
      int mw = mask.getWidth();
      for (int y = pb.top(); y < pb.bottom(); y++) {
        for (int x = pb.left(); x < pb.right(); x++) {
          fillAlpha[(y - oy) * sw + (x - ox)] = (m[y * mw + x] & 0xFF) / 255f;
        }
      }
      red = new float[sw * sh];
      green = new float[sw * sh];
      blue = new float[sw * sh];
      alpha = new float[sw * sh];
      cx = (pb.left() + pb.right()) / 2.0;
      cy = (pb.top() + pb.bottom()) / 2.0;
      double rad = Math.toRadians(angle);
      cos = StrictMath.cos(rad);
      sin = StrictMath.sin(rad);
    }

    /** Paints {@code a} in {@code rgb} over the layers so far. */
    private void layer(float[] a, int rgb, float opacity) {
      float r = (rgb >> 16) & 0xFF;
      float g = (rgb >> 8) & 0xFF;
      float b = rgb & 0xFF;
      for (int i = 0; i < a.length; i++) {
        float s = a[i] * opacity;
        if (s > 0) {
          float k = 1 - s;
          red[i] = r * s + red[i] * k;
          green[i] = g * s + green[i] * k;
          blue[i] = b * s + blue[i] * k;
          alpha[i] = s + alpha[i] * k;
        }
      }
    }

    void fill(int rgb) {
      layer(fillAlpha, rgb, 1f);
    }

    void outline(int radius, int rgb) {
      float[] out = new float[fillAlpha.length];
      int r2 = radius * radius + radius;
      for (int y = 0; y < sh; y++) {
        for (int x = 0; x < sw; x++) {
          float best = 0;
          for (int dy = -radius; dy <= radius && best < 1; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= sh) {
              continue;
            }
            for (int dx = -radius; dx <= radius; dx++) {
              int xx = x + dx;
              if (xx >= 0 && xx < sw && dx * dx + dy * dy <= r2) {
                best = Math.max(best, fillAlpha[yy * sw + xx]);
              }
            }
          }
          out[y * sw + x] = best;
        }
      }
      layer(out, rgb, 1f);
    }

    void shadow(int dx, int dy, int blur, int rgb, double opacity) {
      float[] shifted = new float[fillAlpha.length];
      for (int y = 0; y < sh; y++) {
        int sy = y - dy;
        if (sy < 0 || sy >= sh) {
          continue;
        }
        for (int x = 0; x < sw; x++) {
          int sx = x - dx;
          if (sx >= 0 && sx < sw) {
            shifted[y * sw + x] = fillAlpha[sy * sw + sx];
          }
        }
      }
      float[] blurred = boxBlur(boxBlur(shifted, blur), blur);
      layer(blurred, rgb, (float) opacity);
    }

    private float[] boxBlur(float[] src, int r) {
      float[] tmp = new float[src.length];
      float[] out = new float[src.length];
      float norm = 1f / (2 * r + 1);
      for (int y = 0; y < sh; y++) {
        for (int x = 0; x < sw; x++) {
          float s = 0;
          for (int k = -r; k <= r; k++) {
            int xx = x + k;
            if (xx >= 0 && xx < sw) {
              s += src[y * sw + xx];
            }
          }
          tmp[y * sw + x] = s * norm;
        }
      }
      for (int y = 0; y < sh; y++) {
        for (int x = 0; x < sw; x++) {
          float s = 0;
          for (int k = -r; k <= r; k++) {
            int yy = y + k;
            if (yy >= 0 && yy < sh) {
              s += tmp[yy * sw + x];
            }
          }
          out[y * sw + x] = s * norm;
        }
      }
      return out;
    }

    /** The poster pixels the sprite can touch, clipped to the poster. */
    Box footprint(int size) {
      double minX = Double.MAX_VALUE;
      double minY = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      double maxY = -Double.MAX_VALUE;
      double[][] corners = {{ox, oy}, {ox + sw, oy}, {ox + sw, oy + sh}, {ox, oy + sh}};
      for (double[] c : corners) {
        double dx = c[0] - cx;
        double dy = c[1] - cy;
        double x = cx + dx * cos - dy * sin;
        double y = cy + dx * sin + dy * cos;
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
      return new Box(
          Math.max(0, (int) Math.floor(minX)),
          Math.max(0, (int) Math.floor(minY)),
          Math.min(size, (int) Math.ceil(maxX)),
          Math.min(size, (int) Math.ceil(maxY)));
    }

    /** Where poster pixel {@code (x, y)}'s centre comes from, in sprite pixel coordinates. */
    private void source(int x, int y, double[] out) {
      double dx = x + 0.5 - cx;
      double dy = y + 0.5 - cy;
      out[0] = cx + dx * cos + dy * sin - ox - 0.5;
      out[1] = cy - dx * sin + dy * cos - oy - 0.5;
    }

    /** Bilinear sample of {@code a} at sprite coordinates; 0 outside. */
    private float sample(float[] a, double sx, double sy) {
      int x0 = (int) Math.floor(sx);
      int y0 = (int) Math.floor(sy);
      float fx = (float) (sx - x0);
      float fy = (float) (sy - y0);
      float v00 = at(a, x0, y0);
      float v10 = fx == 0 ? 0 : at(a, x0 + 1, y0);
      float v01 = fy == 0 ? 0 : at(a, x0, y0 + 1);
      float v11 = fx == 0 || fy == 0 ? 0 : at(a, x0 + 1, y0 + 1);
      return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
    }

    private float at(float[] a, int x, int y) {
      return x < 0 || y < 0 || x >= sw || y >= sh ? 0f : a[y * sw + x];
    }

    Coverage coverage(int size) {
      Box fp = footprint(size);
      float[] out = new float[Math.max(0, fp.width()) * Math.max(0, fp.height())];
      double[] s = new double[2];
      for (int y = fp.top(); y < fp.bottom(); y++) {
        for (int x = fp.left(); x < fp.right(); x++) {
          source(x, y, s);
          out[(y - fp.top()) * fp.width() + (x - fp.left())] = sample(fillAlpha, s[0], s[1]);
        }
      }
      return new Coverage(fp, out);
    }

    void composite(BufferedImage canvas) {
      int size = canvas.getWidth();
      int[] px = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
      Box fp = footprint(size);
      double[] s = new double[2];
      for (int y = fp.top(); y < fp.bottom(); y++) {
        for (int x = fp.left(); x < fp.right(); x++) {
          source(x, y, s);
          float a = sample(alpha, s[0], s[1]);
          if (a <= 0) {
            continue;
          }
          float k = 1 - a;
          int d = px[y * size + x];
          int r = Math.round(sample(red, s[0], s[1]) + ((d >> 16) & 0xFF) * k);
          int g = Math.round(sample(green, s[0], s[1]) + ((d >> 8) & 0xFF) * k);
          int b = Math.round(sample(blue, s[0], s[1]) + (d & 0xFF) * k);
          px[y * size + x] = ProceduralBackgrounds.rgb(r, g, b);
        }
      }
    }
  }
}
