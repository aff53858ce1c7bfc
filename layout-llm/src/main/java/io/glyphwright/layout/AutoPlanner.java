package io.glyphwright.layout;

import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.TextLine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tries the preferred planners in order and keeps the first result that honours the planner
 * contract, ending with a fallback planner (the heuristic one) that always answers.
 *
 * <p>A preferred planner is passed over, with a note saying why, when:
 *
 * <ul>
 *   <li>it is unavailable: its loader returns empty (no model package installed) or throws (a
 *       damaged package, a missing native library). A loader runs once, when first needed; its
 *       outcome is kept for the life of this planner;
 *   <li>it throws while planning (an LLM endpoint that is down, a model that fails);
 *   <li>its result breaks the contract every planner promises: a requested text missing or placed
 *       twice, a text the prompt does not ask for, boxes overlapping or off the grid, another
 *       canvas. A text beyond those {@link RequestedTexts} finds is accepted when the planner
 *       declares it in {@link PlanResult#requestedTexts()} and the prompt holds it (ignoring case
 *       and runs of white space): the layout LM may take a text from an unquoted prompt.
 * </ul>
 *
 * A {@link PromptException} is not a planner failing but the prompt: it is thrown at once.
 *
 * <p>The result is the kept planner's own: {@link PlanResult#planner()} names that planner (never
 * {@code auto}), {@link PlanResult#repairs()} lists what the validator changed in its raw output,
 * and {@link PlanResult#notes()} starts with one note per planner passed over. Thread-safe when the
 * planners are.
 */
public final class AutoPlanner implements LayoutPlanner {
  public static final String NAME = "auto";

  /**
   * A planner {@code auto} may try, built when first needed.
   *
   * @param name the planner's name, for notes before it exists ({@code lm})
   * @param loader gives the planner, or empty when it is not installed; may throw when it cannot be
   *     built
   */
  public record Candidate(
      String name, Supplier<? extends Optional<? extends LayoutPlanner>> loader) {
    public Candidate {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(loader, "loader");
    }

    /** A candidate that exists already. */
    public static Candidate of(LayoutPlanner planner) {
      Objects.requireNonNull(planner, "planner");
      Optional<LayoutPlanner> ready = Optional.of(planner);
      return new Candidate(planner.name(), () -> ready);
    }
  }

  private final List<Slot> preferred;
  private final LayoutPlanner fallback;

  /**
   * @param preferred tried in this order
   * @param fallback used when none of them gives a result; must always answer (the heuristic
   *     planner)
   */
  public AutoPlanner(List<Candidate> preferred, LayoutPlanner fallback) {
    this.preferred = preferred.stream().map(Slot::new).toList();
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The names of the planners tried, in order, the fallback last. */
  public List<String> order() {
    List<String> names = new ArrayList<>();
    preferred.forEach(s -> names.add(s.candidate.name()));
    names.add(fallback.name());
    return names;
  }

  @Override
  public PlanResult plan(PlanRequest request) {
    List<String> expected = RequestedTexts.extract(request.prompt(), request.limits()).texts();
    List<String> passedOver = new ArrayList<>();
    for (Slot slot : preferred) {
      String name = slot.candidate.name();
      LayoutPlanner planner = slot.load();
      if (planner == null) {
        passedOver.add(name + " was not used: " + slot.unavailable());
        continue;
      }
      PlanResult result;
      try {
        result = planner.plan(request);
      } catch (PromptException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        passedOver.add(name + " failed (" + describe(e) + ")");
        continue;
      }
      String problem = contractProblem(result, request, expected);
      if (problem != null) {
        passedOver.add(name + " was not used: " + problem);
        continue;
      }
      return withNotes(result, passedOver);
    }
    return withNotes(fallback.plan(request), passedOver);
  }

  private static PlanResult withNotes(PlanResult result, List<String> passedOver) {
    if (passedOver.isEmpty()) {
      return result;
    }
    List<String> notes = new ArrayList<>();
    for (String why : passedOver) {
      notes.add(why + "; " + result.planner() + " planned the layout");
    }
    notes.addAll(result.notes());
    return new PlanResult(
        result.layout(), result.planner(), result.requestedTexts(), result.repairs(), notes);
  }

  /** What is wrong with a result under the planner contract, or null when nothing is. */
  static String contractProblem(PlanResult result, PlanRequest request, List<String> expected) {
    if (result == null) {
      return "it returned no result";
    }
    Layout layout = result.layout();
    if (!layout.canvas().equals(request.canvas()) || layout.grid() != Layout.DEFAULT_GRID) {
      return "its layout is for another canvas or grid ("
          + layout.width()
          + "x"
          + layout.height()
          + ", grid "
          + layout.grid()
          + ")";
    }
    Map<String, Integer> count = new HashMap<>();
    for (TextLine line : layout.lines()) {
      count.merge(line.text(), 1, Integer::sum);
    }
    for (String text : expected) {
      Integer n = count.remove(text);
      if (n == null) {
        return "its layout leaves out the requested text '" + RequestedTexts.preview(text) + "'";
      }
      if (n > 1) {
        return "its layout places '" + RequestedTexts.preview(text) + "' " + n + " times";
      }
    }
    String prompt = squeeze(request.prompt());
    for (Map.Entry<String, Integer> extra : count.entrySet()) {
      String text = extra.getKey();
      boolean declared = result.requestedTexts().contains(text);
      if (!declared || !prompt.contains(squeeze(text))) {
        return "its layout holds '"
            + RequestedTexts.preview(text)
            + "', which the prompt does not ask for";
      }
      if (extra.getValue() > 1) {
        return "its layout places '"
            + RequestedTexts.preview(text)
            + "' "
            + extra.getValue()
            + " times";
      }
    }
    List<LayoutException> problems = LayoutRules.problems(layout, request.limits());
    if (!problems.isEmpty()) {
      return "its layout breaks the rules (" + problems.get(0).getMessage() + ")";
    }
    List<TextLine> lines = layout.lines();
    for (int i = 0; i < lines.size(); i++) {
      for (int j = i + 1; j < lines.size(); j++) {
        if (lines.get(i).box().intersects(lines.get(j).box())) {
          return "its layout has lines " + (i + 1) + " and " + (j + 1) + " overlapping";
        }
      }
    }
    return null;
  }

  /** Lower case, every run of white space one space: to find a text in the prompt. */
  private static String squeeze(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : message.replaceAll("\\s+", " ").strip();
  }

  /** A candidate and what loading it gave. */
  private static final class Slot {
    private final Candidate candidate;
    private LayoutPlanner planner;
    private String unavailable;

    Slot(Candidate candidate) {
      this.candidate = Objects.requireNonNull(candidate, "candidate");
    }

    /** The planner, loading it on first use; null when it is unavailable. */
    synchronized LayoutPlanner load() {
      if (planner == null && unavailable == null) {
        try {
          Optional<? extends LayoutPlanner> loaded = candidate.loader().get();
          if (loaded != null && loaded.isPresent()) {
            planner = loaded.get();
          } else {
            unavailable = "it is not installed";
          }
        } catch (RuntimeException | LinkageError e) {
          unavailable = "it could not be loaded (" + describe(e) + ")";
        }
      }
      return planner;
    }

    synchronized String unavailable() {
      return unavailable;
    }
  }
}
