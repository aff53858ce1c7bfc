package io.glyphwright.diffusion.onnx;

import static io.glyphwright.diffusion.NumericAssertions.assertAlmostEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.sampling.CancellationToken;
import io.glyphwright.diffusion.sampling.ConditionedDenoiser;
import io.glyphwright.diffusion.sampling.Conditioning;
import io.glyphwright.diffusion.sampling.Denoiser;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.DiffusionSampler;
import io.glyphwright.diffusion.sampling.GaussianNoise;
import io.glyphwright.diffusion.sampling.PixelShuffle;
import io.glyphwright.diffusion.sampling.Preview;
import io.glyphwright.diffusion.sampling.SampleRequest;
import io.glyphwright.diffusion.sampling.SampledImages;
import io.glyphwright.diffusion.sampling.SamplingCancelledException;
import io.glyphwright.diffusion.sampling.Scheduler;
import io.glyphwright.diffusion.sampling.SchedulerKind;
import io.glyphwright.diffusion.sampling.TextEmbedding;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The whole sampler on ONNX Runtime, driving the tiny generated UNet. */
class OnnxSamplingTest {
  private static final int SIDE = 32;
  private static final DenoiserSpec SPEC = TinyUnet.SPEC;
  private static OnnxDenoiser unet;
  private static DiffusionSampler sampler;

  @BeforeAll
  static void load() throws Exception {
    unet =
        OnnxDenoiser.load(
            new TinyUnet().bytes(),
            "tiny",
            SPEC,
            OnnxOptions.defaults().withProvider(ExecutionProvider.CPU));
    sampler = new DiffusionSampler(unet);
  }

  @AfterAll
  static void close() {
    unet.close();
  }

  /** A glyph mask with an "ink" bar across the middle. */
  static float[] glyphs() {
    float[] mask = new float[SIDE * SIDE];
    for (int y = 12; y < 20; y++) {
      for (int x = 4; x < 28; x++) {
        mask[y * SIDE + x] = 1f;
      }
    }
    return mask;
  }

  static TextEmbedding prompt() {
    return TextEmbedding.ofTokens(
        List.of(OnnxDenoiserTest.random(8, 21), OnnxDenoiserTest.random(8, 22)),
        SPEC.textTokens(),
        SPEC.textDim());
  }

  static SampleRequest.Builder request() {
    return SampleRequest.builder()
        .setSize(SIDE, SIDE)
        .setGlyphs(glyphs())
        .setPrompt(prompt())
        .optSteps(8)
        .optSeed(1234);
  }

  private static float[] all(SampledImages images) {
    float[] values = new float[0];
    for (int k = 0; k < images.count(); k++) {
      float[] image = images.values(k);
      float[] joined = Arrays.copyOf(values, values.length + image.length);
      System.arraycopy(image, 0, joined, values.length, image.length);
      values = joined;
    }
    return values;
  }

  @Test
  void paintsNImagesOfTheRequestedSize() throws Exception {
    SampledImages images = sampler.sample(request().optImages(3).build());
    assertEquals(3, images.count());
    assertEquals(3, images.channels());
    for (int k = 0; k < 3; k++) {
      BufferedImage image = images.image(k);
      assertEquals(SIDE, image.getWidth());
      assertEquals(SIDE, image.getHeight());
      assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
      for (float v : images.values(k)) {
        assertTrue(v >= -1f && v <= 1f, "value " + v);
      }
    }
    assertFalse(Arrays.equals(images.values(0), images.values(1)));
    assertEquals(1234, images.request().seed());
  }

  @ParameterizedTest
  @EnumSource(SchedulerKind.class)
  void theSameSeedPaintsTheSameImagesAndAnotherSeedOthers(SchedulerKind kind) throws Exception {
    float[] first = all(sampler.sample(request().optScheduler(kind).optImages(2).build()));
    float[] again = all(sampler.sample(request().optScheduler(kind).optImages(2).build()));
    float[] other =
        all(sampler.sample(request().optScheduler(kind).optImages(2).optSeed(99).build()));
    assertArrayEquals(first, again);
    assertFalse(Arrays.equals(first, other));
  }

  @Test
  void imageKOfARequestDoesNotDependOnHowManyWereAsked() throws Exception {
    SampledImages one =
        sampler.sample(request().optScheduler(SchedulerKind.EULER_ANCESTRAL).build());
    SampledImages three =
        sampler.sample(request().optScheduler(SchedulerKind.EULER_ANCESTRAL).optImages(3).build());
    assertArrayEquals(one.values(0), three.values(0));
  }

  /** Guidance by hand: two separate network runs of batch n per step, combined, stepped. */
  private static float[] guidedByHand(SampleRequest request) throws Exception {
    int n = request.images();
    int r = SPEC.unshuffle();
    int h = SIDE / r;
    int w = SIDE / r;
    int per = SPEC.modelChannels() * h * w;
    float[] glyphs = new float[SPEC.condChannels() * h * w];
    PixelShuffle.unshuffle(request.glyphs(), 1, 1, SIDE, SIDE, r, glyphs);
    TextEmbedding none = TextEmbedding.none(SPEC.textTokens(), SPEC.textDim());
    Scheduler scheduler =
        request.scheduler().create(SPEC.scheduler(), request.steps(), request.eta());
    GaussianNoise noise = GaussianNoise.forImages(request.seed(), n);
    float[] x = new float[n * per];
    noise.fill(x);
    for (int j = 0; j < x.length; j++) {
      x[j] *= scheduler.initNoiseSigma();
    }
    float g = (float) request.guidance();
    try (ConditionedDenoiser unconditional = unet.condition(rows(n, h, w, glyphs, none));
        ConditionedDenoiser conditional = unet.condition(rows(n, h, w, glyphs, prompt()))) {
      float[] in = new float[x.length];
      float[] u = new float[x.length];
      float[] c = new float[x.length];
      float[] guided = new float[x.length];
      float[] denoised = new float[x.length];
      float[] t = new float[n];
      for (int i = 0; i < scheduler.steps(); i++) {
        for (int j = 0; j < x.length; j++) {
          in[j] = x[j] * scheduler.modelInputScale(i);
        }
        Arrays.fill(t, scheduler.timestep(i));
        unconditional.predict(in, t, u);
        conditional.predict(in, t, c);
        for (int j = 0; j < x.length; j++) {
          guided[j] = u[j] + g * (c[j] - u[j]);
        }
        scheduler.step(i, guided, x, denoised, noise);
      }
    }
    float[] pixels = new float[x.length];
    PixelShuffle.shuffle(x, n, 3, SIDE, SIDE, r, pixels);
    return pixels;
  }

  private static Conditioning rows(int n, int h, int w, float[] glyphs, TextEmbedding text) {
    float[] cond = new float[n * glyphs.length];
    float[] tokens = new float[n * text.tokens().length];
    float[] mask = new float[n * text.mask().length];
    for (int k = 0; k < n; k++) {
      System.arraycopy(glyphs, 0, cond, k * glyphs.length, glyphs.length);
      System.arraycopy(text.tokens(), 0, tokens, k * text.tokens().length, text.tokens().length);
      System.arraycopy(text.mask(), 0, mask, k * text.mask().length, text.mask().length);
    }
    return new Conditioning(n, h, w, cond, tokens, mask);
  }

  @ParameterizedTest
  @EnumSource(SchedulerKind.class)
  void guidanceInOneBatchEqualsTwoSeparateRuns(SchedulerKind kind) throws Exception {
    SampleRequest request = request().optScheduler(kind).optImages(2).optGuidance(4.5).build();
    float[] batched = all(sampler.sample(request));
    assertAlmostEquals(batched, guidedByHand(request), 1e-6, 1e-6);
    float[] unguided = all(sampler.sample(request().optScheduler(kind).optImages(2).build()));
    assertFalse(Arrays.equals(batched, unguided), "the guidance scale changed nothing");
  }

  /** A denoiser that counts the batch of each run, around the ONNX one. */
  private static final class BatchRecorder implements Denoiser {
    final List<Integer> batches = new ArrayList<>();

    @Override
    public DenoiserSpec spec() {
      return unet.spec();
    }

    @Override
    public ConditionedDenoiser condition(Conditioning conditioning)
        throws io.glyphwright.diffusion.sampling.DenoiserException {
      batches.add(conditioning.batch());
      return unet.condition(conditioning);
    }
  }

  @Test
  void guidanceOfOneRunsTheConditionalPassAlone() throws Exception {
    BatchRecorder recorder = new BatchRecorder();
    DiffusionSampler recording = new DiffusionSampler(recorder);
    SampleRequest plain = request().optImages(3).optGuidance(1.0).build();
    float[] alone = all(recording.sample(plain));
    recording.sample(request().optImages(3).optGuidance(2.0).build());
    assertEquals(List.of(3, 6), recorder.batches);
    assertAlmostEquals(alone, guidedByHand(plain), 1e-6, 1e-6);
  }

  @Test
  void progressComesInOrderWithPreviewsOfTheDenoisedEstimate() throws Exception {
    List<Integer> steps = new ArrayList<>();
    AtomicReference<float[]> lastPreview = new AtomicReference<>();
    AtomicReference<Preview> kept = new AtomicReference<>();
    SampledImages images =
        sampler.sample(
            request().optImages(2).optSteps(6).build(),
            (step, total, preview) -> {
              assertEquals(6, total);
              steps.add(step);
              assertEquals(2, preview.count());
              assertEquals(SIDE / 4, preview.width());
              BufferedImage image = preview.image(1);
              assertEquals(SIDE / 4, image.getWidth());
              assertEquals(SIDE / 4, image.getHeight());
              lastPreview.set(preview.values(1));
              kept.set(preview);
            },
            null);
    assertEquals(List.of(1, 2, 3, 4, 5, 6), steps);
    // After the last step the sample is its own denoised estimate: the preview is its box average.
    float[] image = images.values(1);
    float[] boxed = new float[3 * 8 * 8];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          boxed[(c * 8 + y / 4) * 8 + x / 4] += image[(c * SIDE + y) * SIDE + x] / 16f;
        }
      }
    }
    assertAlmostEquals(lastPreview.get(), boxed, 1e-5, 1e-6);
    IllegalStateException stale =
        assertThrows(IllegalStateException.class, () -> kept.get().values(0));
    assertTrue(stale.getMessage().contains("only during"), stale.getMessage());
  }

  @Test
  void aCancelledRunThrowsAndReturnsNoImage() {
    CancellationToken token = CancellationToken.create();
    AtomicInteger calls = new AtomicInteger();
    SamplingCancelledException e =
        assertThrows(
            SamplingCancelledException.class,
            () ->
                sampler.sample(
                    request().optSteps(10).build(),
                    (step, total, preview) -> {
                      calls.incrementAndGet();
                      if (step == 3) {
                        token.cancel();
                      }
                    },
                    token));
    assertEquals(3, e.completedSteps());
    assertEquals(10, e.totalSteps());
    assertEquals(3, calls.get());
    assertEquals("sampling cancelled after 3 of 10 steps", e.getMessage());
  }

  @Test
  void aTokenCancelledBeforehandStopsBeforeTheFirstStep() {
    CancellationToken token = CancellationToken.create();
    token.cancel();
    SamplingCancelledException e =
        assertThrows(
            SamplingCancelledException.class,
            () ->
                sampler.sample(
                    request().build(),
                    (step, total, preview) -> {
                      throw new AssertionError("no step should run");
                    },
                    token));
    assertEquals(0, e.completedSteps());
  }

  @Test
  void anInterruptedThreadStopsTheRun() {
    Thread.currentThread().interrupt();
    try {
      SamplingCancelledException e =
          assertThrows(SamplingCancelledException.class, () -> sampler.sample(request().build()));
      assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void requestsTheModelCannotPaintAreRefusedClearly() {
    IllegalArgumentException size =
        assertThrows(
            IllegalArgumentException.class,
            () -> sampler.sample(request().setSize(40, 40).setGlyphs(new float[40 * 40]).build()));
    assertEquals(
        "this model paints sizes that are multiples of 16 pixels; 40×40 is not", size.getMessage());
    IllegalArgumentException glyphs =
        assertThrows(
            IllegalArgumentException.class,
            () -> sampler.sample(request().setGlyphs(new float[2 * SIDE * SIDE]).build()));
    assertTrue(glyphs.getMessage().contains("this model takes 1 channel(s)"), glyphs.getMessage());
    IllegalArgumentException prompt =
        assertThrows(
            IllegalArgumentException.class,
            () -> sampler.sample(request().setPrompt(TextEmbedding.none(4, 16)).build()));
    assertEquals(
        "the prompt embedding is 4×16; this model takes 4 tokens of 8", prompt.getMessage());
  }
}
