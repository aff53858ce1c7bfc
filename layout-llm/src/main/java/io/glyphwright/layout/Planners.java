package io.glyphwright.layout;

import io.glyphwright.glyph.TextMeasurer;
import io.glyphwright.layout.llm.LlmPlanner;
import io.glyphwright.layout.lm.LayoutLmModels;
import io.glyphwright.layout.lm.LayoutLmPlanner;
import java.util.List;
import java.util.Locale;

/**
 * The planners by the names the command line and the API use. {@code auto} tries the preferred
 * planners ({@link #autoCandidates}: the layout LM when installed) and falls back to the heuristic
 * planner; {@code llm} asks the external LLM configured by {@code GLYPHWRIGHT_LLM_*} (see {@link
 * io.glyphwright.layout.llm.LlmPlannerConfig}).
 */
public final class Planners {
  /** Names accepted today, in the order they are offered. */
  public static final List<String> NAMES =
      List.of(AutoPlanner.NAME, HeuristicPlanner.NAME, LayoutLmPlanner.NAME, LlmPlanner.NAME);

  private Planners() {}

  /**
   * The planner called {@code name} (case and surrounding spaces ignored).
   *
   * @throws IllegalArgumentException naming the planners that exist, or, for {@code llm}, the
   *     setting to fix ("set GLYPHWRIGHT_LLM_BASE_URL …"), or, for {@code lm}, that no layout model
   *     package is installed or that it is damaged ({@link LayoutLmModels})
   */
  public static LayoutPlanner byName(String name, TextMeasurer measurer) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    switch (key) {
      case AutoPlanner.NAME:
        return new AutoPlanner(autoCandidates(measurer), new HeuristicPlanner(measurer));
      case HeuristicPlanner.NAME:
        return new HeuristicPlanner(measurer);
      case LlmPlanner.NAME:
        return LlmPlanner.fromEnvironment(measurer);
      case LayoutLmPlanner.NAME:
        return LayoutLmModels.planner(measurer);
      default:
        throw new IllegalArgumentException(
            "unknown planner '" + name + "': use " + String.join(", ", NAMES));
    }
  }

  /**
   * The planners {@code auto} prefers to the heuristic one, best first, each loaded when first
   * needed: the layout LM when its package is installed ({@link LayoutLmModels#find()}). The
   * external LLM is not among them: it costs money and sends the prompt away, so it is used only
   * when asked for by name.
   */
  static List<AutoPlanner.Candidate> autoCandidates(TextMeasurer measurer) {
    return List.of(
        new AutoPlanner.Candidate(LayoutLmPlanner.NAME, () -> LayoutLmPlanner.installed(measurer)));
  }
}
