package io.glyphwright.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusLine;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.CorpusSampleJson;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.ocr.Quad;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPostersTest {
  private static final GlyphRenderer RENDERER = GlyphRenderer.system();
  private static final int SIZE = 256;
  private static List<SyntheticPosters.Sample> samples;

  private static SynthSettings settings(long seed, Set<Lang> langs) {
    return SynthSettings.defaults(100, seed)
        .withSize(SIZE)
        .withLangs(langs)
        .withPhotoRoots(List.of())
        .withWorkers(1);
  }

  @BeforeAll
  static void drawPosters() {
    SyntheticPosters posters =
        new SyntheticPosters(
            RENDERER, settings(11, EnumSet.allOf(Lang.class)), PhotoLibrary.none());
    samples = new ArrayList<>();
    for (int n = 0; n < 60; n++) {
      samples.add(posters.generate(n));
    }
  }

  @Test
  void groundTruthDescribesWhatWasDrawn() throws IOException {
    int rotated = 0;
    int fullyInked = 0;
    for (SyntheticPosters.Sample s : samples) {
      CorpusSample meta = s.record().sample();
      String where = meta.key();
      BufferedImage img = s.record().decodeImage();
      assertEquals(SIZE, img.getWidth(), where);
      assertEquals(SIZE, meta.width(), where);
      assertEquals("synthetic", meta.ocr().engine());
      List<CorpusLine> lines = meta.ocr().lines();
      assertTrue(!lines.isEmpty() && lines.size() <= 4, where + " has " + lines.size() + " lines");
      for (int i = 0; i < lines.size(); i++) {
        CorpusLine line = lines.get(i);
        PosterLine drawn = s.poster().lines().get(i);
        String w = where + " line '" + line.text() + "'";
        assertEquals(1.0, line.conf());
        assertEquals(line.text().replaceAll("\\s", ""), concat(line.chars()), w);
        assertEquals(line.quad().bounds(), line.box(), w + ": box is the quad's bounds");
        assertTrue(new Box(0, 0, SIZE, SIZE).contains(line.box()), w + " box inside the image");
        for (CharBox c : line.chars()) {
          assertTrue(c.box().width() > 0 && c.box().height() > 0, w + " char " + c);
          assertTrue(new Box(0, 0, SIZE, SIZE).contains(c.box()), w + " char inside the image");
          assertTrue(line.box().contains(c.box()), w + " char " + c + " inside " + line.box());
          double cx = (c.box().left() + c.box().right()) / 2.0;
          double cy = (c.box().top() + c.box().bottom()) / 2.0;
          assertTrue(insideQuad(line.quad(), cx, cy, 1.0), w + " char centre inside the quad");
        }
        if (drawn.angleDegrees() == 0) {
          assertEquals(Quad.of(line.box()), line.quad(), w);
          // Where the glyph mask is fully inked, the pixel is exactly the text colour.
          Coverage cov = drawn.coverage();
          for (int y = cov.region().top(); y < cov.region().bottom(); y++) {
            for (int x = cov.region().left(); x < cov.region().right(); x++) {
              if (cov.at(x, y) == 1f) {
                fullyInked++;
                assertEquals(drawn.color(), img.getRGB(x, y) & 0xFFFFFF, w + " at " + x + "," + y);
              }
            }
          }
        } else {
          rotated++;
          assertTrue(Math.abs(drawn.angleDegrees()) <= 8, w);
          assertNotEquals(line.quad().y1(), line.quad().y2(), w + ": a rotated quad is tilted");
        }
      }
      // The TD2 layout: valid, one line per OCR line in the same order, boxes apart.
      Layout layout = Td2Format.parse(meta.layout(), new Canvas(SIZE, SIZE));
      assertEquals(lines.size(), layout.lines().size(), where);
      for (int i = 0; i < lines.size(); i++) {
        TextLine tl = layout.lines().get(i);
        assertEquals(lines.get(i).text(), tl.text(), where);
        Box px = lines.get(i).box();
        Box g = tl.box();
        assertTrue(
            g.left() * SIZE <= px.left() * 128
                && g.top() * SIZE <= px.top() * 128
                && g.right() * SIZE >= px.right() * 128
                && g.bottom() * SIZE >= px.bottom() * 128,
            where + ": grid box " + g + " covers pixel box " + px);
        for (int j = 0; j < i; j++) {
          assertFalse(g.intersects(layout.lines().get(j).box()), where + ": boxes overlap");
        }
      }
    }
    assertTrue(rotated >= 5, "some lines are rotated, got " + rotated);
    assertTrue(fullyInked > 10_000, "fully inked pixels checked: " + fullyInked);
  }

  @Test
  void everyLineContrastsWithTheBackgroundUnderIt() {
    for (SyntheticPosters.Sample s : samples) {
      BufferedImage backdrop = s.poster().backdrop();
      for (PosterLine line : s.poster().lines()) {
        Coverage cov = line.coverage();
        List<Double> ratios = new ArrayList<>();
        for (int y = cov.region().top(); y < cov.region().bottom(); y++) {
          for (int x = cov.region().left(); x < cov.region().right(); x++) {
            if (cov.at(x, y) >= 0.5f) {
              ratios.add(wcagRatio(line.color(), backdrop.getRGB(x, y)));
            }
          }
        }
        assertFalse(ratios.isEmpty(), s.record().key() + " '" + line.text() + "' has ink");
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p5 = sorted[(int) Math.floor(0.05 * (sorted.length - 1))];
        assertTrue(
            p5 >= 3.0, s.record().key() + " '" + line.text() + "': 5th-percentile contrast " + p5);
      }
    }
  }

  @Test
  void captionsQuoteEveryLineAndMatchTheLanguages() {
    int chineseCaptions = 0;
    for (SyntheticPosters.Sample s : samples) {
      CorpusSample meta = s.record().sample();
      for (CorpusLine line : meta.ocr().lines()) {
        assertTrue(
            meta.caption().contains(line.text()),
            meta.key() + ": caption '" + meta.caption() + "' lacks '" + line.text() + "'");
      }
      chineseCaptions += hasHan(meta.caption()) ? 1 : 0;
      assertTrue(meta.background() != null && !meta.background().color().isEmpty());
    }
    assertTrue(chineseCaptions > 5 && chineseCaptions < samples.size() - 5, "both languages");

    SyntheticPosters english =
        new SyntheticPosters(RENDERER, settings(3, EnumSet.of(Lang.EN)), PhotoLibrary.none());
    SyntheticPosters chinese =
        new SyntheticPosters(RENDERER, settings(3, EnumSet.of(Lang.ZH)), PhotoLibrary.none());
    for (int n = 0; n < 15; n++) {
      CorpusSample en = english.generate(n).record().sample();
      assertFalse(hasHan(en.caption() + en.layout()), en.caption() + " / " + en.layout());
      CorpusSample zh = chinese.generate(n).record().sample();
      assertTrue(hasHan(zh.layout()), zh.layout());
    }
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
    SyntheticPosters again =
        new SyntheticPosters(
            RENDERER, settings(11, EnumSet.allOf(Lang.class)), PhotoLibrary.none());
    for (int n : new int[] {7, 0, 33}) {
      SyntheticPosters.Sample a = samples.get(n);
      SyntheticPosters.Sample b = again.generate(n);
      assertArrayEquals(a.record().image(), b.record().image(), "sample " + n);
      assertEquals(
          CorpusSampleJson.print(a.record().sample()), CorpusSampleJson.print(b.record().sample()));
    }
    SyntheticPosters other =
        new SyntheticPosters(
            RENDERER, settings(12, EnumSet.allOf(Lang.class)), PhotoLibrary.none());
    assertFalse(Arrays.equals(samples.get(0).record().image(), other.generate(0).record().image()));
    assertEquals("synth-11-000000007", samples.get(7).record().key());
  }

  @Test
  void photoBackgroundsComeFromTheGivenFolders(@TempDir Path dir) throws IOException {
    SplittableRandom rnd = new SplittableRandom(5);
    for (String name : List.of("a.png", "b.jpg", "GreenTraditional.jpg")) {
      BufferedImage photo = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < 200; y++) {
        for (int x = 0; x < 300; x++) {
          photo.setRGB(x, y, (x * 255 / 300) << 16 | (y * 255 / 200) << 8 | rnd.nextInt(64));
        }
      }
      ImageIO.write(photo, name.endsWith(".png") ? "png" : "jpg", dir.resolve(name).toFile());
    }
    Files.writeString(dir.resolve("notes.txt"), "not a photo");
    PhotoLibrary photos = PhotoLibrary.scan(List.of(dir, dir.resolve("missing")));
    assertEquals(List.of(dir.resolve("a.png"), dir.resolve("b.jpg")), photos.files());

    SyntheticPosters posters =
        new SyntheticPosters(RENDERER, settings(4, EnumSet.of(Lang.EN)), photos);
    int withPhoto = 0;
    for (int n = 0; n < 20; n++) {
      CorpusSample s = posters.generate(n).record().sample();
      if (s.source().startsWith("synthetic:photo:")) {
        withPhoto++;
        assertTrue(s.source().endsWith("a.png") || s.source().endsWith("b.jpg"), s.source());
        assertEquals("photo", s.background().kind());
      } else {
        assertTrue(s.source().startsWith("synthetic:procedural:"), s.source());
      }
    }
    assertTrue(withPhoto > 0 && withPhoto < 20, "photos are a share of backgrounds: " + withPhoto);
  }

  @Test
  void colourNamesPickTheNearestAndTheDominant() {
    assertEquals("red", ColorNames.nearest(0xFF0000).en());
    assertEquals("dark blue", ColorNames.nearest(0x101C58).en());
    assertEquals("白色", ColorNames.nearest(0xFFFFFF).zh());
    BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 100; x++) {
        img.setRGB(x, y, x < 70 ? 0x14225E : 0xFFFFFF);
      }
    }
    ColorNames.Dominant d = ColorNames.dominant(img, 2);
    assertEquals("dark blue", d.name().en());
    assertEquals("#14225e", d.hex());
    assertEquals(0.7, d.share(), 0.02);
  }

  /** WCAG 2 contrast ratio, written out from the definition. */
  private static double wcagRatio(int a, int b) {
    double la = relativeLuminance(a);
    double lb = relativeLuminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double relativeLuminance(int rgb) {
    double[] c = {(rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF};
    for (int i = 0; i < 3; i++) {
      double s = c[i] / 255;
      c[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  private static String concat(List<CharBox> chars) {
    StringBuilder sb = new StringBuilder();
    chars.forEach(c -> sb.append(c.c()));
    return sb.toString();
  }

  /** Point in a convex quad (either winding), allowing {@code tol} pixels outside. */
  private static boolean insideQuad(Quad q, double x, double y, double tol) {
    double[] xs = {q.x1(), q.x2(), q.x3(), q.x4()};
    double[] ys = {q.y1(), q.y2(), q.y3(), q.y4()};
    int sign = 0;
    for (int i = 0; i < 4; i++) {
      double ax = xs[i];
      double ay = ys[i];
      double bx = xs[(i + 1) % 4];
      double by = ys[(i + 1) % 4];
      double len = Math.hypot(bx - ax, by - ay);
      double cross = ((bx - ax) * (y - ay) - (by - ay) * (x - ax)) / Math.max(len, 1e-9);
      if (Math.abs(cross) <= tol) {
        continue;
      }
      int s = cross > 0 ? 1 : -1;
      if (sign != 0 && s != sign) {
        return false;
      }
      sign = s;
    }
    return true;
  }

  private static boolean hasHan(String s) {
    return s.codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }
}
