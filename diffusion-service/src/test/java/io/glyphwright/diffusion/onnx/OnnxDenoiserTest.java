package io.glyphwright.diffusion.onnx;

import static io.glyphwright.diffusion.NumericAssertions.assertAlmostEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.glyphwright.diffusion.sampling.ConditionedDenoiser;
import io.glyphwright.diffusion.sampling.Conditioning;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.PredictionType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

class OnnxDenoiserTest {
  private static final OnnxOptions CPU = OnnxOptions.defaults().withProvider(ExecutionProvider.CPU);

  static float[] random(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    return values;
  }

  /** Runs the denoiser once on random inputs and compares with the graph's Java formula. */
  private static void assertComputesTheTinyFormula(OnnxDenoiser unet, DenoiserSpec spec)
      throws Exception {
    int batch = 3;
    int h = 4;
    int w = 2;
    float[] cond = random(batch * spec.condChannels() * h * w, 1);
    float[] text = random(batch * spec.textTokens() * spec.textDim(), 2);
    float[] mask = {1, 1, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1};
    float[] x = random(batch * spec.modelChannels() * h * w, 3);
    float[] t = {999, 500, 0};
    float[] out = new float[x.length];
    try (ConditionedDenoiser run =
        unet.condition(new Conditioning(batch, h, w, cond, text, mask))) {
      run.predict(x, t, out);
      assertAlmostEquals(out, TinyUnet.expected(batch, h, w, x, t, cond, text, mask), 1e-5, 1e-6);
      // A second step on the same run rewrites the buffers in place.
      float[] x2 = random(x.length, 4);
      float[] t2 = {10, 20, 30};
      run.predict(x2, t2, out);
      assertAlmostEquals(out, TinyUnet.expected(batch, h, w, x2, t2, cond, text, mask), 1e-5, 1e-6);
    }
  }

  @Test
  void runsTheNetworkWithInputsBoundByName(@TempDir Path dir) throws Exception {
    try (OnnxDenoiser unet = OnnxDenoiser.load(new TinyUnet().write(dir), TinyUnet.SPEC, CPU)) {
      assertEquals(ExecutionProvider.CPU, unet.executionProvider());
      assertFalse(unet.takesInt64Timesteps());
      assertEquals(-1, unet.fixedHeight());
      assertComputesTheTinyFormula(unet, TinyUnet.SPEC);
    }
  }

  @Test
  void acceptsInt64Timesteps() throws Exception {
    try (OnnxDenoiser unet =
        OnnxDenoiser.load(new TinyUnet().int64Timesteps().bytes(), "int64-t", TinyUnet.SPEC, CPU)) {
      assertTrue(unet.takesInt64Timesteps());
      assertComputesTheTinyFormula(unet, TinyUnet.SPEC);
    }
  }

  @Test
  void autoFallsBackToCpuOnACpuBuild() throws Exception {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
    try (OnnxDenoiser unet =
        OnnxDenoiser.load(new TinyUnet().bytes(), "auto", TinyUnet.SPEC, OnnxOptions.defaults())) {
      assertEquals(ExecutionProvider.CPU, unet.executionProvider());
    }
  }

  @Test
  void requiredCudaOnACpuBuildIsAClearError() {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA));
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class,
            () ->
                OnnxDenoiser.load(
                    new TinyUnet().bytes(),
                    "cuda",
                    TinyUnet.SPEC,
                    CPU.withProvider(ExecutionProvider.CUDA)));
    assertTrue(e.getMessage().contains("no CUDA provider"), e.getMessage());
  }

  /** Run with -Dglyphwright.gpu=true under -Pgpu on a machine with a CUDA GPU. */
  @Test
  @EnabledIfSystemProperty(named = "glyphwright.gpu", matches = "true")
  void runsOnCudaWhenRequired() throws Exception {
    try (OnnxDenoiser unet =
        OnnxDenoiser.load(
            new TinyUnet().bytes(),
            "cuda",
            TinyUnet.SPEC,
            CPU.withProvider(ExecutionProvider.CUDA))) {
      assertEquals(ExecutionProvider.CUDA, unet.executionProvider());
      assertComputesTheTinyFormula(unet, TinyUnet.SPEC);
    }
  }

  private static String refusal(TinyUnet model, DenoiserSpec spec) {
    return assertThrows(
            ModelLoadException.class, () -> OnnxDenoiser.load(model.bytes(), "bad", spec, CPU))
        .getMessage();
  }

  @Test
  void refusesAModelWithOtherInputNames() {
    String message = refusal(new TinyUnet().renameInput("cond", "glyphs"), TinyUnet.SPEC);
    assertTrue(
        message.startsWith("UNet bad: its inputs are [glyphs, t, text, text_mask, x]"), message);
    assertTrue(message.contains("missing [cond]"), message);
    assertTrue(message.contains("unexpected [glyphs]"), message);
    assertTrue(message.contains("docs/SAMPLING.md"), message);
  }

  @Test
  void refusesAnOutputThatDoesNotNameThePredictionType() {
    String message =
        refusal(
            new TinyUnet(),
            new DenoiserSpec(
                3,
                4,
                1,
                4,
                8,
                16,
                TinyUnet.SPEC.scheduler().withPrediction(PredictionType.V_PREDICTION)));
    assertTrue(message.contains("one output named 'v'"), message);
    assertTrue(message.contains("it has [eps]"), message);
  }

  @Test
  void refusesChannelsThatDisagreeWithTheSpec() {
    String message = refusal(new TinyUnet().modelChannels(12), TinyUnet.SPEC);
    assertTrue(message.contains("axis 1 of 'x' is 12"), message);
    assertTrue(message.contains("C·r² = 48"), message);
  }

  @Test
  void refusesAFixedBatchAxis() {
    String message = refusal(new TinyUnet().fixedBatch(1), TinyUnet.SPEC);
    assertTrue(message.contains("batch axis"), message);
    assertTrue(message.contains("dynamic"), message);
  }

  @Test
  void refusesAWrongElementType() {
    String message = refusal(new TinyUnet().doubleSample(), TinyUnet.SPEC);
    assertTrue(message.contains("'x' must be float32 of rank 4, it is float64"), message);
  }

  @Test
  void refusesMissingAndDamagedFiles(@TempDir Path dir) throws Exception {
    ModelLoadException missing =
        assertThrows(
            ModelLoadException.class,
            () -> OnnxDenoiser.load(dir.resolve("none.onnx"), TinyUnet.SPEC, CPU));
    assertTrue(missing.getMessage().endsWith("none.onnx: no such file"), missing.getMessage());
    Path damaged = dir.resolve("damaged.onnx");
    byte[] bytes = new TinyUnet().bytes();
    Files.write(damaged, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    ModelLoadException e =
        assertThrows(
            ModelLoadException.class, () -> OnnxDenoiser.load(damaged, TinyUnet.SPEC, CPU));
    assertTrue(e.getMessage().contains("ONNX Runtime cannot load it"), e.getMessage());
  }

  @Test
  void aNetworkExportedAtAFixedSizeRefusesOtherSizes() throws Exception {
    try (OnnxDenoiser unet =
        OnnxDenoiser.load(new TinyUnet().fixedSize(8, 8).bytes(), "fixed", TinyUnet.SPEC, CPU)) {
      assertEquals(8, unet.fixedHeight());
      DenoiserSpec spec = TinyUnet.SPEC;
      Conditioning wrong =
          new Conditioning(
              1,
              4,
              4,
              new float[spec.condChannels() * 16],
              new float[spec.textTokens() * spec.textDim()],
              new float[spec.textTokens()]);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> unet.condition(wrong));
      assertEquals("this UNet was exported for 32×32 pixels; asked for 16×16", e.getMessage());
    }
  }

  @Test
  void conditioningOfTheWrongLengthIsRefused() throws Exception {
    try (OnnxDenoiser unet = OnnxDenoiser.load(new TinyUnet().bytes(), "m", TinyUnet.SPEC, CPU)) {
      Conditioning wrong = new Conditioning(1, 2, 2, new float[3], new float[32], new float[4]);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> unet.condition(wrong));
      assertEquals("glyphs has 3 values, the denoiser expects 64", e.getMessage());
    }
  }

  @Test
  void aClosedDenoiserRefusesWork() throws Exception {
    OnnxDenoiser unet = OnnxDenoiser.load(new TinyUnet().bytes(), "m", TinyUnet.SPEC, CPU);
    unet.close();
    unet.close();
    Conditioning c = new Conditioning(1, 1, 1, new float[16], new float[32], new float[4]);
    assertThrows(IllegalStateException.class, () -> unet.condition(c));
  }

  @Test
  void executionProvidersLookUpByName() {
    assertEquals(ExecutionProvider.CUDA, ExecutionProvider.lookup("GPU"));
    assertEquals(ExecutionProvider.AUTO, ExecutionProvider.lookup("auto"));
    assertThrows(IllegalArgumentException.class, () -> ExecutionProvider.lookup("tpu"));
    assertThrows(IllegalArgumentException.class, () -> CPU.withIntraOpThreads(0));
  }
}
