package io.glyphwright.layout;

/**
 * Turns a prompt into a layout: which texts to draw and where, as {@code <text> l,t,r,b} lines on
 * the 128 grid.
 *
 * <p>Every implementation (the heuristic one, a trained LM, an external LLM, and {@code auto},
 * which chains them) promises the same things: the result has passed {@link LayoutValidator}, so it
 * obeys {@code LayoutRules}, no two line boxes overlap, and each text in {@link
 * PlanResult#requestedTexts} appears on exactly one line and no other text appears. What the
 * validator had to change is listed in {@link PlanResult#repairs}.
 */
public interface LayoutPlanner {

  /** Short lower-case name, as the {@code --planner} option and the API spell it. */
  String name();

  /**
   * Plans a layout for one request.
   *
   * @throws PromptException when nothing can be planned from the prompt (never thrown for a prompt
   *     that merely asks for no text: that gives an empty layout and a note)
   */
  PlanResult plan(PlanRequest request);
}
