package io.glyphwright.diffusion.sampling;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a {@link SampleRequest} into images with a {@link Denoiser}: seeded noise, the request's
 * scheduler, classifier-free guidance, progress with previews, cancellation between steps.
 *
 * <p>The network works on pixel-unshuffled images ({@link PixelShuffle}); noise is drawn, and the
 * whole run happens, in that space, and the result is shuffled back to pixels at the end.
 *
 * <p>Guidance runs the unconditional and the conditional pass together in one network call of batch
 * {@code 2n}: rows {@code 0 … n−1} unconditional, rows {@code n … 2n−1} conditional, and combines
 * {@code out = out_u + g·(out_c − out_u)} (for every prediction type, all linear in the sample).
 * {@link GuidanceMode#GLYPHS} runs three blocks of {@code n} rows — neither condition, glyphs only,
 * both — and combines {@code out = out_u + g·(out_g − out_u) + s_p·(out_c − out_g)}, {@code s_p}
 * the request's {@link SampleRequest#promptGuidance} (1: the prompt's part taken once). With {@code
 * g = 1} (and {@code s_p = 1}) only the conditional pass runs.
 *
 * <p>Immutable; as thread-safe as its denoiser (concurrent runs share nothing else).
 */
public final class DiffusionSampler {
  private final Denoiser denoiser;

  public DiffusionSampler(Denoiser denoiser) {
    this.denoiser = Objects.requireNonNull(denoiser, "denoiser");
  }

  /** The denoiser's spec. */
  public DenoiserSpec spec() {
    return denoiser.spec();
  }

  /** {@link #sample(SampleRequest, ProgressListener, CancellationToken)} without either. */
  public SampledImages sample(SampleRequest request) throws DenoiserException {
    return sample(request, null, null);
  }

  /**
   * Runs one request to the end.
   *
   * @param listener told after every step, may be null
   * @param cancel checked before every step, may be null
   * @throws IllegalArgumentException if the request does not fit the model (size, steps, glyph
   *     channels, prompt shape)
   * @throws SamplingCancelledException if cancelled or interrupted before the last step ended; no
   *     image is returned then
   * @throws DenoiserException if the network fails
   */
  public SampledImages sample(
      SampleRequest request, ProgressListener listener, CancellationToken cancel)
      throws DenoiserException {
    DenoiserSpec spec = denoiser.spec();
    check(request, spec);
    int n = request.images();
    int r = spec.unshuffle();
    int h = request.height() / r;
    int w = request.width() / r;
    int perImage = spec.modelChannels() * h * w;
    boolean guided = request.usesGuidance();
    GuidanceMode mode = request.guidanceMode();
    int batch = guided ? mode.passes() * n : n;

    Scheduler scheduler =
        request.scheduler().create(spec.scheduler(), request.steps(), request.eta());
    GaussianNoise noise = GaussianNoise.forImages(request.seed(), n);
    float[] sample = new float[n * perImage];
    noise.fill(sample);
    scale(sample, scheduler.initNoiseSigma());

    float[] input = new float[batch * perImage];
    float[] output = new float[batch * perImage];
    float[] guidedOutput = guided ? new float[n * perImage] : output;
    float[] timesteps = new float[batch];
    float[] denoised = new float[n * perImage];
    float g = (float) request.guidance();
    float gp = (float) request.promptGuidance();
    int total = scheduler.steps();

    try (ConditionedDenoiser network = denoiser.condition(conditioning(request, spec, batch))) {
      for (int i = 0; i < total; i++) {
        checkCancelled(cancel, i, total);
        float inputScale = scheduler.modelInputScale(i);
        for (int copy = 0; copy < batch / n; copy++) {
          int offset = copy * n * perImage;
          for (int j = 0; j < sample.length; j++) {
            input[offset + j] = sample[j] * inputScale;
          }
        }
        Arrays.fill(timesteps, scheduler.timestep(i));
        network.predict(input, timesteps, output);
        if (guided) {
          combine(mode, g, gp, output, guidedOutput);
        }
        scheduler.step(i, guidedOutput, sample, denoised, noise);
        if (listener != null) {
          Preview preview = new Preview(denoised, n, spec.imageChannels(), r, h, w);
          try {
            listener.onStep(i + 1, total, preview);
          } finally {
            preview.invalidate();
          }
        }
      }
    }
    float[] pixels = new float[sample.length];
    PixelShuffle.shuffle(
        sample, n, spec.imageChannels(), request.height(), request.width(), r, pixels);
    return new SampledImages(request, spec.imageChannels(), pixels);
  }

  /**
   * The guided prediction from the passes' outputs, {@code output} holding {@code mode.passes()}
   * blocks of {@code guided.length} values in the order of {@link #conditioning}; {@code gp} scales
   * the prompt's part in {@link GuidanceMode#GLYPHS} (1 in the other modes).
   */
  static void combine(GuidanceMode mode, float g, float gp, float[] output, float[] guided) {
    int block = guided.length;
    if (mode == GuidanceMode.GLYPHS) {
      for (int j = 0; j < block; j++) {
        float neither = output[j];
        float glyphs = output[block + j];
        guided[j] = neither + g * (glyphs - neither) + gp * (output[2 * block + j] - glyphs);
      }
    } else {
      for (int j = 0; j < block; j++) {
        float unconditional = output[j];
        guided[j] = unconditional + g * (output[block + j] - unconditional);
      }
    }
  }

  private static void checkCancelled(CancellationToken cancel, int completed, int total) {
    if (cancel != null && cancel.isCancelled()) {
      throw new SamplingCancelledException(completed, total, "cancelled");
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new SamplingCancelledException(completed, total, "interrupted");
    }
  }

  /**
   * The inputs fixed through the run: blocks of {@code n} rows, the unconditional one(s) first (if
   * guided), the conditional one last. Unconditional rows have the negative prompt (or none) and
   * the glyphs in mode {@link GuidanceMode#TEXT}, none in {@link GuidanceMode#TEXT_AND_GLYPHS},
   * none in the first and the glyphs in the second block of {@link GuidanceMode#GLYPHS}.
   */
  private static Conditioning conditioning(SampleRequest request, DenoiserSpec spec, int batch) {
    int n = request.images();
    int r = spec.unshuffle();
    int h = request.height() / r;
    int w = request.width() / r;
    float[] glyphs = new float[spec.condChannels() * h * w];
    PixelShuffle.unshuffle(
        request.glyphs(), 1, spec.glyphChannels(), request.height(), request.width(), r, glyphs);
    TextEmbedding prompt = request.prompt();
    TextEmbedding negative =
        request.negativePrompt() != null
            ? request.negativePrompt()
            : TextEmbedding.none(prompt.length(), prompt.dim());
    float[] cond = new float[batch * glyphs.length];
    float[] text = new float[batch * prompt.tokens().length];
    float[] mask = new float[batch * prompt.mask().length];
    GuidanceMode mode = request.guidanceMode();
    for (int row = 0; row < batch; row++) {
      boolean conditional = row >= batch - n;
      boolean glyphBlock = mode == GuidanceMode.GLYPHS && row >= n;
      if (conditional || mode == GuidanceMode.TEXT || glyphBlock) {
        System.arraycopy(glyphs, 0, cond, row * glyphs.length, glyphs.length);
      }
      TextEmbedding embedding = conditional ? prompt : negative;
      System.arraycopy(
          embedding.tokens(), 0, text, row * embedding.tokens().length, embedding.tokens().length);
      System.arraycopy(
          embedding.mask(), 0, mask, row * embedding.mask().length, embedding.mask().length);
    }
    return new Conditioning(batch, h, w, cond, text, mask);
  }

  /** What only the model can tell: sizes, steps, glyph channels, prompt shape. */
  private static void check(SampleRequest request, DenoiserSpec spec) {
    int multiple = spec.sizeMultiple();
    if (request.width() % multiple != 0 || request.height() % multiple != 0) {
      throw new IllegalArgumentException(
          "this model paints sizes that are multiples of "
              + multiple
              + " pixels; "
              + request.width()
              + "×"
              + request.height()
              + " is not");
    }
    int trainSteps = spec.scheduler().schedule().trainSteps();
    if (request.steps() > trainSteps) {
      throw new IllegalArgumentException(
          "steps must be 1.." + trainSteps + " for this model, got " + request.steps());
    }
    long glyphValues = (long) spec.glyphChannels() * request.width() * request.height();
    if (request.glyphs().length != glyphValues) {
      throw new IllegalArgumentException(
          "glyphs have "
              + request.glyphs().length
              + " values; this model takes "
              + spec.glyphChannels()
              + " channel(s) of "
              + request.width()
              + "×"
              + request.height()
              + " = "
              + glyphValues);
    }
    TextEmbedding prompt = request.prompt();
    if (prompt.length() != spec.textTokens() || prompt.dim() != spec.textDim()) {
      throw new IllegalArgumentException(
          "the prompt embedding is "
              + prompt.length()
              + "×"
              + prompt.dim()
              + "; this model takes "
              + spec.textTokens()
              + " tokens of "
              + spec.textDim());
    }
  }

  private static void scale(float[] values, float factor) {
    if (factor != 1f) {
      for (int j = 0; j < values.length; j++) {
        values[j] *= factor;
      }
    }
  }
}
