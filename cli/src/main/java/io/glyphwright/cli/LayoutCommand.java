package io.glyphwright.cli;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.Td2Format;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.Planners;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./glyphwright layout}: a prompt to a layout in TD2 text or JSON. */
@Command(
    name = "layout",
    mixinStandardHelpOptions = true,
    description = {
      "Plan where each requested text goes: prints '<text> l,t,r,b' lines on a 0..128 grid.",
      "Quote the texts to show, e.g. \"A poster that says 'SUMMER SALE' and '50%% OFF'\"."
    })
final class LayoutCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "the prompt")
  String prompt;

  @Option(
      names = "--planner",
      defaultValue = "auto",
      paramLabel = "NAME",
      description =
          "auto | heuristic | lm | llm (default ${DEFAULT-VALUE}). auto tries the layout LM"
              + " (models/layout-lm-s) and falls back to heuristic; llm asks the LLM"
              + " set by GLYPHWRIGHT_LLM_BASE_URL (and _PROVIDER, _MODEL, _API_KEY); see"
              + " docs/PLANNER.md")
  String planner;

  @Option(names = "--width", defaultValue = "512", paramLabel = "W", description = "canvas width")
  int width;

  @Option(names = "--height", defaultValue = "512", paramLabel = "H", description = "canvas height")
  int height;

  @Option(names = "--json", description = "print layout JSON instead of TD2 text")
  boolean json;

  @Override
  public Integer call() {
    LayoutPlanner chosen = Planners.byName(planner, GlyphRenderer.system());
    PlanResult result = chosen.plan(new PlanRequest(prompt, new Canvas(width, height)));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(LayoutJson.print(result.layout()));
    } else {
      out.print(Td2Format.print(result.layout()));
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String message : result.messages()) {
      err.println("note: " + message);
    }
    out.flush();
    return 0;
  }
}
