package io.glyphwright.cli;

import io.glyphwright.diffusion.generate.GenerationException;
import io.glyphwright.diffusion.generate.GenerationRequest;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.eval.colour.ColourAdherence;
import io.glyphwright.eval.colour.ColourAdherenceEval;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code ./glyphwright eval colours}: does the generated background take the prompt's colour? */
@Command(
    name = "colours",
    aliases = "colors",
    mixinStandardHelpOptions = true,
    description = {
      "Measure prompt adherence on colour: a seeded set of prompts that each name a background"
          + " colour (12 colours in turn, English and Chinese wording), one image each, and the"
          + " dominant colour of each image away from its text compared with the one asked for.",
      "Writes metrics.json, rows.jsonl and images/ to --out. See docs/EVAL.md."
    })
final class EvalColoursCommand implements Callable<Integer> {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
  Path out;

  @Option(
      names = "--count",
      defaultValue = "48",
      paramLabel = "N",
      description = "prompts (default ${DEFAULT-VALUE})")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "seeds the prompt set; image i uses seed + i (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--model", paramLabel = "DIR", description = "glyph-unet package folder")
  Path model;

  @Option(
      names = "--steps",
      defaultValue = "20",
      paramLabel = "N",
      description = "sampling steps (default ${DEFAULT-VALUE})")
  int steps;

  @Option(
      names = "--guidance",
      paramLabel = "G",
      description = "classifier-free guidance (default: the generator's)")
  Double guidance;

  @Option(
      names = "--scheduler",
      paramLabel = "NAME",
      description = "sampler (default: the generator's)")
  String scheduler;

  @Option(
      names = "--guidance-mode",
      paramLabel = "MODE",
      description =
          "glyphs (the prompt taken once: its colours as asked; ~1.5x the time) | text+glyphs |"
              + " text (default: the generator's, glyphs)")
  String guidanceMode;

  @Option(
      names = "--prompt-guidance",
      paramLabel = "S",
      description =
          "in the glyphs mode, the scale of the prompt's part (default 2; 1 takes it once):"
              + " higher pushes the colours the prompt names further; 0..30, glyphs mode only (1"
              + " in the others)")
  Double promptGuidance;

  @Option(
      names = "--planner",
      defaultValue = "auto",
      paramLabel = "NAME",
      description = "auto | heuristic | lm | llm (default ${DEFAULT-VALUE})")
  String planner;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "ONNX Runtime threads for the UNet and the prompt encoder (default: all cores)")
  Integer threads;

  @Override
  public Integer call() throws IOException, GenerationException {
    UnetModels.checkThreads(threads);
    List<ColourAdherence.Prompt> prompts = ColourAdherence.prompts(count, seed);
    GlyphUnetPackage pkg = UnetModels.load(model);
    GenerationRequest defaults =
        GenerationRequest.of(
            "",
            new io.glyphwright.core.Layout(new io.glyphwright.core.Canvas(16, 16), List.of()),
            0);
    GuidanceMode mode =
        guidanceMode == null ? defaults.guidanceMode() : GuidanceMode.lookup(guidanceMode);
    ColourAdherenceEval.Settings settings =
        new ColourAdherenceEval.Settings(
            pkg.resolution(),
            steps,
            guidance == null ? defaults.guidance() : guidance,
            scheduler == null ? defaults.scheduler() : scheduler,
            seed,
            mode,
            promptGuidance == null
                ? GenerationRequest.defaultPromptGuidance(mode)
                : promptGuidance);
    GlyphRenderer renderer = GlyphRenderer.system();
    LayoutPlanner chosen = EvalCommand.planner(planner, renderer);
    PrintWriter err = spec.commandLine().getErr();
    Files.createDirectories(out);
    List<ColourAdherenceEval.Row> rows;
    try (Generator generator = UnetModels.open(pkg, null, threads)) {
      rows =
          ColourAdherenceEval.run(
              prompts,
              chosen,
              renderer,
              generator,
              settings,
              out.resolve("images"),
              line -> {
                err.println("eval colours: " + line);
                err.flush();
              });
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("model", pkg.name());
    metrics.put("modelSha256", pkg.onnxSha256());
    metrics.put(
        "settings",
        Map.of(
            "size",
            settings.size(),
            "steps",
            settings.steps(),
            "guidance",
            settings.guidance(),
            "scheduler",
            settings.scheduler(),
            "guidanceMode",
            settings.guidanceMode().id(),
            "promptGuidance",
            settings.promptGuidance(),
            "seed",
            seed,
            "planner",
            planner,
            "margin",
            ColourAdherenceEval.MARGIN));
    metrics.putAll(ColourAdherenceEval.summary(rows));
    JSON.writeValue(out.resolve("metrics.json").toFile(), metrics);
    List<String> lines = new ArrayList<>();
    for (ColourAdherenceEval.Row r : rows) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", r.prompt().id());
      row.put("prompt", r.prompt().prompt());
      row.put("lang", r.prompt().lang());
      row.put("asked", r.prompt().colour());
      row.put("found", r.found().colour());
      row.put("share", r.found().share());
      row.put("match", r.match());
      row.put("familyMatch", r.familyMatch());
      row.put("seed", r.seed());
      row.put("seconds", r.seconds());
      lines.add(JsonMapper.builder().build().writeValueAsString(row));
    }
    Files.write(out.resolve("rows.jsonl"), lines);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        Locale.ROOT,
        "colour match %.1f%% (same family %.1f%%) over %d prompts · model %s · %s%n",
        100 * (double) metrics.get("match"),
        100 * (double) metrics.get("familyMatch"),
        rows.size(),
        pkg.name(),
        out.resolve("metrics.json"));
    stdout.flush();
    return 0;
  }
}
