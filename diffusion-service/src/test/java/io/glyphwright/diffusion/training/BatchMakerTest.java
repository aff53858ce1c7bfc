package io.glyphwright.diffusion.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PixelShuffle;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.PromptText;
import io.glyphwright.diffusion.text.PromptEncoder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchMakerTest {
  private static final NoiseSchedule SCHEDULE = NoiseSchedule.linear(1000, 1e-4, 0.02);
  @TempDir static Path dir;
  static TrainingCache cache;

  @BeforeAll
  static void prepare() throws Exception {
    cache =
        TrainingCache.openOrBuild(
            TinyCorpus.path(), dir, 36, 8, PromptText.WITHOUT_QUOTED_TEXT, line -> {});
  }

  @AfterAll
  static void close() throws Exception {
    cache.close();
  }

  private static BatchMaker maker(PredictionType prediction, double textDrop, double glyphDrop) {
    int[] all = new int[cache.size()];
    Arrays.setAll(all, i -> i);
    return new BatchMaker(cache, all, 32, 2, SCHEDULE, prediction, 9, 4, textDrop, glyphDrop, 1f);
  }

  /** x0 targets, no dropout unless {@code paired} (then 0.1 and 0.05), seed 9, 32 px. */
  private static BatchMaker maker(int batch, boolean paired, double naming, double highNoise) {
    int[] all = new int[cache.size()];
    Arrays.setAll(all, i -> i);
    double textDrop = paired ? 0.1 : 0;
    double glyphDrop = paired ? 0.05 : 0;
    return new BatchMaker(
        cache,
        all,
        32,
        2,
        SCHEDULE,
        PredictionType.SAMPLE,
        9,
        batch,
        textDrop,
        glyphDrop,
        1f,
        paired,
        naming,
        highNoise);
  }

  @Test
  void pairedRowsShareSampleTimestepAndConditioningAndDifferInNoiseOnly() {
    BatchMaker maker = maker(4, true, 0, 0);
    BatchMaker.Batch b = maker.newBatch();
    int mv = 3 * 32 * 32;
    int gv = 32 * 32;
    int tw = PromptEncoder.WIDTH;
    for (long step = 1; step <= 6; step++) {
      maker.fill(step, b);
      for (int j = 0; j < 2; j++) {
        int r0 = 2 * j;
        int r1 = r0 + 1;
        assertEquals(b.t[r0], b.t[r1]);
        assertEquals(b.textMask[r0], b.textMask[r1]);
        assertArrayEquals(
            Arrays.copyOfRange(b.target, r0 * mv, r1 * mv),
            Arrays.copyOfRange(b.target, r1 * mv, (r1 + 1) * mv));
        assertArrayEquals(
            Arrays.copyOfRange(b.glyph, r0 * gv, r1 * gv),
            Arrays.copyOfRange(b.glyph, r1 * gv, (r1 + 1) * gv));
        assertArrayEquals(
            Arrays.copyOfRange(b.text, r0 * tw, r1 * tw),
            Arrays.copyOfRange(b.text, r1 * tw, (r1 + 1) * tw));
        assertFalse(
            Arrays.equals(
                Arrays.copyOfRange(b.x, r0 * mv, r1 * mv),
                Arrays.copyOfRange(b.x, r1 * mv, (r1 + 1) * mv)),
            "two noise draws");
      }
      // the two pairs are two samples of the epoch
      assertFalse(
          Arrays.equals(
              Arrays.copyOfRange(b.target, 0, mv), Arrays.copyOfRange(b.target, 2 * mv, 3 * mv)));
    }
    assertThrows(IllegalArgumentException.class, () -> maker(3, true, 0, 0));
  }

  @Test
  void namingTheBackgroundChangesOnlyThePromptOfTheChosenRows() {
    int tw = PromptEncoder.WIDTH;
    int side = cache.side();
    float[] written = new float[tw];
    float[] naming = new float[tw];
    byte[] rgb = new byte[3 * side * side];
    byte[] mask = new byte[side * side];
    // Which samples have a caption that does not name its background already.
    boolean[] differs = new boolean[cache.size()];
    int differing = 0;
    for (int i = 0; i < cache.size(); i++) {
      cache.read(i, rgb, mask, written, false);
      cache.read(i, rgb, mask, naming, true);
      differs[i] = !Arrays.equals(written, naming);
      differing += differs[i] ? 1 : 0;
    }
    assertTrue(differing > 0, "some tiny-corpus caption leaves its background colour unnamed");

    BatchMaker plain = maker(4, false, 0, 0);
    BatchMaker always = maker(4, false, 1, 0);
    BatchMaker.Batch a = plain.newBatch();
    BatchMaker.Batch b = always.newBatch();
    int changed = 0;
    for (long step = 1; step <= 5; step++) {
      plain.fill(step, a);
      always.fill(step, b);
      assertArrayEquals(a.x, b.x, "same crops, timesteps and noise");
      assertArrayEquals(a.target, b.target);
      assertArrayEquals(a.t, b.t);
      for (int row = 0; row < 4; row++) {
        float[] pa = Arrays.copyOfRange(a.text, row * tw, (row + 1) * tw);
        float[] pb = Arrays.copyOfRange(b.text, row * tw, (row + 1) * tw);
        if (!Arrays.equals(pa, pb)) {
          changed++;
        }
      }
    }
    assertTrue(changed > 0, "rows whose caption lacks the colour get the naming prompt");
    assertThrows(IllegalArgumentException.class, () -> maker(4, false, 1.5, 0));
  }

  @Test
  void highNoiseRowsTakeTimestepsFromTheHighNoiseBandAndLeaveOtherRowsAsTheyWere() {
    int steps = SCHEDULE.trainSteps();
    int from = BatchMaker.highNoiseFrom(SCHEDULE);
    assertTrue(SCHEDULE.alphaBar(from) <= BatchMaker.HIGH_NOISE_ALPHA_BAR);
    assertTrue(SCHEDULE.alphaBar(from - 1) > BatchMaker.HIGH_NOISE_ALPHA_BAR);
    NoiseSchedule cosine = NoiseSchedule.cosine(1000);
    int cosineFrom = BatchMaker.highNoiseFrom(cosine);
    assertTrue(cosineFrom > 950 && cosineFrom < 1000, "cosine band from " + cosineFrom);
    assertTrue(cosine.alphaBar(cosineFrom - 1) > BatchMaker.HIGH_NOISE_ALPHA_BAR);
    BatchMaker plain = maker(4, false, 0, 0);
    BatchMaker half = maker(4, false, 0, 0.5);
    BatchMaker always = maker(4, false, 0, 1);
    BatchMaker.Batch a = plain.newBatch();
    BatchMaker.Batch h = half.newBatch();
    BatchMaker.Batch b = always.newBatch();
    int moved = 0;
    int kept = 0;
    int mv = 3 * 32 * 32;
    for (long step = 1; step <= 40; step++) {
      plain.fill(step, a);
      half.fill(step, h);
      always.fill(step, b);
      assertArrayEquals(a.target, b.target, "same samples and crops");
      for (int row = 0; row < 4; row++) {
        assertTrue(b.t[row] >= from && b.t[row] < steps, "t " + b.t[row]);
        if (h.t[row] == a.t[row]) {
          kept++;
          assertArrayEquals(
              Arrays.copyOfRange(a.x, row * mv, (row + 1) * mv),
              Arrays.copyOfRange(h.x, row * mv, (row + 1) * mv),
              "a row left alone keeps its noise");
        } else {
          moved++;
          assertTrue(h.t[row] >= from, "t " + h.t[row]);
        }
      }
    }
    // 160 rows at a chance of 1/2 (a kept row may also have drawn a high timestep itself).
    assertTrue(moved > 50 && kept > 50, moved + " moved, " + kept + " kept");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> maker(4, false, 0, -0.1));
    assertTrue(e.getMessage().contains("high-noise"), e.getMessage());
  }

  @Test
  void namingTheBackgroundAddsTheColourOnlyWhereTheCaptionLacksIt() {
    assertEquals(
        "a sign that reads \"OPEN\", on a dark blue background",
        TrainingCache.namingBackground("a sign that reads \"OPEN\"", "dark blue"));
    assertEquals(
        "a RED sign that reads \"OPEN\"",
        TrainingCache.namingBackground("a RED sign that reads \"OPEN\"", "red"));
    // "red" inside another word is not the colour
    assertEquals(
        "Reduced prices, on a red background",
        TrainingCache.namingBackground("Reduced prices", "red"));
    assertEquals("店铺招牌，文字为“老街”，灰色背景", TrainingCache.namingBackground("店铺招牌，文字为“老街”", "gray"));
    assertEquals("店铺招牌，灰色调的照片背景", TrainingCache.namingBackground("店铺招牌，灰色调的照片背景", "gray"));
    assertEquals("a sign", TrainingCache.namingBackground("a sign", "no such colour"));
  }

  @Test
  void theNamedColourIsTheRecordedOneOrWhatTheBackgroundClearlyShows() {
    // 256 × 256: white text over the top 100 rows (its mask 4 px short of the drawn text), below it
    // 120 rows of orange and 36 of blue.
    BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    BufferedImage mask = new BufferedImage(256, 256, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xF0801C));
    g.fillRect(0, 0, 256, 256);
    g.setColor(new Color(0x2452D0));
    g.fillRect(0, 220, 256, 36);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 256, 100);
    g.dispose();
    Graphics2D m = mask.createGraphics();
    m.setColor(Color.WHITE);
    m.fillRect(0, 0, 256, 96);
    m.dispose();
    // Share 0: the corpus's colour, whatever the picture.
    assertEquals("gray", TrainingCache.namedColour("gray", image, mask, 0));
    assertNull(TrainingCache.namedColour(null, image, mask, 0));
    // Above 0: away from the text (and its 3-pixel margin) 120 of 157 rows are orange.
    assertEquals("orange", TrainingCache.namedColour("gray", image, mask, 0.5));
    assertEquals("orange", TrainingCache.namedColour(null, image, mask, 0.75));
    assertNull(TrainingCache.namedColour("orange", image, mask, 0.8));
    // A mask of another size (a corpus image stored smaller) is scaled to the image.
    BufferedImage half = new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D hm = half.createGraphics();
    hm.setColor(Color.WHITE);
    hm.fillRect(0, 0, 128, 48);
    hm.dispose();
    assertEquals("orange", TrainingCache.namedColour(null, image, half, 0.75));
  }

  @Test
  void aCacheNamingTheSeenColourIsAnotherCacheAndNamesOnlyClearBackgrounds() throws Exception {
    Path other = dir.resolve("seen");
    try (TrainingCache seen =
        TrainingCache.openOrBuild(
            TinyCorpus.path(), other, 36, 8, PromptText.WITHOUT_QUOTED_TEXT, 0.99, line -> {})) {
      assertEquals(cache.size(), seen.size());
      // Few posters are one colour over 99 % of the background: fewer naming prompts differ from
      // the caption as written than with the corpus's colour named always.
      assertTrue(
          namingPromptsChanged(seen) < namingPromptsChanged(cache),
          namingPromptsChanged(seen) + " vs " + namingPromptsChanged(cache));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TrainingCache.openOrBuild(
                    TinyCorpus.path(), other, 36, 8, PromptText.WITHOUT_QUOTED_TEXT, 1.5, l -> {}));
    assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
  }

  /** How many samples' naming prompts are not their captions as written. */
  private static int namingPromptsChanged(TrainingCache c) {
    float[] a = new float[PromptEncoder.WIDTH];
    float[] b = new float[PromptEncoder.WIDTH];
    byte[] rgb = new byte[3 * c.side() * c.side()];
    byte[] px = new byte[c.side() * c.side()];
    int changed = 0;
    for (int i = 0; i < c.size(); i++) {
      c.read(i, rgb, px, a, false);
      c.read(i, rgb, px, b, true);
      if (!Arrays.equals(a, b)) {
        changed++;
      }
    }
    return changed;
  }

  @Test
  void aStepsBatchDependsOnlyOnTheSeedAndTheStep() {
    BatchMaker a = maker(PredictionType.EPSILON, 0.1, 0.05);
    BatchMaker b = maker(PredictionType.EPSILON, 0.1, 0.05);
    BatchMaker.Batch x = a.newBatch();
    BatchMaker.Batch y = b.newBatch();
    a.fill(7, x);
    b.fill(3, y); // another step first: no state carries over
    b.fill(7, y);
    assertArrayEquals(x.x, y.x);
    assertArrayEquals(x.glyph, y.glyph);
    assertArrayEquals(x.target, y.target);
    assertArrayEquals(x.t, y.t);
    b.fill(8, y);
    assertFalse(Arrays.equals(x.x, y.x));
  }

  @Test
  void theNoisyInputIsTheSchedulesMixOfImageAndTarget() {
    // With x0-prediction the target is the clean image; x_t − α·x0 is then σ·ε with ε ~ N(0, 1).
    BatchMaker m = maker(PredictionType.SAMPLE, 0, 0);
    BatchMaker.Batch b = m.newBatch();
    m.fill(1, b);
    int per = 3 * 32 * 32;
    for (int i = 0; i < 4; i++) {
      int t = (int) b.t[i];
      double alpha = Math.sqrt(SCHEDULE.alphaBar(t));
      double sigma = Math.sqrt(1 - SCHEDULE.alphaBar(t));
      double sum = 0;
      double sq = 0;
      for (int p = i * per; p < (i + 1) * per; p++) {
        assertTrue(b.target[p] >= -1f && b.target[p] <= 1f, "image values lie in [−1, 1]");
        double eps = (b.x[p] - alpha * b.target[p]) / sigma;
        sum += eps;
        sq += eps * eps;
      }
      double mean = sum / per;
      double var = sq / per - mean * mean;
      assertEquals(0, mean, 0.1, "noise mean at t=" + t);
      assertEquals(1, var, 0.1, "noise variance at t=" + t);
    }
  }

  @Test
  void droppedPromptsHaveAZeroMaskAndDroppedGlyphsAZeroMask() {
    BatchMaker m = maker(PredictionType.EPSILON, 0.3, 0.3);
    BatchMaker.Batch b = m.newBatch();
    int textDropped = 0;
    int glyphDropped = 0;
    int rows = 0;
    int plane = 32 * 32;
    for (long step = 1; step <= 50; step++) {
      m.fill(step, b);
      for (int i = 0; i < 4; i++) {
        rows++;
        boolean noText = b.textMask[i] == 0f;
        float[] g = Arrays.copyOfRange(b.glyph, i * plane, (i + 1) * plane);
        boolean noGlyph = true;
        for (float v : g) {
          noGlyph &= v == 0f;
        }
        textDropped += noText ? 1 : 0;
        glyphDropped += noGlyph ? 1 : 0;
        if (noGlyph) {
          assertTrue(noText, "glyphs are only dropped together with the prompt");
        }
      }
    }
    assertEquals(0.6, textDropped / (double) rows, 0.1);
    assertEquals(0.3, glyphDropped / (double) rows, 0.1);
  }

  @Test
  void glyphChannelsAreTheUnshuffledMaskInZeroToOne() {
    BatchMaker m = maker(PredictionType.EPSILON, 0, 0);
    BatchMaker.Batch b = m.newBatch();
    m.fill(2, b);
    float[] pixels = new float[32 * 32];
    PixelShuffle.shuffle(Arrays.copyOf(b.glyph, 32 * 32), 1, 1, 32, 32, 2, pixels);
    float max = 0;
    for (float v : pixels) {
      assertTrue(v >= 0f && v <= 1f);
      max = Math.max(max, v);
    }
    // Small text at 32 px has strokes thinner than a pixel, so ink rarely reaches 1 here.
    assertTrue(max > 0.3f, "the poster's text shows in its glyph channel: " + max);
  }
}
