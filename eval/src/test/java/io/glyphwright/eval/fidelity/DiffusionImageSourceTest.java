package io.glyphwright.eval.fidelity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.pkg.TinyGlyphUnetPackage;
import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.report.FidelityOutputs;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.HeuristicPlanner;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The harness on a tiny random UNet package made at test time (not a trained model). */
class DiffusionImageSourceTest {
  private static final GlyphRenderer RENDERER = GlyphRenderer.system();
  private static final int SIDE = TinyGlyphUnetPackage.RESOLUTION;
  private static final List<EvalPrompt> PROMPTS =
      List.of(
          new EvalPrompt("en", "A sign that says 'OPEN'", List.of("OPEN"), Language.EN),
          new EvalPrompt("zh", "一张写着'出口'的标志", List.of("出口"), Language.ZH));

  @TempDir static Path dir;
  private static GlyphUnetPackage pkg;
  private static OcrEngine ppocr;

  @BeforeAll
  static void open() throws Exception {
    pkg = GlyphUnetPackage.load(TinyGlyphUnetPackage.write(dir, "tiny-unet"));
    ppocr = OcrEngines.open("ppocr");
  }

  @AfterAll
  static void close() {
    ppocr.close();
  }

  private static OnnxOptions cpu() {
    return OnnxOptions.defaults().withIntraOpThreads(1);
  }

  private static TextFidelityEval eval(ImageSource source, List<String> progress) {
    return TextFidelityEval.builder()
        .setPlanner(new HeuristicPlanner(RENDERER))
        .setRenderer(RENDERER)
        .setSource(source)
        .setJudge(new OcrJudge(ppocr))
        .optCanvas(new Canvas(SIDE, SIDE))
        .optSeeds(2)
        .optWarmUp(false)
        .optProgress(progress::add)
        .build();
  }

  @Test
  void theHarnessJudgesGeneratedImagesAndTheReportNamesModelAndSettings() throws Exception {
    try (Generator g = Generator.open(pkg, cpu())) {
      DiffusionImageSource source =
          new DiffusionImageSource(
              g, new DiffusionImageSource.Settings(2, 3.0, "DDIM", 1), "ignored");
      List<String> progress = new ArrayList<>();
      FidelityResult run = eval(source, progress).run(PROMPTS);

      assertEquals(4, run.samples().size());
      for (FidelitySample s : run.samples()) {
        assertNull(s.error(), s::toString);
        assertTrue(s.millis().containsKey(Stage.GENERATE), s.millis()::toString);
      }
      assertEquals(4, source.seconds().size());
      assertEquals("diffusion", run.config().source());
      assertEquals("tiny-unet", run.config().sourceSettings().get("model"));
      assertEquals(pkg.onnxSha256(), run.config().sourceSettings().get("model_sha256"));
      assertEquals("ddim", run.config().sourceSettings().get("scheduler"), "canonical name");
      assertEquals(1, run.config().sourceSettings().get("best_of"));

      Path out = dir.resolve("report");
      Path html = FidelityOutputs.write(run, out);
      JsonNode m =
          JsonMapper.builder().build().readTree(Files.readString(out.resolve("metrics.json")));
      JsonNode settings = m.get("config").get("source_settings");
      assertEquals("tiny-unet", settings.get("model").stringValue());
      assertEquals(pkg.onnxSha256(), settings.get("model_sha256").stringValue());
      assertEquals(2, settings.get("steps").intValue());
      assertEquals(3.0, settings.get("guidance").doubleValue());
      assertEquals(
          "glyphs", settings.get("guidance_mode").stringValue(), "the generator's default");
      assertEquals(4, m.get("latency_ms").get("generate").get("count").intValue());
      String report = Files.readString(html);
      assertTrue(report.contains(pkg.onnxSha256()), "the report names the model's sha256");
      assertTrue(report.contains("tiny-unet"));
    }
  }

  @Test
  void theSameSeedMakesTheSamePixelsAndBestOfUsesTheTextCheck() throws Exception {
    EvalPrompt p = PROMPTS.get(0);
    try (Generator g = Generator.open(pkg, cpu(), RENDERER, new OcrTextCheck(ppocr))) {
      DiffusionImageSource source =
          new DiffusionImageSource(
              g, new DiffusionImageSource.Settings(2, 5.0, "dpm++2m", 2), ppocr.name());
      TextFidelityEval e = eval(source, new ArrayList<>());
      FidelitySample a = e.sample(p, 7);
      FidelitySample b = e.sample(p, 7);
      assertNull(a.error(), a::toString);
      assertArrayEquals(a.images().image(), b.images().image());
      assertEquals("ppocr-v4", source.settings().get("best_of_check"));
      BufferedImage img =
          source.image(
              p,
              RENDERER.render(
                  new HeuristicPlanner(RENDERER)
                      .plan(
                          new io.glyphwright.layout.PlanRequest(p.prompt(), new Canvas(SIDE, SIDE)))
                      .layout()),
              1);
      assertEquals(SIDE, img.getWidth());
    }
  }

  @Test
  void badSettingsAndBestOfWithoutACheckAreRefused() throws Exception {
    IllegalArgumentException steps =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DiffusionImageSource.Settings(0, 5.0, "ddim", 1));
    assertTrue(steps.getMessage().contains("steps must be 1..200"), steps.getMessage());
    IllegalArgumentException sched =
        assertThrows(
            IllegalArgumentException.class,
            () -> new DiffusionImageSource.Settings(20, 5.0, "plms", 1));
    assertTrue(sched.getMessage().contains("unknown scheduler 'plms'"), sched.getMessage());
    try (Generator g = Generator.open(pkg, cpu())) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              new DiffusionImageSource(
                  g, new DiffusionImageSource.Settings(2, 5.0, "ddim", 2), null));
    }
  }

  @Test
  void aCanvasTheModelCannotPaintIsASampleErrorNotACrash() throws Exception {
    try (Generator g = Generator.open(pkg, cpu())) {
      DiffusionImageSource source =
          new DiffusionImageSource(g, DiffusionImageSource.Settings.defaults(), null);
      FidelitySample s =
          TextFidelityEval.builder()
              .setPlanner(new HeuristicPlanner(RENDERER))
              .setRenderer(RENDERER)
              .setSource(source)
              .setJudge(new OcrJudge(ppocr))
              .optCanvas(new Canvas(36, 36))
              .optWarmUp(false)
              .build()
              .sample(PROMPTS.get(0), 0);
      assertTrue(s.error().startsWith("generate failed: "), s.error());
      assertTrue(s.error().contains("multiples of 8"), s.error());
    }
  }
}
