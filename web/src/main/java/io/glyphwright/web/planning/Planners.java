package io.glyphwright.web.planning;

import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The layout planners a request may name, as layout-llm's {@link io.glyphwright.layout.Planners}
 * offers them ({@code auto}, {@code heuristic}, {@code lm}, {@code llm}). A planner that exists but
 * cannot be used here (the external LLM without {@code GLYPHWRIGHT_LLM_*} settings, the layout LM
 * before it is built) answers 503 {@code planner-unavailable}; a name no planner has, 400 {@code
 * unknown-planner}. Planners are built once per name and shared (they hold no per-request state).
 */
@Component
public class Planners {
  public static final String AUTO = "auto";

  /** Names known to layout-llm but not offered yet; asking for one is a 503, not a 400. */
  private static final List<String> KNOWN_NOT_READY = List.of("lm", "llm");

  private final GlyphRenderer renderer;
  private final Map<String, LayoutPlanner> built = new ConcurrentHashMap<>();

  public Planners(GlyphRenderer renderer) {
    this.renderer = renderer;
  }

  /** A planner's availability, as {@code GET /v1/models} lists it. */
  public record PlannerInfo(String name, boolean available, String detail) {}

  /**
   * The planner a name means (case-insensitive; null or blank means {@code auto}).
   *
   * @throws ApiProblem 400 for an unknown name, 503 for a planner that cannot be used here
   */
  public LayoutPlanner resolve(String name) {
    String key = name == null || name.isBlank() ? AUTO : name.strip().toLowerCase(Locale.ROOT);
    LayoutPlanner planner = built.get(key);
    if (planner != null) {
      return planner;
    }
    try {
      planner = io.glyphwright.layout.Planners.byName(key, renderer);
    } catch (IllegalArgumentException e) {
      if (KNOWN_NOT_READY.contains(key)) {
        throw ApiProblem.field(
            ProblemType.PLANNER_UNAVAILABLE,
            "planner",
            "planner '" + key + "' cannot be used on this service: " + e.getMessage());
      }
      throw ApiProblem.field(ProblemType.UNKNOWN_PLANNER, "planner", e.getMessage());
    }
    built.putIfAbsent(key, planner);
    return built.get(key);
  }

  public List<PlannerInfo> describe() {
    List<String> names = new ArrayList<>(io.glyphwright.layout.Planners.NAMES);
    for (String n : KNOWN_NOT_READY) {
      if (!names.contains(n)) {
        names.add(n);
      }
    }
    List<PlannerInfo> infos = new ArrayList<>();
    for (String n : names) {
      try {
        resolve(n);
        infos.add(new PlannerInfo(n, true, description(n)));
      } catch (ApiProblem p) {
        infos.add(new PlannerInfo(n, false, p.detail()));
      }
    }
    return infos;
  }

  private static String description(String name) {
    return switch (name) {
      case AUTO -> "the best available planner, falling back to the heuristic one";
      case "heuristic" -> "typographic rules, deterministic, no model needed";
      case "llm" -> "an external LLM (OpenAI-compatible or Ollama) configured by GLYPHWRIGHT_LLM_*";
      case "lm" -> "the trained layout language model";
      default -> name;
    };
  }
}
