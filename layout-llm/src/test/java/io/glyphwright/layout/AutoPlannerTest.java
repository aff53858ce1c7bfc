package io.glyphwright.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.AutoPlanner.Candidate;
import io.glyphwright.layout.llm.LlmPlanner;
import io.glyphwright.layout.llm.LlmPlannerConfig;
import io.glyphwright.layout.llm.LlmProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AutoPlannerTest {
  private static final GlyphRenderer MEASURER = GlyphRenderer.system();
  private static final HeuristicPlanner HEURISTIC = new HeuristicPlanner(MEASURER);
  private static final Canvas CANVAS = new Canvas(512, 512);
  private static final String PROMPT = "A poster that says 'SUMMER SALE' and '50% OFF'";
  private static final PlanRequest REQUEST = new PlanRequest(PROMPT, CANVAS);

  /** A planner that answers with whatever {@code answer} builds. */
  private record Scripted(String name, Function<PlanRequest, PlanResult> answer)
      implements LayoutPlanner {
    @Override
    public PlanResult plan(PlanRequest request) {
      return answer.apply(request);
    }
  }

  private static PlanResult result(String planner, TextLine... lines) {
    return new PlanResult(
        new Layout(CANVAS, List.of(lines)),
        planner,
        List.of("SUMMER SALE", "50% OFF"),
        List.of("line 1: a repair"),
        List.of("a note"));
  }

  private static final TextLine SALE = new TextLine("SUMMER SALE", new Box(14, 20, 114, 40));
  private static final TextLine OFF = new TextLine("50% OFF", new Box(40, 46, 88, 62));

  @Test
  void theFirstPreferredPlannerThatHonoursTheContractIsKeptAsItAnswered() {
    PlanResult own = result("lm", SALE, OFF);
    AutoPlanner auto =
        new AutoPlanner(List.of(Candidate.of(new Scripted("lm", r -> own))), HEURISTIC);
    assertEquals("auto", auto.name());
    assertSame(own, auto.plan(REQUEST));
  }

  @Test
  void anUninstalledPlannerFallsBackToTheHeuristicWithANote() {
    AutoPlanner auto = new AutoPlanner(List.of(new Candidate("lm", Optional::empty)), HEURISTIC);
    PlanResult result = auto.plan(REQUEST);
    PlanResult heuristic = HEURISTIC.plan(REQUEST);
    assertEquals("heuristic", result.planner());
    assertEquals(heuristic.layout(), result.layout());
    assertEquals(
        List.of("lm was not used: it is not installed; heuristic planned the layout"),
        result.notes());
    assertEquals(List.of("lm", "heuristic"), auto.order());
  }

  @Test
  void aPlannerThatCannotBeLoadedIsTriedOnceAndNamedInTheNote() {
    AtomicInteger loads = new AtomicInteger();
    AutoPlanner auto =
        new AutoPlanner(
            List.of(
                new Candidate(
                    "lm",
                    () -> {
                      loads.incrementAndGet();
                      throw new IllegalStateException("model.json: sha256 mismatch");
                    })),
            HEURISTIC);
    for (int i = 0; i < 3; i++) {
      PlanResult result = auto.plan(REQUEST);
      assertEquals("heuristic", result.planner());
      assertEquals(
          "lm was not used: it could not be loaded (model.json: sha256 mismatch); heuristic"
              + " planned the layout",
          result.notes().get(0));
    }
    assertEquals(1, loads.get());
  }

  @Test
  void aPlannerThatThrowsFallsBackToTheNext() {
    PlanResult second = result("second", SALE, OFF);
    AutoPlanner auto =
        new AutoPlanner(
            List.of(
                Candidate.of(
                    new Scripted(
                        "first",
                        r -> {
                          throw new UnsupportedOperationException();
                        })),
                Candidate.of(new Scripted("second", r -> second))),
            HEURISTIC);
    PlanResult result = auto.plan(REQUEST);
    assertEquals("second", result.planner());
    assertEquals(second.layout(), result.layout());
    assertEquals(second.repairs(), result.repairs());
    assertEquals(
        List.of(
            "first failed (UnsupportedOperationException); second planned the layout", "a note"),
        result.notes());
  }

  @Test
  void aResultMissingARequestedTextIsNotKept() {
    assertFallsBackBecause(
        result("lm", SALE),
        "lm was not used: its layout leaves out the requested text '50% OFF'; heuristic planned"
            + " the layout");
  }

  @Test
  void aResultWithAnUnrequestedOrDoubledTextIsNotKept() {
    assertFallsBackBecause(
        result("lm", SALE, OFF, new TextLine("FREE", new Box(40, 70, 88, 80))),
        "lm was not used: its layout holds 'FREE', which the prompt does not ask for; heuristic"
            + " planned the layout");
    assertFallsBackBecause(
        result("lm", SALE, OFF, new TextLine("50% OFF", new Box(40, 70, 88, 80))),
        "lm was not used: its layout places '50% OFF' 2 times; heuristic planned the layout");
  }

  @Test
  void aTextTakenFromAnUnquotedPromptIsKeptWhenThePlannerDeclaresIt() {
    PlanRequest unquoted = new PlanRequest("a postage stamp of Breath of the Wild", CANVAS);
    TextLine title = new TextLine("Breath of the Wild", new Box(20, 50, 108, 62));
    PlanResult declared =
        new PlanResult(
            new Layout(CANVAS, List.of(title)),
            "lm",
            List.of("Breath of the Wild"),
            List.of(),
            List.of("the prompt quotes no text; the layout model chose 'Breath of the Wild'"));
    AutoPlanner auto =
        new AutoPlanner(List.of(Candidate.of(new Scripted("lm", r -> declared))), HEURISTIC);
    assertSame(declared, auto.plan(unquoted));

    PlanResult undeclared =
        new PlanResult(new Layout(CANVAS, List.of(title)), "lm", List.of(), List.of(), List.of());
    PlanResult fellBack =
        new AutoPlanner(List.of(Candidate.of(new Scripted("lm", r -> undeclared))), HEURISTIC)
            .plan(unquoted);
    assertEquals("heuristic", fellBack.planner());
    assertEquals(
        "lm was not used: its layout holds 'Breath of the Wild', which the prompt does not ask"
            + " for; heuristic planned the layout",
        fellBack.notes().get(0));

    TextLine invented = new TextLine("Tears of the Kingdom", new Box(20, 50, 108, 62));
    PlanResult notInPrompt =
        new PlanResult(
            new Layout(CANVAS, List.of(invented)),
            "lm",
            List.of("Tears of the Kingdom"),
            List.of(),
            List.of());
    assertEquals(
        "heuristic",
        new AutoPlanner(List.of(Candidate.of(new Scripted("lm", r -> notInPrompt))), HEURISTIC)
            .plan(unquoted)
            .planner());
  }

  @Test
  void aResultWithOverlappingOrOffGridBoxesIsNotKept() {
    assertFallsBackBecause(
        result("lm", SALE, new TextLine("50% OFF", new Box(40, 30, 88, 50))),
        "lm was not used: its layout has lines 1 and 2 overlapping; heuristic planned the layout");
    PlanResult offGrid = result("lm", SALE, new TextLine("50% OFF", new Box(40, 46, 140, 62)));
    PlanResult kept =
        new AutoPlanner(List.of(Candidate.of(new Scripted("lm", r -> offGrid))), HEURISTIC)
            .plan(REQUEST);
    assertEquals("heuristic", kept.planner());
    assertTrue(
        kept.notes().get(0).startsWith("lm was not used: its layout breaks the rules ("),
        kept.notes().get(0));
  }

  private static void assertFallsBackBecause(PlanResult bad, String note) {
    AutoPlanner auto =
        new AutoPlanner(List.of(Candidate.of(new Scripted("lm", r -> bad))), HEURISTIC);
    PlanResult result = auto.plan(REQUEST);
    assertEquals("heuristic", result.planner());
    assertEquals(HEURISTIC.plan(REQUEST).layout(), result.layout());
    assertEquals(note, result.notes().get(0));
  }

  @Test
  void aPromptErrorIsThePromptsFaultAndIsNotHidden() {
    AutoPlanner auto =
        new AutoPlanner(
            List.of(
                Candidate.of(
                    new Scripted(
                        "lm",
                        r -> {
                          throw new PromptException("the prompt is wrong");
                        }))),
            HEURISTIC);
    assertEquals(
        "the prompt is wrong",
        assertThrows(PromptException.class, () -> auto.plan(REQUEST)).getMessage());
  }

  @Test
  void aPromptWithNoTextGivesTheFallbacksEmptyLayout() {
    AutoPlanner auto = new AutoPlanner(List.of(new Candidate("lm", Optional::empty)), HEURISTIC);
    PlanResult result = auto.plan(new PlanRequest("a foggy harbour at dawn", CANVAS));
    assertEquals(List.of(), result.layout().lines());
    assertEquals(2, result.notes().size());
    assertEquals(HeuristicPlanner.NO_TEXT_NOTE, result.notes().get(1));
  }

  @Test
  void anLlmEndpointThatIsDownFallsBackWithinItsBudget() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    LlmPlannerConfig config =
        LlmPlannerConfig.of(LlmProvider.OLLAMA, "http://127.0.0.1:" + port)
            .withRetries(Duration.ofSeconds(3), 2, Duration.ofMillis(10));
    AutoPlanner auto =
        new AutoPlanner(List.of(Candidate.of(new LlmPlanner(config, MEASURER))), HEURISTIC);
    long start = System.nanoTime();
    PlanResult result = auto.plan(REQUEST);
    long ms = (System.nanoTime() - start) / 1_000_000;
    // A refused connection fails at once; the bound is the budget, 2 × 3 s.
    assertTrue(ms < 6000 + 500, "took " + ms + " ms");
    assertEquals("heuristic", result.planner());
    assertTrue(
        result
            .notes()
            .get(0)
            .startsWith("llm failed (cannot connect to the LLM endpoint http://127.0.0.1:" + port),
        result.notes().get(0));
    assertTrue(result.notes().get(0).endsWith("; heuristic planned the layout"));
  }

  @Test
  void withNoPreferredPlannerAutoIsTheHeuristicPlanner() {
    AutoPlanner auto = new AutoPlanner(List.of(), HEURISTIC);
    PlanResult heuristic = HEURISTIC.plan(REQUEST);
    PlanResult result = auto.plan(REQUEST);
    assertEquals(heuristic, result);
    assertEquals(List.of("heuristic"), auto.order());
  }
}
