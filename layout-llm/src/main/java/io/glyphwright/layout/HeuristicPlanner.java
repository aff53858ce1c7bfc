package io.glyphwright.layout;

import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.TextMeasurer;
import java.util.ArrayList;
import java.util.List;

/**
 * Places the prompt's requested texts by typographic rules, with no model: deterministic, fast, and
 * the fallback every other planner can rely on.
 *
 * <p>The texts come from {@link RequestedTexts}; the first is the headline, the others follow below
 * it, smaller, in the order the prompt names them, each box shaped to its text's ink as {@link
 * TextMeasurer#inkAspect} measures it, the group centred inside margins of 8 % per side (see {@link
 * TypographicStack} and docs/PLANNER.md for the numbers). A prompt that asks for no text gets an
 * empty layout and a note; no text is ever invented.
 *
 * <p>Holds no mutable state: one instance may serve many threads if its measurer can.
 */
public final class HeuristicPlanner implements LayoutPlanner {
  public static final String NAME = "heuristic";

  static final String NO_TEXT_NOTE =
      "the prompt asks for no text, so the layout is empty: quote the texts to show, e.g. A poster"
          + " that says 'SUMMER SALE'";

  private final TypographicStack stack;
  private final LayoutValidator validator;

  public HeuristicPlanner(TextMeasurer measurer) {
    this.stack = new TypographicStack(measurer);
    this.validator = new LayoutValidator(measurer);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public PlanResult plan(PlanRequest request) {
    RequestedTexts requested = RequestedTexts.extract(request.prompt(), request.limits());
    List<String> notes = new ArrayList<>(requested.notes());
    List<String> texts = requested.texts();
    if (texts.isEmpty()) {
      notes.add(NO_TEXT_NOTE);
    }
    TypographicStack.Stacked stacked = stack.stack(texts, request.canvas(), Layout.DEFAULT_GRID);
    notes.addAll(stacked.notes());
    List<TextLine> lines = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      lines.add(new TextLine(texts.get(i), stacked.boxes().get(i)));
    }
    Layout raw = new Layout(request.canvas(), lines);
    RepairedLayout checked = validator.validate(raw, texts, request.limits());
    return new PlanResult(
        checked.layout(), NAME, checked.requestedTexts(), checked.repairs(), notes);
  }
}
