package io.glyphwright.layout;

import io.glyphwright.core.Layout;
import java.util.List;
import java.util.Objects;

/**
 * A planned layout and how it came about.
 *
 * @param layout valid under the request's limits, no two line boxes overlapping, each requested
 *     text on exactly one line
 * @param planner name of the planner that produced the boxes ({@link LayoutPlanner#name()}); an
 *     {@code auto} planner names the one whose output it kept
 * @param requestedTexts the texts placed, in the order the prompt asks for them
 * @param repairs what {@link LayoutValidator} changed in the planner's raw output, one sentence
 *     each; empty when the raw output was already valid
 * @param notes what the user should know that is not a repair: texts left out because of limits, an
 *     empty layout because the prompt asks for no text, a box shape estimated because no font draws
 *     a text
 */
public record PlanResult(
    Layout layout,
    String planner,
    List<String> requestedTexts,
    List<String> repairs,
    List<String> notes) {
  public PlanResult {
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(planner, "planner");
    requestedTexts = List.copyOf(requestedTexts);
    repairs = List.copyOf(repairs);
    notes = List.copyOf(notes);
  }

  /** A result without notes. */
  public PlanResult(
      Layout layout, String planner, List<String> requestedTexts, List<String> repairs) {
    this(layout, planner, requestedTexts, repairs, List.of());
  }

  /** Notes first, then repairs: everything worth telling the user, in one list. */
  public List<String> messages() {
    return java.util.stream.Stream.concat(notes.stream(), repairs.stream()).toList();
  }
}
