package io.glyphwright.dataset.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ColorNamesTest {
  @Test
  void nearInkMatchesANaiveDistanceCheck() {
    BufferedImage mask = new BufferedImage(23, 17, BufferedImage.TYPE_BYTE_GRAY);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (int i = 0; i < 6; i++) {
      mask.getRaster().setSample(rng.nextInt(23), rng.nextInt(17), 0, 200);
    }
    boolean[] fast = ColorNames.nearInk(mask, 3);
    for (int y = 0; y < 17; y++) {
      for (int x = 0; x < 23; x++) {
        boolean naive = false;
        for (int v = 0; v < 17; v++) {
          for (int u = 0; u < 23; u++) {
            if (mask.getRaster().getSample(u, v, 0) >= 32
                && Math.max(Math.abs(u - x), Math.abs(v - y)) <= 3) {
              naive = true;
            }
          }
        }
        assertEquals(naive, fast[y * 23 + x], x + "," + y);
      }
    }
  }

  @Test
  void countsAwayFromInkCountEachSampledBackgroundPixelOnce() {
    // Left half red, right half teal; ink in a 10-pixel column of the red half.
    BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xD42020));
    g.fillRect(0, 0, 20, 20);
    g.setColor(new Color(0x1E8080));
    g.fillRect(20, 0, 20, 20);
    g.dispose();
    BufferedImage mask = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D m = mask.createGraphics();
    m.setColor(Color.WHITE);
    m.fillRect(5, 0, 10, 20);
    m.dispose();
    long[] count = ColorNames.countsAwayFromInk(image, mask, 2, 1);
    int red = ColorNames.ALL.indexOf(ColorNames.nearest(0xD42020));
    int teal = ColorNames.ALL.indexOf(ColorNames.nearest(0x1E8080));
    // Columns 0–2 and 17–19 of the red half are farther than 2 from the ink column 5–14.
    assertEquals(20L * 6, count[red]);
    assertEquals(20L * 20, count[teal]);
    assertEquals(20L * 26, java.util.Arrays.stream(count).sum());
    // Every second pixel from (1, 1): 3 red columns (1, 17, 19), 10 teal, 10 rows.
    long[] sparse = ColorNames.countsAwayFromInk(image, mask, 2, 2);
    assertEquals(10L * 3, sparse[red]);
    assertEquals(10L * 10, sparse[teal]);
    ColorNames.AwayFromInk away = ColorNames.dominantAwayFromInk(image, mask, 2, 1);
    assertEquals(ColorNames.ALL.get(teal), away.name());
    assertEquals(20.0 / 26, away.share(), 1e-12);
    assertEquals(20L * 26, away.counted());
    BufferedImage allInk = new BufferedImage(40, 20, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D a = allInk.createGraphics();
    a.setColor(Color.WHITE);
    a.fillRect(0, 0, 40, 20);
    a.dispose();
    ColorNames.AwayFromInk none = ColorNames.dominantAwayFromInk(image, allInk, 0, 1);
    assertEquals(0L, none.counted());
    assertEquals(0.0, none.share());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ColorNames.countsAwayFromInk(
                image, new BufferedImage(20, 20, BufferedImage.TYPE_BYTE_GRAY), 1, 1));
  }
}
