package io.glyphwright.diffusion.export;

import static io.glyphwright.diffusion.NumericAssertions.assertAlmostEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import io.glyphwright.diffusion.model.DjlDenoiser;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.TinyUnets;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.onnx.ExecutionProvider;
import io.glyphwright.diffusion.onnx.ModelLoadException;
import io.glyphwright.diffusion.onnx.OnnxDenoiser;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.sampling.ConditionedDenoiser;
import io.glyphwright.diffusion.sampling.Conditioning;
import io.glyphwright.diffusion.sampling.Denoiser;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.PredictionType;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnetOnnxExporterTest {
  private static final int TOKENS = 6;
  private static final OnnxOptions CPU =
      OnnxOptions.defaults().withProvider(ExecutionProvider.CPU).withIntraOpThreads(1);

  private static float[] predict(Denoiser d, Conditioning c, float[] x, float[] t)
      throws Exception {
    float[] out = new float[x.length];
    try (ConditionedDenoiser run = d.condition(c)) {
      run.predict(x, t, out);
    }
    return out;
  }

  private static Conditioning conditioning(DenoiserSpec spec, int batch, int h, int w) {
    float[] mask = new float[batch * TOKENS];
    for (int row = 0; row < batch; row++) {
      for (int k = 0; k < TOKENS - 2 * row; k++) {
        mask[row * TOKENS + k] = 1f; // row 0 full, row 1 padded, row 2 shorter still
      }
    }
    return new Conditioning(
        batch,
        h,
        w,
        TinyUnets.uniform(21, batch * spec.condChannels() * h * w),
        TinyUnets.gaussian(22, batch * TOKENS * spec.textDim()),
        mask);
  }

  @Test
  void onnxRuntimeComputesWhatDjlComputesOnARandomTinyUnet(@TempDir Path dir) throws Exception {
    UnetConfig config = TinyUnets.config();
    GlyphUnet unet = new GlyphUnet(config, 7);
    SchedulerConfig scheduler = SchedulerConfig.defaults();
    DenoiserSpec spec = config.denoiserSpec(TOKENS, scheduler);
    Path file = dir.resolve("unet.onnx");
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      UnetOnnxExporter.write(unet, PredictionType.EPSILON, Map.of("kind", "glyph-unet"), file);
      DjlDenoiser djl = new DjlDenoiser(unet, spec, m);
      try (OnnxDenoiser ort = OnnxDenoiser.load(file, spec, CPU)) {
        // Two sizes through the same file: height and width are dynamic axes.
        for (int[] size : new int[][] {{8, 8}, {4, 12}}) {
          int batch = 3;
          int h = size[0];
          int w = size[1];
          Conditioning c = conditioning(spec, batch, h, w);
          float[] x = TinyUnets.gaussian(23, batch * spec.modelChannels() * h * w);
          float[] t = {0f, 431f, 999f};
          float[] expected = predict(djl, c, x, t);
          float[] actual = predict(ort, c, x, t);
          assertAlmostEquals(actual, expected, 0, 1e-4);
          double magnitude = 0;
          for (float v : expected) {
            magnitude = Math.max(magnitude, Math.abs(v));
          }
          assertTrue(magnitude > 0.1, "outputs too small to compare: " + magnitude);
        }
      }
    }
  }

  @Test
  void theExportedGraphCarriesTheContractNamesAndMetadata() {
    UnetConfig config = TinyUnets.config();
    GlyphUnet unet = new GlyphUnet(config, 7);
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      ModelProto model =
          UnetOnnxExporter.toModel(unet, PredictionType.V_PREDICTION, Map.of("prediction", "v"));
      assertEquals(
          OnnxDenoiser.INPUTS,
          model.getGraph().getInputList().stream()
              .map(v -> v.getName())
              .collect(java.util.stream.Collectors.toSet()));
      assertEquals("v", model.getGraph().getOutput(0).getName());
      assertEquals("v", model.getMetadataProps(0).getValue());
      assertEquals(OnnxGraph.OPSET, model.getOpsetImport(0).getVersion());
    }
  }

  @Test
  void theSamplersDenoiserRefusesAModelExportedForAnotherPredictionType(@TempDir Path dir)
      throws Exception {
    UnetConfig config = TinyUnets.config();
    GlyphUnet unet = new GlyphUnet(config, 7);
    Path file = dir.resolve("eps.onnx");
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      UnetOnnxExporter.write(unet, PredictionType.EPSILON, Map.of(), file);
    }
    DenoiserSpec vSpec =
        config.denoiserSpec(
            TOKENS, SchedulerConfig.defaults().withPrediction(PredictionType.V_PREDICTION));
    ModelLoadException e =
        assertThrows(ModelLoadException.class, () -> OnnxDenoiser.load(file, vSpec, CPU).close());
    assertTrue(e.getMessage().contains("'v'"), e.getMessage());
    assertTrue(Files.size(file) > 100_000, "weights are in the file");
  }

  @Test
  void aFailedWriteLeavesWhatIsAtTheTargetAndNoTemporaryFile(@TempDir Path dir) throws Exception {
    UnetConfig config = TinyUnets.config();
    GlyphUnet unet = new GlyphUnet(config, 7);
    Path old = dir.resolve("old.onnx");
    // The target is a folder holding a file: the graph is written whole to its temporary file,
    // and then the rename over the target fails.
    Path taken = dir.resolve("taken.onnx");
    Path inside = Files.writeString(Files.createDirectories(taken).resolve("keep.txt"), "kept");
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      UnetOnnxExporter.write(unet, PredictionType.EPSILON, Map.of(), old);
      assertThrows(
          IOException.class,
          () -> UnetOnnxExporter.write(unet, PredictionType.EPSILON, Map.of(), taken));
    }
    assertTrue(Files.isDirectory(taken), "the folder is still there");
    assertEquals("kept", Files.readString(inside));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("old.onnx", "taken.onnx"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary file left");
    }
    if (Files.getFileStore(old).supportsFileAttributeView(PosixFileAttributeView.class)) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    }
  }
}
