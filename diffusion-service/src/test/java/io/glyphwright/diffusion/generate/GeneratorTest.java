package io.glyphwright.diffusion.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.diffusion.onnx.ExecutionProvider;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.pkg.TinyGlyphUnetPackage;
import io.glyphwright.diffusion.sampling.CancellationToken;
import io.glyphwright.diffusion.sampling.SamplingCancelledException;
import io.glyphwright.glyph.GlyphRenderer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator end to end on a tiny exported UNet, the real prompt encoder and system fonts. */
class GeneratorTest {
  private static final OnnxOptions CPU =
      OnnxOptions.defaults().withProvider(ExecutionProvider.CPU).withIntraOpThreads(1);
  private static final TextCheck CHECK = new BandContrastCheck(0.3);
  private static Path dir;
  private static GlyphUnetPackage pkg;
  private static Generator generator;

  @BeforeAll
  static void open() throws Exception {
    dir = Files.createTempDirectory("gw-generator-test");
    pkg = GlyphUnetPackage.load(TinyGlyphUnetPackage.write(dir, "glyph-unet-t"));
    generator = Generator.open(pkg, CPU, GlyphRenderer.system(), CHECK);
  }

  @AfterAll
  static void close() {
    generator.close();
    TinyGlyphUnetPackage.delete(dir);
  }

  static Layout layout(int side) {
    return new Layout(
        side,
        side,
        Layout.DEFAULT_GRID,
        List.of(
            new TextLine("HI", new Box(8, 8, 120, 56)),
            new TextLine("GO", new Box(8, 72, 120, 120))));
  }

  static GenerationRequest request(long seed) {
    return GenerationRequest.of("a red poster", layout(32), seed)
        .withSteps(4)
        .withGuidance(3.0)
        .withScheduler("ddim");
  }

  static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  @Test
  void theSameSeedGivesTheSamePixelsAndAnotherSeedOthers() throws Exception {
    GenerationResult a = generator.generate(request(7), null, null);
    GenerationResult b = generator.generate(request(7), null, null);
    GenerationResult c = generator.generate(request(8), null, null);
    BufferedImage image = a.images().get(0).image();
    assertEquals(32, image.getWidth());
    assertEquals(32, image.getHeight());
    assertArrayEquals(pixels(image), pixels(b.images().get(0).image()));
    assertFalse(java.util.Arrays.equals(pixels(image), pixels(c.images().get(0).image())));
    assertEquals(pkg.name(), a.modelName());
    assertEquals(pkg.onnxSha256(), a.modelSha256());
    assertEquals(2, a.images().get(0).verdicts().size());
    assertEquals("HI", a.images().get(0).verdicts().get(0).text());
  }

  @Test
  void theGuidanceModeReachesTheSampler() throws Exception {
    // With guidance above 1 the unconditional pass with and without glyphs differs.
    BufferedImage both = generator.generate(request(7), null, null).images().get(0).image();
    BufferedImage text =
        generator
            .generate(
                request(7).withGuidanceMode(io.glyphwright.diffusion.sampling.GuidanceMode.TEXT),
                null,
                null)
            .images()
            .get(0)
            .image();
    assertFalse(java.util.Arrays.equals(pixels(both), pixels(text)));
  }

  @Test
  void everyImageIsMadeAgainFromItsOwnSeed() throws Exception {
    GenerationResult three = generator.generate(request(100).withN(3), null, null);
    assertEquals(3, three.images().size());
    for (int i = 0; i < 3; i++) {
      GeneratedImage image = three.images().get(i);
      assertEquals(100 + i, image.seed());
      assertEquals(i, image.index());
      assertEquals(0, image.candidate());
      assertEquals(request(100 + i), image.reproduce());
      GenerationResult alone = generator.generate(image.reproduce(), null, null);
      assertArrayEquals(pixels(image.image()), pixels(alone.images().get(0).image()));
    }
  }

  @Test
  void bestOfKeepsTheCandidateTheRuleChooses() throws Exception {
    int n = 2;
    int k = 3;
    GenerationResult result = generator.generate(request(40).withN(n).withBestOf(k), null, null);
    List<String> lines = List.of("HI", "GO");
    for (int i = 0; i < n; i++) {
      List<List<LineVerdict>> verdicts = new ArrayList<>();
      List<BufferedImage> candidates = new ArrayList<>();
      for (int c = 0; c < k; c++) {
        long seed = 40 + (long) c * n + i;
        BufferedImage image = generator.generate(request(seed), null, null).images().get(0).image();
        candidates.add(image);
        verdicts.add(CHECK.check(image, lines));
      }
      int expected = Generator.best(verdicts);
      GeneratedImage kept = result.images().get(i);
      assertEquals(expected, kept.candidate());
      assertEquals(40 + (long) expected * n + i, kept.seed());
      assertEquals(verdicts.get(expected), kept.verdicts());
      assertArrayEquals(pixels(candidates.get(expected)), pixels(kept.image()));
    }
  }

  @Test
  void theBestOfRuleCountsLinesReadThenMeanScoreThenTakesTheFirst() {
    List<LineVerdict> oneReadHigh =
        List.of(new LineVerdict("A", true, 0.9, "A"), new LineVerdict("B", false, 0.8, "8"));
    List<LineVerdict> twoReadLow =
        List.of(new LineVerdict("A", true, 0.4, "A"), new LineVerdict("B", true, 0.4, "B"));
    List<LineVerdict> twoReadHigh =
        List.of(new LineVerdict("A", true, 0.6, "A"), new LineVerdict("B", true, 0.5, "B"));
    assertEquals(1, Generator.best(List.of(oneReadHigh, twoReadLow)));
    assertEquals(2, Generator.best(List.of(oneReadHigh, twoReadLow, twoReadHigh)));
    assertEquals(0, Generator.best(List.of(twoReadHigh, twoReadLow, twoReadHigh)));
    assertEquals(0, Generator.best(List.of(List.of(), List.of())));
  }

  @Test
  void cancellingStopsBetweenStepsAndCountsOverAllRuns() {
    CancellationToken cancel = CancellationToken.create();
    List<Integer> seen = new ArrayList<>();
    SamplingCancelledException e =
        assertThrows(
            SamplingCancelledException.class,
            () ->
                generator.generate(
                    request(3).withN(2),
                    (step, total, preview) -> {
                      seen.add(step);
                      assertEquals(8, total);
                      if (step == 6) {
                        cancel.cancel();
                      }
                    },
                    cancel));
    assertEquals(6, e.completedSteps());
    assertEquals(8, e.totalSteps());
    assertEquals(List.of(1, 2, 3, 4, 5, 6), seen);
    assertTrue(e.getMessage().contains("cancelled"), e.getMessage());

    CancellationToken already = CancellationToken.create();
    already.cancel();
    SamplingCancelledException before =
        assertThrows(
            SamplingCancelledException.class, () -> generator.generate(request(3), null, already));
    assertEquals(0, before.completedSteps());
  }

  @Test
  void concurrentCallsGiveWhatSingleCallsGive() throws Exception {
    int[] expected = pixels(generator.generate(request(55), null, null).images().get(0).image());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<GenerationResult>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        futures.add(pool.submit(() -> generator.generate(request(55), null, null)));
      }
      for (Future<GenerationResult> f : futures) {
        assertArrayEquals(expected, pixels(f.get().images().get(0).image()));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCanvasTheModelCannotPaintIsRefusedSayingWhatItCan() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                generator.generate(
                    GenerationRequest.of("x", layout(36), 1).withSteps(2), null, null));
    assertEquals(
        "the layout's canvas is 36×36, but model glyph-unet-t paints sides that are multiples of 8"
            + " pixels from 16 to 1024 (it was trained at 32×32): plan the layout on such a canvas,"
            + " e.g. 32×32",
        e.getMessage());
  }

  @Test
  void charactersNoFontHasAreAllNamed() {
    Layout layout =
        new Layout(
            32,
            32,
            Layout.DEFAULT_GRID,
            List.of(
                new TextLine("A\uDBFF\uDFFD", new Box(8, 8, 120, 56)),
                new TextLine("B\u0378", new Box(8, 72, 120, 120))));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> generator.generate(GenerationRequest.of("x", layout, 1), null, null));
    assertEquals(
        "no installed font has U+10FFFD '\uDBFF\uDFFD' (line 1), U+0378 '\u0378' (line 2): remove"
            + " them, or run ./glyphwright setup to install the fonts Glyphwright uses",
        e.getMessage());
  }

  @Test
  void bestOfWithoutATextCheckIsRefused() throws Exception {
    try (Generator plain = Generator.open(pkg, CPU)) {
      assertFalse(plain.hasTextCheck());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> plain.generate(request(1).withBestOf(2), null, null));
      assertTrue(e.getMessage().startsWith("bestOf 2 needs a text check"), e.getMessage());
    }
  }

  @Test
  void aClosedGeneratorRefusesWork() throws Exception {
    Generator g = Generator.open(pkg, CPU);
    g.close();
    g.close();
    assertThrows(IllegalStateException.class, () -> g.generate(request(1), null, null));
  }
}
