package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LayoutLmTrainerTest {
  static final List<TrainingExample> EXAMPLES = examples();

  private static List<TrainingExample> examples() {
    List<TrainingExample> out = new ArrayList<>();
    String[] words = {"SALE", "OPEN", "新年快乐", "Mara Quinn", "50% OFF", "CAFE"};
    for (int i = 0; i < 24; i++) {
      String a = words[i % words.length];
      String b = words[(i * 5 + 1) % words.length];
      if (a.equals(b)) {
        out.add(new TrainingExample("A poster that says '" + a + "'", a + " 10,20,118,40\n"));
      } else {
        // The caption names b first; the layout puts a on top: training reorders to b, a.
        out.add(
            new TrainingExample(
                "A poster with the text \"" + b + "\" and \"" + a + "\"",
                a + " 10,20,118,40\n" + b + " 30,60,98,70\n"));
      }
    }
    return out;
  }

  static LayoutLmTrainer.Settings tiny(int steps) {
    return new LayoutLmTrainer.Settings(
        "layout-lm-test", steps, 4, 3e-3, 2, 0.01, 42, 16, 1, 2, 32, 96, 1, 3, 1, 2, "test");
  }

  @Test
  void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
    Path straight = dir.resolve("straight");
    Path split = dir.resolve("split");
    List<TrainingExample> val = EXAMPLES.subList(0, 4);
    new LayoutLmTrainer(tiny(7), straight, s -> {}).train(EXAMPLES, val, false);
    // Killed after step 5: the last checkpoint is step 3's, the log runs to step 5.
    assertEquals(null, new LayoutLmTrainer(tiny(7), split, s -> {}).train(EXAMPLES, val, false, 5));
    assertTrue(Files.readString(split.resolve(LayoutLmTrainer.LOG)).contains("\"step\":5,"));
    assertFalse(Files.exists(split.resolve("weights.bin")));
    LayoutLmTrainer.Result resumed =
        new LayoutLmTrainer(tiny(7), split, s -> {}).train(EXAMPLES, val, true);
    assertEquals(7, resumed.steps());
    assertEquals(4, resumed.stepsThisRun(), "steps 4 to 7 again");
    assertArrayEquals(
        Files.readAllBytes(straight.resolve("weights.bin")),
        Files.readAllBytes(split.resolve("weights.bin")));
    assertEquals(
        Files.readAllLines(straight.resolve(LayoutLmTrainer.LOG)).stream()
            .map(l -> l.replaceAll(",\"sec_per_step.*", ""))
            .toList(),
        Files.readAllLines(split.resolve(LayoutLmTrainer.LOG)).stream()
            .map(l -> l.replaceAll(",\"sec_per_step.*", ""))
            .toList(),
        "the log holds each step once, with the same losses");
  }

  @Test
  void aFolderWithACheckpointIsRefusedWithoutResumeAndOtherDataIsRefusedWithIt(@TempDir Path dir)
      throws IOException {
    new LayoutLmTrainer(tiny(3), dir, s -> {}).train(EXAMPLES, List.of(), false);
    IllegalArgumentException again =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LayoutLmTrainer(tiny(3), dir, s -> {}).train(EXAMPLES, List.of(), false));
    assertTrue(again.getMessage().contains("--resume"), again.getMessage());
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LayoutLmTrainer(tiny(5), dir, s -> {})
                    .train(EXAMPLES.subList(1, 20), List.of(), true));
    assertTrue(other.getMessage().contains("other data"), other.getMessage());
  }

  @Test
  void trainingLowersTheLossAndWritesAPackageThePlannerLoads(@TempDir Path dir) throws IOException {
    LayoutLmTrainer.Settings s = tiny(60);
    List<String> progress = new ArrayList<>();
    LayoutLmTrainer.Result r =
        new LayoutLmTrainer(s, dir, progress::add).train(EXAMPLES, EXAMPLES.subList(0, 8), false);
    List<String> log = Files.readAllLines(dir.resolve(LayoutLmTrainer.LOG));
    JsonNode first = LayoutLmPackage.json().readTree(log.get(0));
    assertTrue(
        r.trainLoss() < first.path("loss").doubleValue() * 0.7,
        "loss fell from " + first.path("loss") + " to " + r.trainLoss());
    JsonNode model = LayoutLmPackage.json().readTree(Files.readString(dir.resolve("model.json")));
    assertEquals("layout-lm", model.path("kind").asString());
    assertEquals(60, model.path("training").path("steps_done").intValue());
    assertEquals(24, model.path("training").path("data").path("examples").intValue());
    assertEquals(
        LayoutLmPackage.sha256(dir.resolve("weights.bin")),
        model.path("files").get(0).path("sha256").asString());
    assertFalse(progress.isEmpty());

    try (LayoutLmPlanner planner = LayoutLmPlanner.load(dir, GlyphRenderer.system())) {
      PlanResult plan =
          planner.plan(
              new PlanRequest(
                  "A poster with the text \"CAFE\" and \"SALE\"", new Canvas(512, 512)));
      assertEquals(
          List.of("CAFE", "SALE"), plan.layout().lines().stream().map(TextLine::text).toList());
      assertNotEquals(plan.layout().lines().get(0).box(), plan.layout().lines().get(1).box());
    }
  }
}
