package io.glyphwright.diffusion.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The sampler's request checks and guidance inputs, with a plain Java denoiser. */
class DiffusionSamplerTest {
  private static final DenoiserSpec SPEC =
      new DenoiserSpec(3, 2, 1, 2, 3, 8, SchedulerConfig.defaults());

  /** Records each run's conditioning; predicts ε = 0.1·x. */
  private static final class RecordingDenoiser implements Denoiser {
    final DenoiserSpec spec;
    final List<Conditioning> runs = new ArrayList<>();

    RecordingDenoiser(DenoiserSpec spec) {
      this.spec = spec;
    }

    @Override
    public DenoiserSpec spec() {
      return spec;
    }

    @Override
    public ConditionedDenoiser condition(Conditioning conditioning) {
      conditioning.checkAgainst(spec);
      runs.add(conditioning);
      return new ConditionedDenoiser() {
        @Override
        public void predict(float[] x, float[] t, float[] out) {
          for (int j = 0; j < x.length; j++) {
            out[j] = 0.1f * x[j];
          }
        }

        @Override
        public void close() {}
      };
    }
  }

  private static float[] ones(int n) {
    float[] values = new float[n];
    Arrays.fill(values, 1f);
    return values;
  }

  private static SampleRequest.Builder request() {
    return SampleRequest.builder()
        .setSize(16, 16)
        .setGlyphs(ones(16 * 16))
        .setPrompt(new TextEmbedding(2, 3, new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 1}))
        .optSteps(3)
        .optSeed(5);
  }

  @Test
  void guidanceRowsAreUnconditionalFirstThenConditional() throws Exception {
    RecordingDenoiser denoiser = new RecordingDenoiser(SPEC);
    new DiffusionSampler(denoiser).sample(request().optImages(2).optGuidance(3).build());
    Conditioning c = denoiser.runs.get(0);
    assertEquals(4, c.batch());
    assertEquals(8, c.height());
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, slice(c.text(), 0, 12));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6}, slice(c.text(), 12, 24));
    assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1}, c.textMask());
    // GuidanceMode.TEXT keeps the glyphs in the unconditional rows.
    assertArrayEquals(ones(4 * 4 * 8 * 8), c.glyphs());
  }

  @Test
  void guidanceOnGlyphsTooBlanksThemInTheUnconditionalRows() throws Exception {
    RecordingDenoiser denoiser = new RecordingDenoiser(SPEC);
    new DiffusionSampler(denoiser)
        .sample(request().optGuidanceMode(GuidanceMode.TEXT_AND_GLYPHS).optGuidance(3).build());
    Conditioning c = denoiser.runs.get(0);
    int rowSize = 4 * 8 * 8;
    assertArrayEquals(new float[rowSize], slice(c.glyphs(), 0, rowSize));
    assertArrayEquals(ones(rowSize), slice(c.glyphs(), rowSize, 2 * rowSize));
  }

  @Test
  void glyphGuidanceRunsNeitherThenGlyphsThenBothAndAddsThePromptsPartOnce() throws Exception {
    RecordingDenoiser denoiser = new RecordingDenoiser(SPEC);
    new DiffusionSampler(denoiser)
        .sample(request().optImages(2).optGuidanceMode(GuidanceMode.GLYPHS).optGuidance(3).build());
    Conditioning c = denoiser.runs.get(0);
    assertEquals(6, c.batch());
    int rowSize = 4 * 8 * 8;
    assertArrayEquals(new float[2 * rowSize], slice(c.glyphs(), 0, 2 * rowSize));
    assertArrayEquals(ones(4 * rowSize), slice(c.glyphs(), 2 * rowSize, 6 * rowSize));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1}, c.textMask());
    assertArrayEquals(new float[24], slice(c.text(), 0, 24));
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6}, slice(c.text(), 24, 36));

    // The combination against the rule written out: u + g(u_g − u) + (c − u_g).
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    int block = 10;
    float[] out = new float[3 * block];
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) rng.nextGaussian();
    }
    float[] guided = new float[block];
    DiffusionSampler.combine(GuidanceMode.GLYPHS, 4f, 1f, out, guided);
    for (int j = 0; j < block; j++) {
      double u = out[j];
      double ug = out[block + j];
      double cond = out[2 * block + j];
      assertEquals(u + 4 * (ug - u) + (cond - ug), guided[j], 1e-5);
    }
    // With a prompt scale: u + g(u_g − u) + s_p(c − u_g).
    DiffusionSampler.combine(GuidanceMode.GLYPHS, 4f, 2.5f, out, guided);
    for (int j = 0; j < block; j++) {
      double u = out[j];
      double ug = out[block + j];
      double cond = out[2 * block + j];
      assertEquals(u + 4 * (ug - u) + 2.5 * (cond - ug), guided[j], 1e-5);
    }
    // At g = 1 it is the conditional pass; with u = u_g it is that pass plus nothing.
    DiffusionSampler.combine(GuidanceMode.GLYPHS, 1f, 1f, out, guided);
    for (int j = 0; j < block; j++) {
      assertEquals(out[2 * block + j], guided[j], 1e-5);
    }
    float[] two = java.util.Arrays.copyOf(out, 2 * block);
    DiffusionSampler.combine(GuidanceMode.TEXT_AND_GLYPHS, 4f, 1f, two, guided);
    for (int j = 0; j < block; j++) {
      assertEquals(out[j] + 4 * (out[block + j] - out[j]), guided[j], 1e-5);
    }
  }

  @Test
  void aPromptScaleAloneRunsTheGuidedPassesAndNeedsTheGlyphsMode() throws Exception {
    RecordingDenoiser denoiser = new RecordingDenoiser(SPEC);
    SampleRequest r =
        request().optGuidanceMode(GuidanceMode.GLYPHS).optGuidance(1).optPromptGuidance(2).build();
    assertTrue(r.usesGuidance());
    assertEquals(2.0, r.promptGuidance());
    new DiffusionSampler(denoiser).sample(r);
    assertEquals(3, denoiser.runs.get(0).batch());
    assertEquals(
        "promptGuidance applies to guidance mode glyphs only (text guides the prompt by"
            + " guidance); got 2.0 with text",
        refusal(b -> b.optGuidanceMode(GuidanceMode.TEXT).optPromptGuidance(2)));
    assertEquals(
        "promptGuidance must be 0.0..30.0, got -1.0",
        refusal(b -> b.optGuidanceMode(GuidanceMode.GLYPHS).optPromptGuidance(-1)));
    assertEquals(
        "promptGuidance must be 0.0..30.0, got NaN",
        refusal(b -> b.optGuidanceMode(GuidanceMode.GLYPHS).optPromptGuidance(Double.NaN)));
    // 1 is the default and fits every mode.
    assertEquals(1.0, request().optGuidanceMode(GuidanceMode.TEXT).build().promptGuidance());
  }

  @Test
  void aNegativePromptFillsTheUnconditionalRows() throws Exception {
    RecordingDenoiser denoiser = new RecordingDenoiser(SPEC);
    TextEmbedding negative =
        new TextEmbedding(2, 3, new float[] {9, 9, 9, 0, 0, 0}, new float[] {1, 0});
    new DiffusionSampler(denoiser)
        .sample(request().optNegativePrompt(negative).optGuidance(3).build());
    Conditioning c = denoiser.runs.get(0);
    assertArrayEquals(new float[] {9, 9, 9, 0, 0, 0}, slice(c.text(), 0, 6));
    assertArrayEquals(new float[] {1, 0, 1, 1}, c.textMask());
  }

  @Test
  void moreStepsThanTheModelWasTrainedWithAreRefused() {
    DenoiserSpec short10 =
        new DenoiserSpec(
            3, 2, 1, 2, 3, 8, SchedulerConfig.defaults().withSchedule(NoiseSchedule.cosine(10)));
    DiffusionSampler sampler = new DiffusionSampler(new RecordingDenoiser(short10));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> sampler.sample(request().optSteps(11).build()));
    assertEquals("steps must be 1..10 for this model, got 11", e.getMessage());
  }

  private static String refusal(UnaryOperator<SampleRequest.Builder> change) {
    return assertThrows(IllegalArgumentException.class, () -> change.apply(request()).build())
        .getMessage();
  }

  @Test
  void valuesOutOfRangeAreRefusedWithTheirRange() {
    assertEquals("steps must be 1..1000, got 0", refusal(b -> b.optSteps(0)));
    assertEquals("steps must be 1..1000, got 1001", refusal(b -> b.optSteps(1001)));
    assertEquals("guidance must be 0.0..30.0, got -0.5", refusal(b -> b.optGuidance(-0.5)));
    assertEquals("guidance must be 0.0..30.0, got 30.5", refusal(b -> b.optGuidance(30.5)));
    assertEquals("guidance must be 0.0..30.0, got NaN", refusal(b -> b.optGuidance(Double.NaN)));
    assertEquals("images (n) must be 1..8, got 0", refusal(b -> b.optImages(0)));
    assertEquals("images (n) must be 1..8, got 9", refusal(b -> b.optImages(9)));
    assertEquals("width must be 16..1024, got 8", refusal(b -> b.setSize(8, 16)));
    assertEquals("height must be 16..1024, got 2048", refusal(b -> b.setSize(16, 2048)));
    assertTrue(
        refusal(b -> b.setSize(1024, 1024).optImages(4)).contains("at most 2097152"),
        refusal(b -> b.setSize(1024, 1024).optImages(4)));
    assertEquals(
        "eta applies to ddim only; dpm++2m takes eta = 0, got 0.5", refusal(b -> b.optEta(0.5)));
    assertEquals(
        "eta must be 0..1.0, got 2.0", refusal(b -> b.optScheduler(SchedulerKind.DDIM).optEta(2)));
    assertTrue(refusal(b -> b.setGlyphs(null)).contains("glyphs are required"));
    assertTrue(refusal(b -> b.setPrompt(null)).contains("prompt embedding is required"));
    assertEquals(
        "the negative prompt is 3×3, the prompt 2×3",
        refusal(b -> b.optNegativePrompt(TextEmbedding.none(3, 3))));
  }

  @Test
  void aRequestWithoutSeedRecordsTheOneItDrew() {
    SampleRequest request =
        SampleRequest.builder()
            .setSize(16, 16)
            .setGlyphs(ones(256))
            .setPrompt(TextEmbedding.none(2, 3))
            .build();
    assertTrue(request.toString().contains("seed " + request.seed()), request.toString());
    assertEquals(SampleRequest.DEFAULT_STEPS, request.steps());
    assertEquals(SchedulerKind.DPM_SOLVER_PP_2M, request.scheduler());
  }

  @Test
  void promptTokensArePaddedAndCut() {
    TextEmbedding two = TextEmbedding.ofTokens(List.of(new float[] {1, 2}), 3, 2);
    assertArrayEquals(new float[] {1, 2, 0, 0, 0, 0}, two.tokens());
    assertArrayEquals(new float[] {1, 0, 0}, two.mask());
    TextEmbedding cut =
        TextEmbedding.ofTokens(List.of(new float[] {1, 2}, new float[] {3, 4}), 1, 2);
    assertArrayEquals(new float[] {1, 2}, cut.tokens());
    assertThrows(
        IllegalArgumentException.class,
        () -> TextEmbedding.ofTokens(List.of(new float[] {1, 2, 3}), 3, 2));
  }

  @Test
  void glyphMasksBecomeChannelsInTheUnitRange() {
    java.awt.image.BufferedImage mask =
        new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    mask.getRaster().setSample(0, 0, 0, 255);
    mask.getRaster().setSample(1, 0, 0, 51);
    assertArrayEquals(new float[] {1f, 0.2f}, GlyphChannels.fromMask(mask), 1e-6f);
  }

  private static float[] slice(float[] values, int from, int to) {
    return Arrays.copyOfRange(values, from, to);
  }
}
