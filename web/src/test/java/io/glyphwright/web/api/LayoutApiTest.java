package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class LayoutApiTest extends ApiTestBase {
  static final String PATH = "/v1/layouts";

  @Autowired WebTestClient client;

  @Test
  @SuppressWarnings("unchecked")
  void plansTheQuotedTextsOfAPrompt() {
    Map<String, Object> body =
        client
            .post()
            .uri(PATH)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"prompt\":\"A poster that says 'SUMMER SALE' and '50% OFF'\",\"width\":512,\"height\":768}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    Map<String, Object> layout = (Map<String, Object>) body.get("layout");
    assertThat(layout.get("width")).isEqualTo(512);
    assertThat(layout.get("height")).isEqualTo(768);
    List<Map<String, Object>> lines = (List<Map<String, Object>>) layout.get("lines");
    assertThat(lines).extracting(l -> l.get("text")).containsExactly("SUMMER SALE", "50% OFF");
    assertThat((String) body.get("td2")).startsWith("SUMMER SALE ").contains("\n50% OFF ");
    // auto plans with the layout LM the checkout ships (models/layout-lm-s).
    assertThat(body.get("planner")).isEqualTo("lm");
    assertThat((List<String>) body.get("requestedTexts")).containsExactly("SUMMER SALE", "50% OFF");
  }

  @Test
  void aPromptWithoutQuotedTextGivesAnEmptyLayoutAndANote() {
    client
        .post()
        .uri(PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"prompt\":\"a quiet forest at dawn\",\"width\":512,\"height\":512}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.layout.lines.length()")
        .isEqualTo(0)
        .jsonPath("$.notes[0]")
        .value(note -> assertThat((String) note).contains("quote the texts"));
  }

  @Test
  void theRequestIdIsEchoedOrMadeAndTheProblemCarriesIt() {
    client
        .post()
        .uri(PATH)
        .header("X-Request-Id", "client-id-42")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectHeader()
        .valueEquals("X-Request-Id", "client-id-42")
        .expectBody()
        .jsonPath("$.requestId")
        .isEqualTo("client-id-42");
    String made =
        client
            .get()
            .uri("/v1/models")
            .header("X-Request-Id", "bad id with spaces")
            .exchange()
            .expectBody()
            .returnResult()
            .getResponseHeaders()
            .getFirst("X-Request-Id");
    assertThat(made).matches("[0-9a-f-]{36}");
  }

  @Test
  void invalidJsonSaysWhereItBreaks() {
    Map<String, Object> p = expectProblem(client, PATH, "{\"prompt\": ", 400, "invalid-json");
    assertThat((String) p.get("detail")).contains("line 1");
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    expectProblem(client, PATH, "[1,2]", 400, "wrong-type");
  }

  @Test
  void aWrongTypeNamesTheField() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"prompt\":\"'A'\",\"width\":\"wide\",\"height\":512}",
            400,
            "wrong-type");
    assertThat(p.get("field")).isEqualTo("width");
    assertThat((String) p.get("detail")).contains("integer").contains("\"wide\"");
    expectProblem(
        client, PATH, "{\"prompt\":\"'A'\",\"width\":512.5,\"height\":512}", 400, "wrong-type");
    expectProblem(client, PATH, "{\"prompt\":42,\"width\":512,\"height\":512}", 400, "wrong-type");
  }

  @Test
  void aMissingFieldIsNamed() {
    Map<String, Object> p =
        expectProblem(client, PATH, "{\"prompt\":\"'A'\",\"width\":512}", 400, "missing-field");
    assertThat(p.get("field")).isEqualTo("height");
  }

  @Test
  void anUnknownFieldIsRefusedWithTheKnownOnes() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"prompt\":\"'A'\",\"width\":512,\"heigth\":512}",
            400,
            "unknown-field");
    assertThat((String) p.get("detail")).contains("heigth").contains("height");
  }

  @Test
  void sizesOutOfRangeSayTheRange() {
    Map<String, Object> p =
        expectProblem(
            client, PATH, "{\"prompt\":\"'A'\",\"width\":10,\"height\":512}", 400, "out-of-range");
    assertThat((String) p.get("detail")).contains("64 to 2048");
    expectProblem(
        client, PATH, "{\"prompt\":\"'A'\",\"width\":512,\"height\":9000}", 400, "out-of-range");
  }

  @Test
  void anEmptyOrOverlongPromptIsRefused() {
    expectProblem(
        client, PATH, "{\"prompt\":\"   \",\"width\":512,\"height\":512}", 400, "invalid-prompt");
    String longPrompt = "a".repeat(1001);
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"prompt\":\"" + longPrompt + "\",\"width\":512,\"height\":512}",
            400,
            "invalid-prompt");
    assertThat((String) p.get("detail")).contains("1001").contains("1000");
  }

  @Test
  void plannersAreCheckedByName() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"prompt\":\"'A'\",\"width\":512,\"height\":512,\"planner\":\"magic\"}",
            400,
            "unknown-planner");
    assertThat((String) p.get("detail")).contains("auto").contains("heuristic").contains("lm");
  }

  @Test
  void theExternalLlmPlannerWithoutSettingsSaysWhatToSet() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("GLYPHWRIGHT_LLM_BASE_URL") == null, "an LLM endpoint is configured here");
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            "{\"prompt\":\"'A'\",\"width\":512,\"height\":512,\"planner\":\"LLM\"}",
            503,
            "planner-unavailable");
    assertThat((String) p.get("detail")).contains("GLYPHWRIGHT_LLM_BASE_URL");
  }

  @Test
  void anotherMediaTypeIsRefused() {
    client
        .post()
        .uri(PATH)
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("prompt=hi")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unsupported-media-type")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("application/json"));
  }

  @Test
  void aBodyOverTheLimitIsRefused() {
    String big = "{\"prompt\":\"" + "x".repeat(300 * 1024) + "\",\"width\":512,\"height\":512}";
    Map<String, Object> p = expectProblem(client, PATH, big, 413, "body-too-large");
    assertThat((String) p.get("detail")).contains("262144");
  }

  @Test
  void anEmptyBodyIsRefused() {
    client
        .post()
        .uri(PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-json");
  }

  @Test
  void unknownPathsAndMethodsAreProblemsToo() {
    client
        .get()
        .uri("/v1/nothing-here")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/not-found");
    client
        .get()
        .uri(PATH)
        .exchange()
        .expectStatus()
        .isEqualTo(405)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/method-not-allowed");
  }
}
