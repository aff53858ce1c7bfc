package io.glyphwright.web.planning;

import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.HeuristicPlanner;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The layout planners a request may name. Today only the heuristic planner is built; {@code auto}
 * picks the best available one (the heuristic). The trained LM ({@code lm}) and the external LLM
 * ({@code llm}) are known names that answer 503 until they exist.
 */
@Component
public class Planners {
  public static final String AUTO = "auto";
  private static final List<String> NOT_BUILT = List.of("lm", "llm");

  private final HeuristicPlanner heuristic;

  public Planners(GlyphRenderer renderer) {
    this.heuristic = new HeuristicPlanner(renderer);
  }

  /** A planner's availability, as {@code GET /v1/models} lists it. */
  public record PlannerInfo(String name, boolean available, String detail) {}

  /**
   * The planner a name means (case-insensitive; null or blank means {@code auto}).
   *
   * @throws ApiProblem 400 for an unknown name, 503 for a planner not built yet
   */
  public LayoutPlanner resolve(String name) {
    String key = name == null || name.isBlank() ? AUTO : name.strip().toLowerCase(Locale.ROOT);
    if (key.equals(AUTO) || key.equals(HeuristicPlanner.NAME)) {
      return heuristic;
    }
    if (NOT_BUILT.contains(key)) {
      throw ApiProblem.field(
          ProblemType.PLANNER_UNAVAILABLE,
          "planner",
          "planner '" + key + "' is not built yet: use 'auto' or 'heuristic'");
    }
    throw ApiProblem.field(
        ProblemType.UNKNOWN_PLANNER,
        "planner",
        "unknown planner '"
            + name
            + "': use one of auto, heuristic (lm and llm are not built yet)");
  }

  public List<PlannerInfo> describe() {
    return List.of(
        new PlannerInfo(AUTO, true, "the best available planner: today the heuristic one"),
        new PlannerInfo(
            HeuristicPlanner.NAME, true, "typographic rules, deterministic, no model needed"),
        new PlannerInfo("lm", false, "the small layout language model is not built yet"),
        new PlannerInfo("llm", false, "the external LLM planner is not built yet"));
  }
}
