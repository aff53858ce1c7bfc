package io.glyphwright.eval.colour;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.diffusion.generate.GenerationException;
import io.glyphwright.diffusion.generate.GenerationRequest;
import io.glyphwright.diffusion.generate.GenerationResult;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Runs the colour-adherence set through a generator: each prompt planned, generated with one seed
 * ({@code seed + index}), and its dominant background colour compared with the colour asked for.
 */
public final class ColourAdherenceEval {
  /** Pixels around the glyph ink that are not counted as background. */
  public static final int MARGIN = 3;

  private ColourAdherenceEval() {}

  /**
   * The sampler settings.
   *
   * @param size the square canvas side
   * @param guidanceMode what the unconditional pass of guidance goes without; null for the
   *     generator's default
   * @param promptGuidance the prompt's scale in the glyphs mode (1 in the other modes)
   */
  public record Settings(
      int size,
      int steps,
      double guidance,
      String scheduler,
      long seed,
      GuidanceMode guidanceMode,
      double promptGuidance) {
    /**
     * @throws IllegalArgumentException with the generator's own message when a value is out of its
     *     range, the scheduler is unknown or the prompt guidance does not fit the mode
     */
    public Settings {
      GenerationRequest checked =
          new GenerationRequest(
              "",
              new Layout(new Canvas(16, 16), List.of()),
              steps,
              guidance,
              scheduler,
              0,
              1,
              1,
              guidanceMode,
              promptGuidance);
      scheduler = checked.scheduler();
      guidanceMode = checked.guidanceMode();
    }

    /** Settings with the mode's default prompt guidance. */
    public Settings(
        int size,
        int steps,
        double guidance,
        String scheduler,
        long seed,
        GuidanceMode guidanceMode) {
      this(
          size,
          steps,
          guidance,
          scheduler,
          seed,
          guidanceMode,
          GenerationRequest.defaultPromptGuidance(guidanceMode));
    }

    /** Settings with the generator's default guidance mode. */
    public Settings(int size, int steps, double guidance, String scheduler, long seed) {
      this(size, steps, guidance, scheduler, seed, null);
    }
  }

  /** One prompt's outcome. */
  public record Row(
      ColourAdherence.Prompt prompt,
      long seed,
      ColourAdherence.Found found,
      boolean match,
      boolean familyMatch,
      double seconds) {}

  /**
   * Generates every prompt and judges its colour.
   *
   * @param images where to write {@code <id>.png} for each image, or null
   */
  public static List<Row> run(
      List<ColourAdherence.Prompt> prompts,
      LayoutPlanner planner,
      GlyphRenderer renderer,
      Generator generator,
      Settings settings,
      Path images,
      Consumer<String> progress)
      throws GenerationException, IOException {
    if (images != null) {
      Files.createDirectories(images);
    }
    List<Row> rows = new ArrayList<>();
    Canvas canvas = new Canvas(settings.size(), settings.size());
    for (int i = 0; i < prompts.size(); i++) {
      ColourAdherence.Prompt p = prompts.get(i);
      long seed = settings.seed() + i;
      Layout layout = planner.plan(new PlanRequest(p.prompt(), canvas)).layout();
      GenerationRequest request =
          new GenerationRequest(
              p.prompt(),
              layout,
              settings.steps(),
              settings.guidance(),
              settings.scheduler(),
              seed,
              1,
              1,
              settings.guidanceMode(),
              settings.promptGuidance());
      long start = System.nanoTime();
      GenerationResult result = generator.generate(request, null, null);
      double seconds = (System.nanoTime() - start) / 1e9;
      BufferedImage image = result.images().get(0).image();
      BufferedImage mask = renderer.render(layout).mask();
      ColourAdherence.Found found = ColourAdherence.dominantOutside(image, mask, MARGIN, 2);
      boolean match = found.colour().equals(p.colour());
      boolean family =
          ColourAdherence.family(found.colour()).equals(ColourAdherence.family(p.colour()));
      rows.add(new Row(p, seed, found, match, family, seconds));
      if (images != null) {
        ImageIO.write(image, "png", images.resolve(p.id() + ".png").toFile());
      }
      progress.accept(
          String.format(
              Locale.ROOT,
              "%s [%d/%d] asked %s, found %s (%.0f %% of the background)%s",
              p.id(),
              i + 1,
              prompts.size(),
              p.colour(),
              found.colour(),
              100 * found.share(),
              match ? "" : family ? " (same family)" : " MISS"));
    }
    return rows;
  }

  /** Match rates overall, per language and per colour. */
  public static Map<String, Object> summary(List<Row> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("prompts", rows.size());
    out.put("match", rate(rows, true));
    out.put("familyMatch", rate(rows, false));
    Map<String, Object> perLang = new LinkedHashMap<>();
    for (String lang : List.of("en", "zh")) {
      List<Row> r = rows.stream().filter(x -> x.prompt().lang().equals(lang)).toList();
      perLang.put(lang, Map.of("prompts", r.size(), "match", rate(r, true)));
    }
    out.put("perLanguage", perLang);
    Map<String, Object> perColour = new LinkedHashMap<>();
    for (String c : ColourAdherence.COLOURS) {
      List<Row> r = rows.stream().filter(x -> x.prompt().colour().equals(c)).toList();
      Map<String, Integer> found = new LinkedHashMap<>();
      for (Row x : r) {
        found.merge(x.found().colour(), 1, Integer::sum);
      }
      perColour.put(c, Map.of("prompts", r.size(), "match", rate(r, true), "found", found));
    }
    out.put("perColour", perColour);
    out.put(
        "meanSecondsPerImage",
        rows.stream().mapToDouble(Row::seconds).average().orElse(Double.NaN));
    return out;
  }

  private static double rate(List<Row> rows, boolean strict) {
    if (rows.isEmpty()) {
      return Double.NaN;
    }
    long hits = rows.stream().filter(r -> strict ? r.match() : r.familyMatch()).count();
    return (double) hits / rows.size();
  }
}
