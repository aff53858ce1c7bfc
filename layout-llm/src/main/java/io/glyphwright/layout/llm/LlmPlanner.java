package io.glyphwright.layout.llm;

import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.Td2Format;
import io.glyphwright.glyph.TextMeasurer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.LayoutValidator;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.RepairedLayout;
import io.glyphwright.layout.RequestedTexts;
import io.glyphwright.layout.llm.LlmPlannerException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Asks an external LLM where the texts go: an OpenAI-compatible chat API or Ollama, reached through
 * LangChain4j, configured by {@link LlmPlannerConfig}.
 *
 * <p>The requested texts come from {@link RequestedTexts}; the model gets a few-shot chat in
 * TextDiffuser-2's format (see {@code LayoutPrompt}) listing them; its answer is stripped of code
 * fences, reasoning blocks and chatter, read strictly with {@link Td2Format#parseUnchecked}, and
 * repaired by the same {@link LayoutValidator} as every planner's output, so a model that moves a
 * box off the grid, overlaps two lines or forgets a text still yields a valid layout, with the
 * repairs listed.
 *
 * <p>A prompt that asks for no text gets an empty layout and a note without a call to the model (it
 * could add nothing: no planner invents text).
 *
 * <p>Failures are {@link LlmPlannerException}s with a message naming the endpoint and what to
 * change: unreachable, no answer in time, an HTTP error, an answer that is not a layout. One plan
 * never takes longer than {@link LlmPlannerConfig#budget()}. Thread-safe.
 */
public final class LlmPlanner implements LayoutPlanner {
  public static final String NAME = "llm";

  static final String NO_TEXT_NOTE =
      "the prompt asks for no text, so the layout is empty and the LLM was not asked: quote the"
          + " texts to show, e.g. A poster that says 'SUMMER SALE'";

  private final LlmPlannerConfig config;
  private final LlmEndpoint endpoint;
  private final LayoutValidator validator;

  public LlmPlanner(LlmPlannerConfig config, TextMeasurer measurer) {
    this.config = Objects.requireNonNull(config, "config");
    this.endpoint = new LlmEndpoint(config);
    this.validator = new LayoutValidator(Objects.requireNonNull(measurer, "measurer"));
  }

  /**
   * A planner configured from system properties and environment variables ({@link
   * LlmPlannerConfig#fromEnvironment()}).
   *
   * @throws IllegalArgumentException when no endpoint is configured ("set GLYPHWRIGHT_LLM_BASE_URL
   *     …") or a setting is out of range
   */
  public static LlmPlanner fromEnvironment(TextMeasurer measurer) {
    return new LlmPlanner(LlmPlannerConfig.fromEnvironment(), measurer);
  }

  public LlmPlannerConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * @throws LlmPlannerException when the endpoint gives no usable answer within the budget
   */
  @Override
  public PlanResult plan(PlanRequest request) {
    RequestedTexts requested = RequestedTexts.extract(request.prompt(), request.limits());
    List<String> notes = new ArrayList<>(requested.notes());
    List<String> texts = requested.texts();
    if (texts.isEmpty()) {
      notes.add(NO_TEXT_NOTE);
      return new PlanResult(
          new Layout(request.canvas(), List.of()), NAME, List.of(), List.of(), notes);
    }
    String answer = endpoint.chat(LayoutPrompt.messages(request.prompt(), request.canvas(), texts));
    Td2Reply reply = Td2Reply.of(answer);
    if (reply.layoutLines() == 0) {
      throw new LlmPlannerException(
          Kind.BAD_REPLY,
          "the LLM ("
              + config.model()
              + ") answered without a single layout line ('<text> l,t,r,b'); its answer began '"
              + LlmEndpoint.preview(answer)
              + "'");
    }
    Layout raw;
    try {
      raw = Td2Format.parseUnchecked(reply.td2(), request.canvas());
    } catch (LayoutException e) {
      throw new LlmPlannerException(
          Kind.BAD_REPLY,
          "the LLM ("
              + config.model()
              + ") answered with a layout that cannot be read: "
              + LlmEndpoint.preview(e.getMessage()),
          e);
    }
    if (reply.ignoredLines() > 0) {
      notes.add(
          reply.ignoredLines() == 1
              ? "1 line of the LLM's answer was not a layout line and was ignored"
              : reply.ignoredLines()
                  + " lines of the LLM's answer were not layout lines and were ignored");
    }
    RepairedLayout checked = validator.validate(raw, texts, request.limits());
    return new PlanResult(
        checked.layout(), NAME, checked.requestedTexts(), checked.repairs(), notes);
  }
}
