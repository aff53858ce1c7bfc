package io.glyphwright.diffusion.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.onnx.ExecutionProvider;
import io.glyphwright.diffusion.onnx.OnnxDenoiser;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.text.PromptEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnetTrainerTest {
  /** r = 2, two levels: the network runs at 16×16 for 32×32 images. */
  static final UnetConfig TINY =
      new UnetConfig(2, 3, 1, 16, List.of(1, 2), 1, 32, PromptEncoder.WIDTH, 4, true);

  @TempDir static Path shared;
  static Path corpus;

  @BeforeAll
  static void makeCorpus() {
    corpus = TinyCorpus.path();
  }

  static UnetTrainer.Builder tiny(Path out, long steps) {
    return UnetTrainer.builder()
        .setCorpus(corpus)
        .setOutput(out)
        .optUnet(TINY)
        .optSize(32)
        .optBatchSize(4)
        .optSteps(steps)
        .optWarmupSteps(2)
        .optLearningRate(1e-3)
        .optGridSamples(2)
        .optGridSteps(2)
        .optSampleEvery(0)
        .optCheckpointEvery(2)
        .optLogEvery(100)
        .optMaxTokens(8)
        .optSeed(42)
        .optProgress(line -> {});
  }

  private static List<String> lossRows(Path out) throws IOException {
    return Files.readAllLines(out.resolve("loss.csv"));
  }

  /** Loss columns only (the last column is wall time). */
  private static List<String> losses(Path out) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : lossRows(out)) {
      rows.add(line.substring(0, line.lastIndexOf(',')));
    }
    return rows;
  }

  @Test
  void aResumedRunEndsWithTheWeightsOfARunThatNeverStopped(@TempDir Path dir) throws Exception {
    Path straight = dir.resolve("straight");
    tiny(straight, 4).optExport(false).build().run();
    Path stopped = dir.resolve("stopped");
    tiny(stopped, 2).optExport(false).build().run();
    TrainingResult resumed = tiny(stopped, 4).optExport(false).optResume(true).build().run();
    assertEquals(3, resumed.firstStep());

    for (String file : List.of(Checkpoints.MODEL, Checkpoints.EMA, Checkpoints.OPTIMIZER)) {
      assertArrayEquals(
          Files.readAllBytes(straight.resolve("checkpoints/step-00000004").resolve(file)),
          Files.readAllBytes(stopped.resolve("checkpoints/step-00000004").resolve(file)),
          file + " differs after resuming");
    }
    assertEquals(losses(straight), losses(stopped));
    assertEquals(5, lossRows(stopped).size(), "header and one row per step");
  }

  @Test
  void aWarmStartLoadsTheSavedWeightsAndLeavesBlocksAddedSinceAsInitialised(@TempDir Path dir)
      throws Exception {
    Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
    try (NDManager root = engine.newBaseManager()) {
      GlyphUnet saved = new GlyphUnet(TINY.withZeroInit(false), 1);
      saved.initialize(root);
      List<Parameter> savedParams = saved.getParameters().values();
      int n = savedParams.size();
      // An older network: every parameter but the last block's two (weight and bias).
      NDList older = new NDList();
      NDList olderEma = new NDList();
      for (int i = 0; i < n - 2; i++) {
        older.add(savedParams.get(i).getArray());
        olderEma.add(savedParams.get(i).getArray().mul(2f));
      }
      Checkpoints checkpoints = new Checkpoints(dir, 2);
      checkpoints.save(
          new Checkpoints.State(7, 7, Map.of()),
          older,
          olderEma,
          new NDList(root.zeros(new Shape(1))));
      Path step = dir.resolve("step-00000007");

      GlyphUnet grown = new GlyphUnet(TINY.withZeroInit(false), 2);
      grown.initialize(root);
      List<Parameter> params = grown.getParameters().values();
      float[] lastBefore = params.get(n - 1).getArray().toFloatArray();
      Ema ema = new Ema(params, root, 0.999f);
      assertEquals(n - 2, UnetTrainer.warmStart(checkpoints, step, params, ema, root));
      for (int i = 0; i < n - 2; i++) {
        assertArrayEquals(
            savedParams.get(i).getArray().toFloatArray(), params.get(i).getArray().toFloatArray());
      }
      assertArrayEquals(lastBefore, params.get(n - 1).getArray().toFloatArray());
      // The EMA takes the saved averages, the new block its own values.
      ema.copyInto(saved.getParameters().values());
      assertArrayEquals(
          olderEma.get(0).toFloatArray(),
          saved.getParameters().values().get(0).getArray().toFloatArray());
      assertArrayEquals(
          lastBefore, saved.getParameters().values().get(n - 1).getArray().toFloatArray());

      // A network whose shapes differ is refused, naming the parameter.
      NDList wrong = new NDList();
      wrong.add(root.zeros(new Shape(3, 5)));
      checkpoints.save(
          new Checkpoints.State(8, 8, Map.of()),
          wrong,
          wrong,
          new NDList(root.zeros(new Shape(1))));
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  UnetTrainer.warmStart(
                      checkpoints, dir.resolve("step-00000008"), params, ema, root));
      assertTrue(e.getMessage().contains("does not fit this network"), e.getMessage());
      assertThrows(
          IllegalArgumentException.class,
          () -> UnetTrainer.warmStart(checkpoints, dir, params, ema, root));
    }
  }

  @Test
  void theLeakPenaltyTrainsOnPairedRowsAndIsPartOfTheRecipe(@TempDir Path dir) throws Exception {
    TrainingResult r = tiny(dir, 2).optExport(false).optLeakWeight(2).build().run();
    assertEquals(2, r.lastStep());
    String state = Files.readString(dir.resolve("checkpoints/step-00000002/state.json"));
    assertTrue(state.contains("\"leakWeight\" : 2.0"), state);
    assertEquals(3, lossRows(dir).size(), "header and one row per step");
    assertThrows(
        IllegalArgumentException.class,
        () -> tiny(dir.resolve("odd"), 2).optBatchSize(3).optLeakWeight(1).build().run());
    assertThrows(IllegalArgumentException.class, () -> UnetTrainer.builder().optLeakWeight(-1));
  }

  @Test
  void trainOnlyUpdatesTheNamedBlocksAndLeavesEveryOtherParameterAsInitialised(@TempDir Path dir)
      throws Exception {
    tiny(dir, 2).optExport(false).optTrainOnly(List.of("promptShift")).build().run();
    String state = Files.readString(dir.resolve("checkpoints/step-00000002/state.json"));
    assertTrue(state.contains("\"trainOnly\" : \"promptShift\""), state);
    Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
    try (NDManager root = engine.newBaseManager()) {
      GlyphUnet fresh = new GlyphUnet(TINY, 42);
      fresh.initialize(root);
      NDList trained =
          new Checkpoints(dir.resolve("checkpoints"), 2)
              .loadWeights(dir.resolve("checkpoints/step-00000002"), root)[0];
      List<Parameter> params = fresh.getParameters().values();
      assertEquals(params.size(), trained.size());
      List<Parameter> shift = fresh.namedBlocks().get("promptShift").getParameters().values();
      int changed = 0;
      for (int i = 0; i < params.size(); i++) {
        boolean same =
            java.util.Arrays.equals(
                params.get(i).getArray().toFloatArray(), trained.get(i).toFloatArray());
        if (shift.contains(params.get(i))) {
          changed += same ? 0 : 1;
        } else {
          assertTrue(same, params.get(i).getName() + " changed but was frozen");
        }
      }
      assertEquals(shift.size(), changed, "both of promptShift's arrays train");
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                tiny(dir.resolve("bad"), 2)
                    .optExport(false)
                    .optTrainOnly(List.of("promptShift", "colourHead"))
                    .build()
                    .run());
    assertTrue(e.getMessage().contains("no block 'colourHead'"), e.getMessage());
    assertTrue(e.getMessage().contains("promptGate"), e.getMessage());
  }

  @Test
  void resumingWithAnotherRecipeIsRefusedNamingTheSetting(@TempDir Path dir) throws Exception {
    tiny(dir, 2).optExport(false).build().run();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> tiny(dir, 4).optExport(false).optResume(true).optBatchSize(2).build().run());
    assertTrue(e.getMessage().contains("batchSize = 4"), e.getMessage());
  }

  @Test
  void lossFallsAndTheRunLeavesLogGridsCheckpointsAndALoadableModel(@TempDir Path out)
      throws Exception {
    UnetTrainer trainer = tiny(out, 40).optSampleEvery(20).optCheckpointEvery(20).build();
    TrainingResult r = trainer.run();
    assertTrue(
        r.lastLoss() < 0.9 * r.firstLoss(),
        "loss " + r.firstLoss() + " -> " + r.lastLoss() + " did not fall");
    assertEquals(41, lossRows(out).size());
    assertTrue(lossRows(out).get(0).startsWith("step,loss,mse,lr"));
    for (String step : List.of("00000020", "00000040")) {
      BufferedImage grid = ImageIO.read(out.resolve("samples/step-" + step + ".png").toFile());
      assertEquals(3 * 32, grid.getWidth());
      assertEquals(2 * 32, grid.getHeight());
      assertTrue(Files.isRegularFile(out.resolve("checkpoints/step-" + step + "/state.json")));
    }
    // The model's metadata names its schedule and prediction so that they can be read back.
    Map<?, ?> meta =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readValue(out.resolve("unet.json").toFile(), java.util.Map.class);
    assertEquals("cosine", meta.get("schedule"));
    assertEquals(
        trainer.denoiserSpec().scheduler().schedule(),
        io.glyphwright.diffusion.sampling.NoiseSchedule.named(
            (String) meta.get("schedule"),
            Integer.parseInt((String) meta.get("trainSteps")),
            Double.parseDouble((String) meta.get("betaStart")),
            Double.parseDouble((String) meta.get("betaEnd"))));
    assertEquals(
        io.glyphwright.diffusion.sampling.PredictionType.V_PREDICTION,
        io.glyphwright.diffusion.sampling.PredictionType.lookup((String) meta.get("prediction")));
    try (OnnxDenoiser d =
        OnnxDenoiser.load(
            r.onnx(),
            trainer.denoiserSpec(),
            OnnxOptions.defaults().withProvider(ExecutionProvider.CPU).withIntraOpThreads(1))) {
      assertEquals(TINY.modelChannels(), d.spec().modelChannels());
      // One image through the sampler on ONNX Runtime, from a glyph mask and a prompt.
      float[] glyphs = new float[32 * 32];
      for (int p = 8 * 32; p < 12 * 32; p++) {
        glyphs[p] = 1f;
      }
      io.glyphwright.diffusion.sampling.TextEmbedding prompt;
      try (PromptEncoder encoder = PromptEncoder.create(8, 1)) {
        prompt = encoder.encode("a poster on a red background");
      }
      io.glyphwright.diffusion.sampling.SampledImages images =
          new io.glyphwright.diffusion.sampling.DiffusionSampler(d)
              .sample(
                  io.glyphwright.diffusion.sampling.SampleRequest.builder()
                      .setSize(32, 32)
                      .setGlyphs(glyphs)
                      .setPrompt(prompt)
                      .optSteps(3)
                      .optSeed(1)
                      .build());
      BufferedImage image = images.image(0);
      assertEquals(32, image.getWidth());
      for (float v : images.values(0)) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    Path out = shared.resolve("unused");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> tiny(out, 4).optSize(30).build());
    assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> tiny(out, 0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> tiny(out, 4).optTextDropout(0.7).optGlyphDropout(0.5).build());
  }
}
