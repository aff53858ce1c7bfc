package io.glyphwright.eval.colour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.onnx.OnnxOptions;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.pkg.TinyGlyphUnetPackage;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.HeuristicPlanner;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColourAdherenceEvalTest {
  @Test
  void judgesEachGeneratedImageAndSummarises(@TempDir Path dir) throws Exception {
    GlyphUnetPackage pkg =
        GlyphUnetPackage.load(TinyGlyphUnetPackage.write(dir.resolve("models"), "tiny"));
    GlyphRenderer renderer = GlyphRenderer.system();
    List<ColourAdherence.Prompt> prompts = ColourAdherence.prompts(3, 11);
    List<String> lines = new ArrayList<>();
    try (Generator generator = Generator.open(pkg, OnnxOptions.defaults(), renderer, null)) {
      List<ColourAdherenceEval.Row> rows =
          ColourAdherenceEval.run(
              prompts,
              new HeuristicPlanner(renderer),
              renderer,
              generator,
              new ColourAdherenceEval.Settings(
                  TinyGlyphUnetPackage.RESOLUTION, 2, 3.0, "ddim", 100),
              dir.resolve("images"),
              lines::add);
      assertEquals(3, rows.size());
      assertEquals(3, lines.size());
      for (int i = 0; i < 3; i++) {
        ColourAdherenceEval.Row row = rows.get(i);
        assertEquals(100 + i, row.seed());
        Path png = dir.resolve("images").resolve(prompts.get(i).id() + ".png");
        BufferedImage image = ImageIO.read(png.toFile());
        BufferedImage mask = renderer.render(planLayout(renderer, prompts.get(i))).mask();
        // The verdict is the one the written image gives.
        assertEquals(
            ColourAdherence.dominantOutside(image, mask, ColourAdherenceEval.MARGIN, 2),
            row.found());
        assertEquals(row.found().colour().equals(row.prompt().colour()), row.match());
        assertTrue(lines.get(i).contains("asked " + row.prompt().colour()), lines.get(i));
      }
      Map<String, Object> summary = ColourAdherenceEval.summary(rows);
      assertEquals(3, summary.get("prompts"));
      double match = (double) summary.get("match");
      assertEquals(
          rows.stream().filter(ColourAdherenceEval.Row::match).count() / 3.0, match, 1e-12);
      assertTrue((double) summary.get("familyMatch") >= match);
    }
    assertTrue(Files.isDirectory(dir.resolve("images")));
  }

  private static io.glyphwright.core.Layout planLayout(
      GlyphRenderer renderer, ColourAdherence.Prompt p) {
    return new HeuristicPlanner(renderer)
        .plan(
            new io.glyphwright.layout.PlanRequest(
                p.prompt(),
                new io.glyphwright.core.Canvas(
                    TinyGlyphUnetPackage.RESOLUTION, TinyGlyphUnetPackage.RESOLUTION)))
        .layout();
  }
}
