package io.glyphwright.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.fidelity.FidelityConfig;
import io.glyphwright.eval.fidelity.FidelityResult;
import io.glyphwright.eval.fidelity.FidelitySample;
import io.glyphwright.eval.fidelity.Stage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class FidelityOutputsTest {
  @TempDir Path dir;

  @Test
  void writesMetricsSamplesAndReportForAKnownRun() throws Exception {
    FidelityResult run = io.glyphwright.eval.fidelity.FidelityResultTest.knownRun();
    Path report = FidelityOutputs.write(run, dir);

    JsonNode m = Json.MAPPER.readTree(Files.readString(dir.resolve("metrics.json")));
    OutputAssertions.assertMetricsSchema(m);
    assertEquals(0.4, m.get("overall").get("ocr_accuracy").doubleValue(), 1e-6);
    assertEquals(5, m.get("counts").get("samples").intValue());
    assertEquals(1, m.get("counts").get("errors").intValue());
    assertTrue(m.get("latency_ms").get("generate").isNull());

    List<String> lines = Files.readAllLines(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8);
    assertEquals(5, lines.size());
    JsonNode b = Json.MAPPER.readTree(lines.get(1));
    assertEquals("b", b.get("id").stringValue());
    assertFalse(b.get("all_exact").booleanValue());
    assertEquals("RUN EASTER", b.get("lines").get(0).get("read").stringValue());
    assertEquals("none", b.get("lines").get(0).get("match").stringValue());
    assertEquals("plan failed: x", Json.MAPPER.readTree(lines.get(4)).get("error").stringValue());

    String html = Files.readString(report);
    OutputAssertions.assertSelfContained(html);
    assertTrue(html.contains("Misses (3)"), "the three misses are listed");
    assertTrue(html.contains("RUN EASTER"));
  }

  @Test
  void htmlEscapesWhatPromptsAndReadsHold() throws Exception {
    EvalPrompt p =
        new EvalPrompt("x<1>", "A sign with '<b>&</b>'", List.of("<b>&</b>"), Language.EN);
    FidelitySample s =
        new FidelitySample(
            p,
            0,
            null,
            List.of(),
            List.of(),
            null,
            null,
            Map.of(Stage.PLAN, 1.0),
            "plan failed: <oops>",
            null);
    FidelityOutputs.write(
        new FidelityResult(new FidelityConfig("p", "mask", "j", "h", 1, 512, 512), List.of(s)),
        dir);
    String html = Files.readString(dir.resolve("report.html"));
    assertFalse(html.contains("<b>&</b>"));
    assertTrue(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"));
    assertFalse(html.contains("<oops>"));
  }

  @Test
  void idsThatMapToTheSameFileNameGetDistinctImages() throws Exception {
    byte[] png =
        Png.encode(
            new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB));
    List<FidelitySample> samples = new ArrayList<>();
    for (String id : List.of("a/b", "a_b")) {
      EvalPrompt p = new EvalPrompt(id, "A sign that says 'X'", List.of("X"), Language.EN);
      samples.add(
          new FidelitySample(
              p,
              0,
              null,
              List.of(),
              List.of(),
              null,
              null,
              Map.of(),
              "judge failed: test",
              new FidelitySample.SampleImages(png, png)));
    }
    FidelityOutputs.write(
        new FidelityResult(new FidelityConfig("p", "mask", "j", "h", 1, 16, 16), samples), dir);
    List<String> lines = Files.readAllLines(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8);
    String first = Json.MAPPER.readTree(lines.get(0)).get("images").get("image").stringValue();
    String second = Json.MAPPER.readTree(lines.get(1)).get("images").get("image").stringValue();
    assertEquals("images/a_b_s0_image.png", first);
    assertEquals("images/a_b-2_s0_image.png", second);
    assertTrue(Files.isRegularFile(dir.resolve(second)));
  }
}
