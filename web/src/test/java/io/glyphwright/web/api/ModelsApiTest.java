package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

class ModelsApiTest extends ApiTestBase {
  @Autowired WebTestClient client;

  @SuppressWarnings("unchecked")
  private Map<String, Object> models() {
    return client
        .get()
        .uri("/v1/models")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(JSON_MAP)
        .returnResult()
        .getResponseBody();
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsFontsPlannersOcrEnginesAndNoDiffusionModel() {
    Map<String, Object> models = models();
    Map<String, Object> diffusion = (Map<String, Object>) models.get("diffusion");
    assertThat(diffusion.get("available")).isEqualTo(false);
    assertThat((String) diffusion.get("detail")).contains("no diffusion model package");
    assertThat((List<String>) models.get("fonts")).contains("noto-sans-cjk-sc", "lato");
    assertThat((List<Map<String, Object>>) models.get("planners"))
        .extracting(p -> p.get("name") + "=" + p.get("available"))
        .contains("auto=true", "heuristic=true", "lm=true")
        .anyMatch(p -> p.startsWith("llm="));
    assertThat((List<Map<String, Object>>) models.get("ocr"))
        .extracting(e -> e.get("engine"))
        .containsExactly("ppocr-v4", "tesseract");
    assertThat(((Map<String, Object>) models.get("limits")).get("maxSide")).isEqualTo(2048);
    assertThat((List<String>) ((Map<String, Object>) models.get("limits")).get("guidanceModes"))
        .containsExactly("text", "text+glyphs", "glyphs");
    assertThat(((Map<String, Object>) models.get("limits")).get("maxPromptGuidance"))
        .isEqualTo(30.0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGlyphUnetPackageThatIsNotTheConfiguredOneIsListedButNotRun() throws Exception {
    Path pkg = DATA.resolve("models").resolve("tiny-unet");
    Files.createDirectories(pkg);
    Files.writeString(
        pkg.resolve("model.json"),
        "{\"name\":\"tiny-unet\",\"kind\":\"glyph-unet\",\"format\":\"onnx\"}");
    try {
      Map<String, Object> models = models();
      assertThat((List<Map<String, Object>>) models.get("packages"))
          .extracting(p -> p.get("name") + ":" + p.get("kind"))
          .containsExactly("tiny-unet:glyph-unet");
      Map<String, Object> diffusion = (Map<String, Object>) models.get("diffusion");
      assertThat(diffusion.get("available")).isEqualTo(false);
      assertThat((String) diffusion.get("detail")).contains("no diffusion model package");
      Map<String, Object> p =
          expectProblem(
              client,
              "/v1/images",
              "{\"prompt\":\"A sign that says 'OPEN'\",\"width\":256,\"height\":256}",
              503,
              "model-unavailable");
      assertThat((String) p.get("detail")).contains("tiny-unet").contains("does not load");
    } finally {
      Files.delete(pkg.resolve("model.json"));
      Files.delete(pkg);
    }
  }
}
