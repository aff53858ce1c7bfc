package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.pkg.TinyGlyphUnetPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code eval colours} on a tiny random UNet package made at test time (not a trained model). */
class EvalColoursCommandTest {
  @Test
  void writesOneImageAndOneRowPerPromptAndTheMatchRate(@TempDir Path dir) throws Exception {
    Path model = TinyGlyphUnetPackage.write(dir, "tiny-unet");
    Path out = dir.resolve("colours");
    GenerateCommandTest.Run run =
        GenerateCommandTest.run(
            "eval",
            "colours",
            "--out",
            out.toString(),
            "--model",
            model.toString(),
            "--count",
            "3",
            "--steps",
            "2",
            "--prompt-guidance",
            "2",
            "--planner",
            "heuristic");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("colour match "), run.out());
    List<String> rows = Files.readAllLines(out.resolve("rows.jsonl"));
    assertEquals(3, rows.size());
    Map<?, ?> metrics =
        JsonMapper.builder().build().readValue(out.resolve("metrics.json").toFile(), Map.class);
    assertEquals(3, metrics.get("prompts"));
    assertEquals("tiny-unet", metrics.get("model"));
    assertEquals(2.0, ((Map<?, ?>) metrics.get("settings")).get("promptGuidance"));
    long matched =
        rows.stream()
            .map(r -> JsonMapper.builder().build().readValue(r, Map.class))
            .filter(r -> Boolean.TRUE.equals(r.get("match")))
            .count();
    assertEquals(matched / 3.0, ((Number) metrics.get("match")).doubleValue(), 1e-12);
    try (var images = Files.list(out.resolve("images"))) {
      assertEquals(3, images.count());
    }
  }

  @Test
  void badSettingsAreOneLineErrors(@TempDir Path dir) throws Exception {
    Path model = TinyGlyphUnetPackage.write(dir, "tiny-unet");
    GenerateCommandTest.Run run =
        GenerateCommandTest.run(
            "eval",
            "colours",
            "--out",
            dir.resolve("o").toString(),
            "--model",
            model.toString(),
            "--steps",
            "0");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().startsWith("glyphwright eval colours: "), run.err());
    assertTrue(run.err().contains("steps"), run.err());
    run =
        GenerateCommandTest.run(
            "eval",
            "colours",
            "--out",
            dir.resolve("o").toString(),
            "--model",
            model.toString(),
            "--count",
            "0");
    assertEquals(2, run.code(), run.err());
    assertTrue(run.err().contains("count must be 1..10000"), run.err());
  }
}
