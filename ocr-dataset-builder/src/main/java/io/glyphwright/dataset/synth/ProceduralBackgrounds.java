package io.glyphwright.dataset.synth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;

/**
 * Paints backgrounds from nothing but a random source: flat colour with grain, linear and radial
 * gradients, stripes, scattered shapes, value-noise textures, dots and paper. Colours come from a
 * random base hue with a related second (and third) colour, as designers pick them. The same random
 * state always paints the same pixels.
 */
final class ProceduralBackgrounds {
  static final String[] KINDS = {
    "flat", "linear-gradient", "radial-gradient", "stripes", "shapes", "noise", "dots", "paper"
  };

  /** sin over one turn, for per-pixel use: exact table values, linear in between. */
  private static final double[] SINE = new double[4097];

  static {
    for (int i = 0; i < SINE.length; i++) {
      SINE[i] = StrictMath.sin(2 * Math.PI * i / 4096);
    }
  }

  private ProceduralBackgrounds() {}

  /** A table sine (error under 3e-7): {@code StrictMath.sin} per pixel is the slowest step. */
  private static double sin(double radians) {
    double turns = radians / (2 * Math.PI);
    double f = (turns - Math.floor(turns)) * 4096;
    int i = (int) f;
    return SINE[i] + (SINE[i + 1] - SINE[i]) * (f - i);
  }

  static Background paint(SplittableRandom rng, int size) {
    String kind = KINDS[rng.nextInt(KINDS.length)];
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    int[] colors = palette(rng);
    switch (kind) {
      case "flat" -> {
        fill(px, colors[0]);
        grain(px, rng, 3 + rng.nextInt(5));
      }
      case "linear-gradient" -> linear(px, size, rng, colors);
      case "radial-gradient" -> radial(px, size, rng, colors);
      case "stripes" -> stripes(px, size, rng, colors);
      case "shapes" -> shapes(img, px, size, rng, colors);
      case "noise" -> noise(px, size, rng, colors);
      case "dots" -> dots(img, px, size, rng, colors);
      case "paper" -> {
        float hue = (float) rng.nextDouble();
        fill(
            px,
            Color.HSBtoRGB(
                hue,
                (float) (0.03 + 0.12 * rng.nextDouble()),
                0.9f + 0.08f * (float) rng.nextDouble()));
        grain(px, rng, 8 + rng.nextInt(8));
      }
      default -> throw new IllegalStateException(kind);
    }
    return new Background(img, kind, "procedural");
  }

  /** Three related colours: a base, a neighbour in hue, and an accent. */
  private static int[] palette(SplittableRandom rng) {
    float h = (float) rng.nextDouble();
    double u = rng.nextDouble();
    float s = (float) (u < 0.2 ? 0.05 * rng.nextDouble() : 0.25 + 0.75 * rng.nextDouble());
    float b = (float) (u < 0.5 ? 0.08 + 0.4 * rng.nextDouble() : 0.5 + 0.5 * rng.nextDouble());
    float h2 = (float) (h + (rng.nextBoolean() ? 1 : -1) * (0.04 + 0.2 * rng.nextDouble()));
    float b2 = (float) clamp(b + (rng.nextDouble() - 0.5) * 0.5, 0.05, 1);
    float h3 = (float) (h + 0.5);
    return new int[] {
      Color.HSBtoRGB(h, s, b) & 0xFFFFFF,
      Color.HSBtoRGB(h2 - (float) Math.floor(h2), s, b2) & 0xFFFFFF,
      Color.HSBtoRGB(
              h3 - (float) Math.floor(h3),
              Math.min(1, s + 0.2f),
              (float) (0.4 + 0.6 * rng.nextDouble()))
          & 0xFFFFFF
    };
  }

  private static void fill(int[] px, int rgb) {
    java.util.Arrays.fill(px, rgb);
  }

  /** Adds independent noise of up to ±{@code amplitude} to each pixel's brightness. */
  private static void grain(int[] px, SplittableRandom rng, int amplitude) {
    for (int i = 0; i < px.length; i++) {
      int d = rng.nextInt(2 * amplitude + 1) - amplitude;
      int p = px[i];
      px[i] = rgb(((p >> 16) & 0xFF) + d, ((p >> 8) & 0xFF) + d, (p & 0xFF) + d);
    }
  }

  private static void linear(int[] px, int size, SplittableRandom rng, int[] c) {
    double angle = rng.nextDouble() * Math.PI * 2;
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    boolean three = rng.nextDouble() < 0.3;
    double half = Math.abs(dx) * size / 2 + Math.abs(dy) * size / 2;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double t = ((x - size / 2.0) * dx + (y - size / 2.0) * dy) / (2 * half) + 0.5;
        px[y * size + x] =
            three
                ? (t < 0.5 ? mix(c[0], c[1], t * 2) : mix(c[1], c[2], t * 2 - 1))
                : mix(c[0], c[1], t);
      }
    }
  }

  private static void radial(int[] px, int size, SplittableRandom rng, int[] c) {
    double cx = size * (0.2 + 0.6 * rng.nextDouble());
    double cy = size * (0.2 + 0.6 * rng.nextDouble());
    double r = size * (0.5 + 0.7 * rng.nextDouble());
    int inner = rng.nextBoolean() ? c[0] : c[1];
    int outer = inner == c[0] ? c[1] : c[0];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double dx = x - cx;
        double dy = y - cy;
        double t = Math.min(1, Math.sqrt(dx * dx + dy * dy) / r);
        px[y * size + x] = mix(inner, outer, t * t * (3 - 2 * t));
      }
    }
  }

  private static void stripes(int[] px, int size, SplittableRandom rng, int[] c) {
    double[] angles = {0, Math.PI / 4, Math.PI / 2, -Math.PI / 4, rng.nextDouble() * Math.PI};
    double a = angles[rng.nextInt(angles.length)];
    double period = size * (0.04 + 0.16 * rng.nextDouble());
    double duty = 0.3 + 0.4 * rng.nextDouble();
    double nx = StrictMath.cos(a);
    double ny = StrictMath.sin(a);
    int c1 = c[0];
    int c2 = rng.nextBoolean() ? c[1] : mix(c[0], c[2], 0.5);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double p = (x * nx + y * ny) / period;
        double f = p - Math.floor(p);
        // one pixel of antialiasing at each stripe edge
        double edge = Math.min(Math.abs(f - duty), Math.min(f, 1 - f)) * period;
        double w = Math.min(1, edge);
        int inside = f < duty ? c2 : c1;
        int other = f < duty ? c1 : c2;
        px[y * size + x] = mix(other, inside, 0.5 + 0.5 * w);
      }
    }
  }

  private static void shapes(BufferedImage img, int[] px, int size, SplittableRandom rng, int[] c) {
    if (rng.nextBoolean()) {
      fill(px, c[0]);
    } else {
      linear(px, size, rng, c);
    }
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      int n = 4 + rng.nextInt(14);
      for (int i = 0; i < n; i++) {
        int rgb = c[rng.nextInt(3)];
        int alpha = 60 + rng.nextInt(180);
        g.setColor(new Color((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF, alpha));
        double x = rng.nextDouble() * size;
        double y = rng.nextDouble() * size;
        double r = size * (0.03 + 0.25 * rng.nextDouble());
        switch (rng.nextInt(4)) {
          case 0 -> g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
          case 1 ->
              g.fill(
                  new RoundRectangle2D.Double(
                      x - r, y - r * 0.6, 2 * r, 1.2 * r, r * 0.3, r * 0.3));
          case 2 -> {
            Path2D.Double t = new Path2D.Double();
            double a = rng.nextDouble() * Math.PI * 2;
            t.moveTo(x + r * StrictMath.cos(a), y + r * StrictMath.sin(a));
            t.lineTo(x + r * StrictMath.cos(a + 2.1), y + r * StrictMath.sin(a + 2.1));
            t.lineTo(x + r * StrictMath.cos(a + 4.2), y + r * StrictMath.sin(a + 4.2));
            t.closePath();
            g.fill(t);
          }
          default -> {
            g.setStroke(new BasicStroke((float) (r * 0.15)));
            g.draw(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
          }
        }
      }
    } finally {
      g.dispose();
    }
  }

  private static void noise(int[] px, int size, SplittableRandom rng, int[] c) {
    int cells = 3 + rng.nextInt(5);
    int octaves = 3 + rng.nextInt(2);
    double[][] lattices = new double[octaves][];
    for (int o = 0; o < octaves; o++) {
      int n = (cells << o) + 1;
      lattices[o] = new double[n * n];
      for (int i = 0; i < lattices[o].length; i++) {
        lattices[o][i] = rng.nextDouble();
      }
    }
    boolean marble = rng.nextBoolean();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double v = 0;
        double amp = 0.5;
        double norm = 0;
        for (int o = 0; o < octaves; o++) {
          int n = (cells << o) + 1;
          v +=
              amp
                  * sample(
                      lattices[o], n, (double) x / size * (n - 1), (double) y / size * (n - 1));
          norm += amp;
          amp *= 0.5;
        }
        v /= norm;
        if (marble) {
          v = 0.5 + 0.5 * sin((x + y) * 6.0 / size + v * 12);
        }
        px[y * size + x] = mix(c[0], c[1], v);
      }
    }
  }

  private static double sample(double[] lattice, int n, double fx, double fy) {
    int x0 = Math.min((int) fx, n - 2);
    int y0 = Math.min((int) fy, n - 2);
    double tx = smooth(fx - x0);
    double ty = smooth(fy - y0);
    double a = lattice[y0 * n + x0];
    double b = lattice[y0 * n + x0 + 1];
    double cc = lattice[(y0 + 1) * n + x0];
    double d = lattice[(y0 + 1) * n + x0 + 1];
    return (a + (b - a) * tx) * (1 - ty) + (cc + (d - cc) * tx) * ty;
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static void dots(BufferedImage img, int[] px, int size, SplittableRandom rng, int[] c) {
    fill(px, c[0]);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      int rgb = rng.nextBoolean() ? c[1] : c[2];
      g.setColor(new Color(rgb));
      double pitch = size * (0.05 + 0.1 * rng.nextDouble());
      double r = pitch * (0.12 + 0.25 * rng.nextDouble());
      boolean staggered = rng.nextBoolean();
      int row = 0;
      for (double y = pitch / 2; y < size + pitch; y += pitch, row++) {
        double off = staggered && row % 2 == 1 ? pitch / 2 : 0;
        for (double x = pitch / 2 + off - pitch; x < size + pitch; x += pitch) {
          g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
      }
    } finally {
      g.dispose();
    }
  }

  static int mix(int a, int b, double t) {
    t = clamp(t, 0, 1);
    int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
    int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
    int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
    return (r << 16) | (g << 8) | bl;
  }

  static int rgb(int r, int g, int b) {
    return (clamp255(r) << 16) | (clamp255(g) << 8) | clamp255(b);
  }

  private static int clamp255(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }

  private static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : Math.min(hi, v);
  }
}
