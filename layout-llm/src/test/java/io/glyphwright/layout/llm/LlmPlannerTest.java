package io.glyphwright.layout.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.AutoPlanner;
import io.glyphwright.layout.HeuristicPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.PromptException;
import io.glyphwright.layout.llm.LlmPlannerException.Kind;
import io.glyphwright.layout.llm.ReplayServer.Recorded;
import io.glyphwright.layout.llm.ReplayServer.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The external LLM planner against a local server replaying recorded OpenAI and Ollama answers:
 * good, wrapped in chatter, not a layout, truncated, slow, refusing, and layouts the validator has
 * to repair. Only loopback traffic.
 */
class LlmPlannerTest {
  private static final GlyphRenderer MEASURER = GlyphRenderer.system();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String PROMPT = "A poster that says 'SUMMER SALE' and '50% OFF'";
  private static final Canvas CANVAS = new Canvas(512, 512);
  private static final String KEY = "sk-test-secret-1234";

  private static LlmPlannerConfig openai(ReplayServer server) {
    return new LlmPlannerConfig(
        LlmProvider.OPENAI,
        server.url("/v1"),
        "gpt-4o-mini",
        KEY,
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(20),
        0.0);
  }

  private static LlmPlannerConfig ollama(ReplayServer server) {
    return new LlmPlannerConfig(
        LlmProvider.OLLAMA,
        server.url(""),
        "llama3.1",
        null,
        Duration.ofSeconds(5),
        3,
        Duration.ofMillis(20),
        null);
  }

  private static PlanResult plan(LlmPlannerConfig config, String prompt) {
    return new LlmPlanner(config, MEASURER).plan(new PlanRequest(prompt, CANVAS));
  }

  private static List<String> lines(PlanResult result) {
    return result.layout().lines().stream()
        .map(l -> l.text() + " " + l.box())
        .collect(Collectors.toList());
  }

  private static LlmPlannerException failure(LlmPlannerConfig config) {
    return assertThrows(LlmPlannerException.class, () -> plan(config, PROMPT));
  }

  @Test
  void aGoodOpenAiAnswerIsKeptAsTheModelWroteIt() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-good.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      assertEquals("llm", result.planner());
      assertEquals(List.of("SUMMER SALE 14,20,114,40", "50% OFF 40,46,88,62"), lines(result));
      assertEquals(List.of("SUMMER SALE", "50% OFF"), result.requestedTexts());
      assertEquals(List.of(), result.repairs());
      assertEquals(List.of(), result.notes());

      List<Recorded> requests = server.requests();
      assertEquals(1, requests.size());
      Recorded sent = requests.get(0);
      assertEquals("POST", sent.method());
      assertEquals("/v1/chat/completions", sent.path());
      assertEquals("Bearer " + KEY, sent.header("Authorization"));
      JsonNode body = JSON.readTree(sent.body());
      assertEquals("gpt-4o-mini", body.get("model").asString());
      assertEquals(0.0, body.get("temperature").asDouble());
      JsonNode messages = body.get("messages");
      // System message, four examples (user + assistant), the request.
      assertEquals(10, messages.size());
      assertEquals("system", messages.get(0).get("role").asString());
      assertTrue(messages.get(0).get("content").asString().contains("128 x 128 grid"));
      assertEquals("assistant", messages.get(2).get("role").asString());
      JsonNode request = messages.get(9);
      assertEquals("user", request.get("role").asString());
      assertEquals(
          "Canvas: 512 x 512 pixels; one grid cell is 4 x 4 pixels.\n"
              + "Description: "
              + PROMPT
              + "\nTexts (place each exactly once, verbatim):\nSUMMER SALE\n50% OFF\n",
          request.get("content").asString());
    }
  }

  @Test
  void aGoodOllamaAnswerIsKeptAndTheRequestUsesOllamasApi() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("ollama-good.json"))) {
      PlanResult result = plan(ollama(server), PROMPT);
      assertEquals(List.of("SUMMER SALE 14,20,114,40", "50% OFF 40,46,88,62"), lines(result));
      assertEquals(List.of(), result.repairs());
      Recorded sent = server.requests().get(0);
      assertEquals("/api/chat", sent.path());
      assertEquals(null, sent.header("Authorization"));
      JsonNode body = JSON.readTree(sent.body());
      assertEquals("llama3.1", body.get("model").asString());
      assertFalse(body.get("stream").asBoolean());
      assertEquals(10, body.get("messages").size());
    }
  }

  @Test
  void chatterAndCodeFencesAroundValidTd2AreDroppedWithANote() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-chatter-fences.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      assertEquals(List.of("SUMMER SALE 14,20,114,40", "50% OFF 40,46,88,62"), lines(result));
      assertEquals(List.of(), result.repairs());
      assertEquals(
          List.of("4 lines of the LLM's answer were not layout lines and were ignored"),
          result.notes());
    }
  }

  @Test
  void aReasoningModelsThinkBlockIsNotReadAsLayout() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("ollama-think.json"))) {
      PlanResult result = plan(ollama(server), PROMPT);
      // The think block mentions "SUMMER SALE 0,0,1,1": it must not become a line.
      assertEquals(List.of("SUMMER SALE 14,20,114,40", "50% OFF 40,46,88,62"), lines(result));
      assertEquals(List.of(), result.repairs());
    }
  }

  @Test
  void anAnswerThatIsNotALayoutIsAClearErrorAndIsNotRetried() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-not-td2.json"))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.BAD_REPLY, e.kind());
      assertEquals(
          "the LLM (gpt-4o-mini) answered without a single layout line ('<text> l,t,r,b'); its"
              + " answer began 'I'm sorry, but I can only describe layouts in words. Put SUMMER"
              + " SALE at the top in big letters and 50% OFF below it.'",
          e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aMalformedBoxIsAClearErrorNamingTheLine() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-bad-box.json"))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.BAD_REPLY, e.kind());
      assertEquals(
          "the LLM (gpt-4o-mini) answered with a layout that cannot be read: line 1: box"
              + " '14,20,114' must be four integers l,t,r,b separated by commas (e.g."
              + " 12,20,60,44)",
          e.getMessage());
    }
  }

  @Test
  void truncatedJsonIsAClearErrorAndIsNotRetried() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-truncated.json"))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.BAD_REPLY, e.kind());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "the LLM endpoint "
                      + server.url("/v1")
                      + " (openai, model gpt-4o-mini) answered with something that is not a"
                      + " chat response of the openai API ("),
          e.getMessage());
      assertTrue(
          e.getMessage().endsWith("check GLYPHWRIGHT_LLM_PROVIDER and GLYPHWRIGHT_LLM_BASE_URL"));
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void jsonThatIsNotAChatResponseIsAClearError() {
    for (String body :
        List.of("{\"hello\":\"world\"}", "[]", "<html><body>Sign in</body></html>")) {
      try (ReplayServer server = ReplayServer.start(Reply.ok(body))) {
        LlmPlannerException e = failure(openai(server));
        assertEquals(Kind.BAD_REPLY, e.kind(), body);
        assertTrue(
            e.getMessage().startsWith("the LLM endpoint " + server.url("/v1")), e.getMessage());
        assertEquals(1, server.requests().size());
      }
    }
  }

  @Test
  void anAnswerWithNoTextIsAClearError() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-empty-content.json"))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.BAD_REPLY, e.kind());
      assertTrue(
          e.getMessage().contains("answered with no text (finish reason LENGTH)"), e.getMessage());
    }
  }

  @Test
  void aSlowServerEndsWithinTimeoutTimesAttempts() {
    try (ReplayServer server =
        ReplayServer.start(Reply.resource("openai-good.json").delayed(Duration.ofSeconds(20)))) {
      LlmPlannerConfig config =
          openai(server).withRetries(Duration.ofMillis(300), 2, Duration.ofMillis(10));
      long start = System.nanoTime();
      LlmPlannerException e = failure(config);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Kind.TIMEOUT, e.kind());
      assertTrue(ms >= 300 && ms < 600 + 500, "took " + ms + " ms");
      assertTrue(
          e.getMessage()
              .startsWith(
                  "the LLM endpoint "
                      + server.url("/v1")
                      + " (openai, model gpt-4o-mini) gave no complete answer within 0.3 s per"
                      + " attempt: raise GLYPHWRIGHT_LLM_TIMEOUT_MS or check the server (2"
                      + " attempts in "),
          e.getMessage());
      assertEquals(2, server.requests().size());
    }
  }

  @Test
  void aServerThatTricklesItsAnswerIsCutOffAtTheDeadline() {
    try (ReplayServer server =
        ReplayServer.start(Reply.resource("openai-good.json").trickled(Duration.ofMillis(50)))) {
      LlmPlannerConfig config =
          openai(server).withRetries(Duration.ofMillis(400), 1, Duration.ZERO);
      long start = System.nanoTime();
      LlmPlannerException e = failure(config);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Kind.TIMEOUT, e.kind());
      assertTrue(ms >= 400 && ms < 400 + 500, "took " + ms + " ms");
    }
  }

  @Test
  void unauthorisedIsNotRetriedAndNamesTheKeySettingWithoutTheKey() {
    try (ReplayServer server = ReplayServer.start(Reply.status(401, "openai-401.json"))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.REFUSED, e.kind());
      assertEquals(
          "the LLM endpoint "
              + server.url("/v1")
              + " (openai, model gpt-4o-mini) answered HTTP 401 (Incorrect API key provided:"
              + " sk-test-********************1234. You can find your API key at"
              + " https://platform.openai.com/account/api-keys.): check GLYPHWRIGHT_LLM_API_KEY",
          e.getMessage());
      assertFalse(e.getMessage().contains(KEY));
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void aServerErrorIsRetriedAndASecondAttemptCanSucceed() {
    try (ReplayServer server =
        ReplayServer.start(
            Reply.status(500, "openai-500.json"), Reply.resource("openai-good.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      assertEquals(List.of("SUMMER SALE 14,20,114,40", "50% OFF 40,46,88,62"), lines(result));
      assertEquals(2, server.requests().size());
    }
  }

  @Test
  void aServerErrorOnEveryAttemptSaysHowManyAttemptsWereMade() {
    try (ReplayServer server = ReplayServer.start(Reply.status(500, "openai-500.json"))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.REFUSED, e.kind());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "the LLM endpoint "
                      + server.url("/v1")
                      + " (openai, model gpt-4o-mini) answered HTTP 500 (The server had an error"
                      + " while processing your request. Sorry about that!): the server failed;"
                      + " see its log (3 attempts in "),
          e.getMessage());
      assertEquals(3, server.requests().size());
    }
  }

  @Test
  void rateLimitingHonoursRetryAfter() {
    try (ReplayServer server =
        ReplayServer.start(
            Reply.status(429, "openai-429.json").header("Retry-After", "1"),
            Reply.resource("openai-good.json"))) {
      long start = System.nanoTime();
      PlanResult result = plan(openai(server), PROMPT);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(2, result.layout().lines().size());
      assertEquals(2, server.requests().size());
      // The backoff alone would wait 20 ms; the server asked for a second.
      assertTrue(ms >= 1000, "took " + ms + " ms");
    }
  }

  @Test
  void aRetryAfterBeyondTheBudgetEndsAtOnce() {
    try (ReplayServer server =
        ReplayServer.start(Reply.status(429, "openai-429.json").header("Retry-After", "3600"))) {
      long start = System.nanoTime();
      LlmPlannerException e = failure(openai(server));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Kind.REFUSED, e.kind());
      assertTrue(ms < 2000, "took " + ms + " ms");
      assertTrue(e.getMessage().contains("answered HTTP 429 (Rate limit reached"), e.getMessage());
      assertTrue(
          e.getMessage()
              .endsWith(
                  "; it asked to retry after 3600.0 s, past the budget of 15.0 s"
                      + " (GLYPHWRIGHT_LLM_TIMEOUT_MS × GLYPHWRIGHT_LLM_MAX_ATTEMPTS)"),
          e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
    Instant now = Instant.parse("2025-03-10T12:00:00Z");
    assertEquals(Duration.ofSeconds(20), DeadlineHttpClient.retryAfter(" 20 ", now));
    assertEquals(
        Duration.ofSeconds(90),
        DeadlineHttpClient.retryAfter("Mon, 10 Mar 2025 12:01:30 GMT", now));
    assertEquals(
        Duration.ZERO, DeadlineHttpClient.retryAfter("Mon, 10 Mar 2025 11:00:00 GMT", now));
    assertNull(DeadlineHttpClient.retryAfter("soon", now));
    assertNull(DeadlineHttpClient.retryAfter("-5", now));
  }

  @Test
  void anAnswerOverTheSizeLimitIsRefusedWithoutRetrying() {
    String huge = "{\"pad\":\"" + "x".repeat(DeadlineHttpClient.MAX_BODY_BYTES) + "\"}";
    try (ReplayServer server = ReplayServer.start(Reply.ok(huge))) {
      LlmPlannerException e = failure(openai(server));
      assertEquals(Kind.BAD_REPLY, e.kind());
      assertTrue(e.getMessage().contains("(the answer is longer than 4 MiB)"), e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void anOllamaModelThatIsNotPulledSaysWhatToCheck() {
    try (ReplayServer server = ReplayServer.start(Reply.status(404, "ollama-404.json"))) {
      LlmPlannerException e = failure(ollama(server));
      assertEquals(Kind.REFUSED, e.kind());
      assertEquals(
          "the LLM endpoint "
              + server.url("")
              + " (ollama, model llama3.1) answered HTTP 404 (model \"llama3.1\" not found, try"
              + " pulling it first): check GLYPHWRIGHT_LLM_MODEL ('llama3.1') and"
              + " GLYPHWRIGHT_LLM_BASE_URL (OpenAI-compatible servers usually end in /v1, Ollama's"
              + " does not)",
          e.getMessage());
      assertEquals(1, server.requests().size());
    }
  }

  @Test
  void anEndpointThatIsDownIsAClearErrorWithinTheBudget() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    LlmPlannerConfig config =
        new LlmPlannerConfig(
            LlmProvider.OPENAI,
            "http://127.0.0.1:" + port + "/v1",
            "gpt-4o-mini",
            null,
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(20),
            null);
    long start = System.nanoTime();
    LlmPlannerException e = failure(config);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertEquals(Kind.UNREACHABLE, e.kind());
    assertTrue(ms < 6000 + 500, "took " + ms + " ms");
    assertTrue(
        e.getMessage()
            .startsWith("cannot connect to the LLM endpoint http://127.0.0.1:" + port + "/v1"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("check GLYPHWRIGHT_LLM_BASE_URL and that the server is running"),
        e.getMessage());
    assertTrue(e.getMessage().contains("(3 attempts in "), e.getMessage());
  }

  @Test
  void aConnectionCutMidAnswerIsRetried() {
    try (ReplayServer server =
        ReplayServer.start(
            Reply.resource("openai-good.json").cut(), Reply.resource("openai-good.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      assertEquals(2, result.layout().lines().size());
      assertEquals(2, server.requests().size());
    }
  }

  @Test
  void boxesOffTheGridAreRepairedAndTheRepairsListed() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-off-grid.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      assertEquals(List.of("SUMMER SALE", "50% OFF"), texts(result));
      assertEquals(List.of(), LayoutRules.problems(result.layout(), LayoutLimits.DEFAULT));
      assertEquals(new Box(0, 20, 128, 40), result.layout().lines().get(0).box());
      Box second = result.layout().lines().get(1).box();
      assertFalse(second.intersects(new Box(0, 20, 128, 40)), second.toString());
      assertEquals(2, result.repairs().size(), result.repairs().toString());
      assertTrue(
          result.repairs().get(0).startsWith("line 1: box -12,20,140,40 reached outside the grid"));
      assertTrue(
          result.repairs().get(1).startsWith("line 2: box 40,30,88,50 overlapped an earlier line"));
    }
  }

  @Test
  void aRequestedTextMissingFromTheAnswerIsAddedByTheValidator() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-missing-text.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      assertEquals(List.of("SUMMER SALE", "50% OFF"), texts(result));
      assertEquals(new Box(14, 20, 114, 40), result.layout().lines().get(0).box());
      assertEquals(1, result.repairs().size());
      assertTrue(result.repairs().get(0).startsWith("'50% OFF' was missing; added at "));
      assertEquals(List.of(), LayoutRules.problems(result.layout(), LayoutLimits.DEFAULT));
    }
  }

  @Test
  void aPromptWithNoTextToPlaceGivesAnEmptyLayoutWithoutAskingTheLlm() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-good.json"))) {
      PlanResult result = plan(openai(server), "a watercolour of a lighthouse at dusk");
      assertEquals(List.of(), result.layout().lines());
      assertEquals(List.of(LlmPlanner.NO_TEXT_NOTE), result.notes());
      assertEquals(0, server.requests().size());
    }
  }

  @Test
  void emptyAndOverlongPromptsAreRefusedBeforeAnyRequest() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-good.json"))) {
      LlmPlanner planner = new LlmPlanner(openai(server), MEASURER);
      PromptException empty =
          assertThrows(PromptException.class, () -> planner.plan(new PlanRequest("  ", CANVAS)));
      assertTrue(empty.getMessage().startsWith("the prompt is empty"), empty.getMessage());
      PromptException longOne =
          assertThrows(
              PromptException.class,
              () -> planner.plan(new PlanRequest("a".repeat(10_000), CANVAS)));
      assertTrue(longOne.getMessage().contains("10000"), longOne.getMessage());
      assertEquals(0, server.requests().size());
    }
  }

  @Test
  void thirtyQuotedStringsAskForTheFirstSixteenWithALimitsNote() {
    String prompt =
        "A wall of labels: "
            + IntStream.rangeClosed(1, 30)
                .mapToObj(i -> "'Item " + i + "'")
                .collect(Collectors.joining(", "));
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-good.json"))) {
      PlanResult result = plan(openai(server), prompt);
      List<String> expected = IntStream.rangeClosed(1, 16).mapToObj(i -> "Item " + i).toList();
      assertEquals(expected, result.requestedTexts());
      assertEquals(expected.size(), result.layout().lines().size());
      assertEquals(List.of(), LayoutRules.problems(result.layout(), LayoutLimits.DEFAULT));
      assertTrue(
          result.notes().stream().anyMatch(n -> n.contains("Item 17") && n.contains("16")),
          result.notes().toString());
      String sent =
          JSON.readTree(server.requests().get(0).body())
              .get("messages")
              .get(9)
              .get("content")
              .asString();
      String listed = sent.substring(sent.indexOf("Texts (place each exactly once, verbatim):\n"));
      assertEquals(17, listed.split("\n").length, listed);
      assertTrue(listed.endsWith("\nItem 16\n"), listed);
      // The answer held neither requested text: the validator dropped its lines and placed all 16.
      assertTrue(
          result.repairs().stream().anyMatch(r -> r.contains("which the prompt does not ask for")));
    }
  }

  @Test
  void controlCharactersNeverReachTheLlm() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-good.json"))) {
      PlanResult result =
          plan(
              openai(server),
              "A poster that says 'SUMMER\u0007 SALE' and '50%\u0000 OFF'\u001b[31m");
      assertEquals(List.of("SUMMER SALE", "50% OFF"), texts(result));
      assertTrue(
          result.notes().stream().anyMatch(n -> n.contains("control")), result.notes().toString());
      String sent = server.requests().get(0).body();
      for (String escaped : List.of("\\u0007", "\\u0000", "\\u001b", "\\u001B")) {
        assertFalse(sent.contains(escaped), escaped);
      }
    }
  }

  @Test
  void theResultIsAValidLayoutUnderStrictParsing() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-good.json"))) {
      PlanResult result = plan(openai(server), PROMPT);
      String td2 = Td2Format.print(result.layout());
      assertEquals(result.layout().lines(), Td2Format.parse(td2, CANVAS).lines());
    }
  }

  @Test
  void autoKeepsTheLlmsRepairedLayoutAndSaysWhatWasRepaired() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-off-grid.json"))) {
      AutoPlanner auto =
          new AutoPlanner(
              List.of(AutoPlanner.Candidate.of(new LlmPlanner(openai(server), MEASURER))),
              new HeuristicPlanner(MEASURER));
      PlanResult direct = plan(openai(server), PROMPT);
      PlanResult result = auto.plan(new PlanRequest(PROMPT, CANVAS));
      assertEquals("llm", result.planner());
      assertEquals(direct, result);
      assertEquals(2, result.repairs().size());
    }
  }

  @Test
  void autoFallsBackToTheHeuristicWhenTheLlmAnswersNonsense() {
    try (ReplayServer server = ReplayServer.start(Reply.resource("openai-not-td2.json"))) {
      HeuristicPlanner heuristic = new HeuristicPlanner(MEASURER);
      AutoPlanner auto =
          new AutoPlanner(
              List.of(AutoPlanner.Candidate.of(new LlmPlanner(openai(server), MEASURER))),
              heuristic);
      PlanRequest request = new PlanRequest(PROMPT, CANVAS);
      PlanResult result = auto.plan(request);
      assertEquals("heuristic", result.planner());
      assertEquals(heuristic.plan(request).layout(), result.layout());
      assertEquals(
          "llm failed (the LLM (gpt-4o-mini) answered without a single layout line ('<text>"
              + " l,t,r,b'); its answer began 'I'm sorry, but I can only describe layouts in words."
              + " Put SUMMER SALE at the top in big letters and 50% OFF below it.'); heuristic"
              + " planned the layout",
          result.notes().get(0));
    }
  }

  private static List<String> texts(PlanResult result) {
    return result.layout().lines().stream().map(TextLine::text).toList();
  }
}
