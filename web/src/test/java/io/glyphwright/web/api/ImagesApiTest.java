package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * No diffusion model exists yet: a valid request gets 503 model-unavailable, and every invalid one
 * still gets the 400 that says what to change.
 */
class ImagesApiTest extends ApiTestBase {
  static final String PATH = "/v1/images";

  @Autowired WebTestClient client;

  private static String request(String extra) {
    return "{\"prompt\":\"A poster that says 'OPEN'\",\"width\":512,\"height\":512" + extra + "}";
  }

  @Test
  void aValidRequestIsAnsweredHonestlyThatNoModelIsInstalled() {
    Map<String, Object> p =
        expectProblem(
            client,
            PATH,
            request(",\"steps\":20,\"seed\":7,\"guidance\":5,\"scheduler\":\"DDIM\",\"n\":2"),
            503,
            "model-unavailable");
    assertThat((String) p.get("detail"))
        .contains("no diffusion model package is installed")
        .contains("request itself is valid");
  }

  @Test
  void aGivenLayoutIsCheckedBeforeTheModelIs() {
    String layout =
        ",\"layout\":{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"OPEN\",\"box\":[10,10,100,40]}]}";
    expectProblem(client, PATH, request(layout), 503, "model-unavailable");
    String otherSize =
        ",\"layout\":{\"width\":512,\"height\":768,\"lines\":[{\"text\":\"OPEN\",\"box\":[10,10,100,40]}]}";
    Map<String, Object> p = expectProblem(client, PATH, request(otherSize), 400, "invalid-layout");
    assertThat((String) p.get("detail")).contains("512×768").contains("make them equal");
    String badFont =
        ",\"layout\":{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"OPEN\",\"box\":[10,10,100,40],\"font\":\"nope\"}]}";
    expectProblem(client, PATH, request(badFont), 400, "unknown-font");
  }

  @Test
  void eachParameterIsCheckedAgainstItsLimit() {
    assertThat(
            expectProblem(client, PATH, request(",\"steps\":0"), 400, "out-of-range").get("field"))
        .isEqualTo("steps");
    assertThat(
            expectProblem(client, PATH, request(",\"steps\":101"), 400, "out-of-range")
                .get("field"))
        .isEqualTo("steps");
    assertThat(expectProblem(client, PATH, request(",\"n\":5"), 400, "out-of-range").get("field"))
        .isEqualTo("n");
    assertThat(
            expectProblem(client, PATH, request(",\"seed\":-1"), 400, "out-of-range").get("field"))
        .isEqualTo("seed");
    assertThat(
            expectProblem(client, PATH, request(",\"guidance\":21"), 400, "out-of-range")
                .get("field"))
        .isEqualTo("guidance");
    assertThat(
            expectProblem(client, PATH, request(",\"steps\":\"many\""), 400, "wrong-type")
                .get("field"))
        .isEqualTo("steps");
    Map<String, Object> p =
        expectProblem(client, PATH, request(",\"scheduler\":\"magic\""), 400, "unknown-scheduler");
    assertThat((String) p.get("detail")).contains("ddim").contains("euler_a");
    Map<String, Object> mode =
        expectProblem(
            client, PATH, request(",\"guidanceMode\":\"letters\""), 400, "unknown-guidance-mode");
    assertThat(mode.get("field")).isEqualTo("guidanceMode");
    assertThat((String) mode.get("detail"))
        .contains("'letters'")
        .contains("[text, text+glyphs, glyphs]");
    assertThat(
            expectProblem(client, PATH, request(",\"guidanceMode\":7"), 400, "wrong-type")
                .get("field"))
        .isEqualTo("guidanceMode");
  }

  @Test
  void eachGuidanceModeIsAcceptedAndCheckedBeforeTheModelIs() {
    for (String mode :
        new String[] {"text", "text+glyphs", "glyphs", "TEXT", "Text+Glyphs", "GLYPHS"}) {
      expectProblem(
          client, PATH, request(",\"guidanceMode\":\"" + mode + "\""), 503, "model-unavailable");
    }
  }

  @Test
  void thePromptGuidanceIsCheckedAgainstItsRangeAndTheGuidanceModeBeforeTheModelIs() {
    Map<String, Object> high =
        expectProblem(client, PATH, request(",\"promptGuidance\":31"), 400, "out-of-range");
    assertThat(high.get("field")).isEqualTo("promptGuidance");
    assertThat(high.get("detail")).isEqualTo("promptGuidance must be 0.0..30.0, got 31.0");
    assertThat(
            expectProblem(client, PATH, request(",\"promptGuidance\":-0.5"), 400, "out-of-range")
                .get("field"))
        .isEqualTo("promptGuidance");
    Map<String, Object> text =
        expectProblem(client, PATH, request(",\"promptGuidance\":\"two\""), 400, "wrong-type");
    assertThat(text.get("field")).isEqualTo("promptGuidance");
    assertThat((String) text.get("detail"))
        .startsWith("'promptGuidance' must be a number (")
        .endsWith("got the string \"two\"");
    Map<String, Object> mode =
        expectProblem(
            client,
            PATH,
            request(",\"guidanceMode\":\"text\",\"promptGuidance\":2"),
            400,
            "out-of-range");
    assertThat(mode.get("field")).isEqualTo("promptGuidance");
    assertThat(mode.get("detail"))
        .isEqualTo(
            "promptGuidance applies to guidance mode glyphs only (text guides the prompt by"
                + " guidance); got 2.0 with text");
    assertThat(
            expectProblem(
                    client,
                    PATH,
                    request(",\"guidanceMode\":\"Text+Glyphs\",\"promptGuidance\":0"),
                    400,
                    "out-of-range")
                .get("detail"))
        .isEqualTo(
            "promptGuidance applies to guidance mode glyphs only (text+glyphs guides the prompt"
                + " by guidance); got 0.0 with text+glyphs");
    // Valid: any 0..30 in mode glyphs (named or the default), 1 in every mode.
    for (String ok :
        new String[] {
          ",\"promptGuidance\":2",
          ",\"promptGuidance\":0,\"guidanceMode\":\"glyphs\"",
          ",\"promptGuidance\":30,\"guidanceMode\":\"GLYPHS\"",
          ",\"promptGuidance\":1,\"guidanceMode\":\"text\"",
          ",\"promptGuidance\":1.0,\"guidanceMode\":\"text+glyphs\"",
          ",\"promptGuidance\":null",
        }) {
      expectProblem(client, PATH, request(ok), 503, "model-unavailable");
    }
  }

  @Test
  void promptAndSizeAreRequired() {
    expectProblem(client, PATH, "{\"width\":512,\"height\":512}", 400, "missing-field");
    expectProblem(
        client, PATH, "{\"prompt\":\"\",\"width\":512,\"height\":512}", 400, "invalid-prompt");
    expectProblem(client, PATH, "{\"prompt\":\"'OPEN'\",\"width\":512}", 400, "missing-field");
    expectProblem(client, PATH, request(",\"sampler\":\"ddim\""), 400, "unknown-field");
  }
}
