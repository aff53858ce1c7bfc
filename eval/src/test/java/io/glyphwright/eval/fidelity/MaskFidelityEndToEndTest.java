package io.glyphwright.eval.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.PromptFile;
import io.glyphwright.eval.TestFiles;
import io.glyphwright.eval.match.LineVerdict;
import io.glyphwright.eval.metrics.FidelityScores;
import io.glyphwright.eval.metrics.WordCounts;
import io.glyphwright.eval.report.FidelityOutputs;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.HeuristicPlanner;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import java.nio.charset.StandardCharsets;
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

/**
 * The whole pipeline with the real planner, renderer and OCR engines. The PP-OCR models must be in
 * the cache ({@code ./glyphwright setup}, which {@code ./glyphwright test} runs first); without
 * them these tests fail with the setup message.
 */
class MaskFidelityEndToEndTest {
  private static final GlyphRenderer RENDERER = GlyphRenderer.system();
  private static OcrEngine ppocr;
  private static OcrEngine tesseract;

  @TempDir Path dir;

  @BeforeAll
  static void open() {
    ppocr = OcrEngines.open("ppocr");
    tesseract = OcrEngines.open("tesseract");
  }

  @AfterAll
  static void close() {
    ppocr.close();
    tesseract.close();
  }

  private static TextFidelityEval eval(OcrEngine engine, List<String> progress) {
    return TextFidelityEval.builder()
        .setPlanner(new HeuristicPlanner(RENDERER))
        .setRenderer(RENDERER)
        .setSource(new MaskImageSource())
        .setJudge(new OcrJudge(engine))
        .optWarmUp(false)
        .optProgress(progress::add)
        .build();
  }

  @Test
  void exactMasksScoreOneInEveryLanguageAndTheOutputsAreComplete() throws Exception {
    List<EvalPrompt> prompts = PromptFile.read(TestFiles.resource("tiny-prompts.jsonl"));
    List<String> progress = new ArrayList<>();
    FidelityResult run = eval(ppocr, progress).run(prompts);

    for (FidelitySample s : run.samples()) {
      assertTrue(s.matching().allExact(), () -> s.prompt().id() + " " + s.matching());
    }
    FidelityScores all = run.overall();
    assertEquals(1.0, all.ocrAccuracy());
    assertEquals(1.0, all.sentenceAccuracy());
    assertEquals(1.0, all.ned());
    for (Language lang : Language.values()) {
      assertEquals(1, run.byLanguage().get(lang).samples());
      assertEquals(1.0, run.byLanguage().get(lang).ocrAccuracy(), lang.code());
    }
    // Chinese words are characters and the mixed texts are single words, so no word gap is
    // involved; English word counts also depend on the judge finding the gaps (docs/EVAL.md).
    assertEquals(1.0, run.byLanguage().get(Language.ZH).words().f1());
    assertEquals(1.0, run.byLanguage().get(Language.MIXED).words().f1());
    assertEquals(3, progress.size());
    assertTrue(
        progress.get(0).startsWith("[1/3] tiny-en seed 0: 2/2 texts read exactly"),
        progress.get(0));

    Path report = FidelityOutputs.write(run, dir);
    JsonNode m =
        JsonMapper.builder().build().readTree(Files.readString(dir.resolve("metrics.json")));
    io.glyphwright.eval.report.OutputAssertions.assertMetricsSchema(m);
    assertEquals("ppocr-v4", m.get("config").get("judge").stringValue());
    assertEquals(1.0, m.get("by_language").get("zh").get("sentence_accuracy").doubleValue());
    assertEquals(3, m.get("latency_ms").get("judge").get("count").intValue());
    assertEquals(
        3, Files.readAllLines(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8).size());
    for (String kind : List.of("image", "mask", "ocr")) {
      assertTrue(Files.isRegularFile(dir.resolve("images/tiny-zh_s0_" + kind + ".png")), kind);
    }
    String html = Files.readString(report);
    io.glyphwright.eval.report.OutputAssertions.assertSelfContained(html);
    assertEquals(9, html.split("src=\"data:image/png;base64,", -1).length - 1, "3 images × 3");
    assertTrue(html.contains("新年快乐"));
  }

  @Test
  void aMaskWithAKnownMisspellingScoresBelowOne() {
    // The planner draws what the prompt quotes, SALF; the prompt file asks for SALE.
    EvalPrompt typo =
        new EvalPrompt(
            "typo", "A poster that says 'SUMMER SALF'", List.of("SUMMER SALE"), Language.EN);
    FidelityResult run = eval(ppocr, new ArrayList<>()).run(List.of(typo));
    FidelitySample s = run.samples().get(0);
    LineVerdict v = s.matching().lines().get(0);
    assertFalse(v.exact());
    assertEquals("SUMMER SALF", v.bestRead(), "the judge reads what was drawn");
    assertEquals(0.9, v.ned(), 1e-12, "one letter of ten");
    FidelityScores all = run.overall();
    assertEquals(0.0, all.ocrAccuracy());
    assertEquals(0.0, all.sentenceAccuracy());
    assertEquals(new WordCounts(2, 2, 1), all.words());
    assertEquals(0.5, all.words().f1(), 1e-12);
  }

  @Test
  void tesseractJudgesTooAndAPlannerThatDropsATextIsCharged() {
    EvalPrompt p =
        new EvalPrompt(
            "partial", "A sign that says 'OPEN'", List.of("OPEN", "24 HOURS"), Language.EN);
    FidelityResult run = eval(tesseract, new ArrayList<>()).run(List.of(p));
    FidelitySample s = run.samples().get(0);
    assertEquals("tesseract", run.config().judge());
    assertTrue(s.matching().lines().get(0).exact(), () -> s.matching().toString());
    assertFalse(s.matching().lines().get(1).exact(), "never drawn, so never read");
    assertEquals(0.5, run.overall().sentenceAccuracy());
  }
}
