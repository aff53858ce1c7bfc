package io.glyphwright.layout;

import io.glyphwright.glyph.TextMeasurer;
import java.util.List;
import java.util.Locale;

/**
 * The planners by the names the command line and the API use. {@code auto} picks the best planner
 * available; until the trained layout model exists that is the heuristic planner.
 */
public final class Planners {
  /** Names accepted today, in the order they are offered. */
  public static final List<String> NAMES = List.of("auto", HeuristicPlanner.NAME);

  private Planners() {}

  /**
   * The planner called {@code name} (case and surrounding spaces ignored).
   *
   * @throws IllegalArgumentException naming the planners that exist
   */
  public static LayoutPlanner byName(String name, TextMeasurer measurer) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    switch (key) {
      case "auto":
      case HeuristicPlanner.NAME:
        return new HeuristicPlanner(measurer);
      case "lm":
      case "llm":
        throw new IllegalArgumentException(
            "planner '" + name + "' is not built yet: use auto or heuristic");
      default:
        throw new IllegalArgumentException(
            "unknown planner '" + name + "': use " + String.join(" or ", NAMES));
    }
  }
}
