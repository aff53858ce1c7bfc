package io.glyphwright.web.generation;

import static io.glyphwright.web.ApiTestBase.JSON_MAP;
import static io.glyphwright.web.ApiTestBase.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A package whose {@code unet.onnx} was changed after it was written: the service starts anyway,
 * {@code GET /v1/models} says the model is unavailable with the loader's message, and {@code POST
 * /v1/images} answers 503 with it; everything else works.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"glyphwright.ocr.onnx-threads=1", "logging.structured.format.console="})
@AutoConfigureWebTestClient(timeout = "PT60S")
class TamperedPackageTest {
  static final Path DATA = tampered();

  @DynamicPropertySource
  static void unet(DynamicPropertyRegistry registry) {
    registry.add("glyphwright.data-dir", DATA::toString);
    registry.add("glyphwright.models-dir", () -> DATA.resolve("models").toString());
    registry.add("glyphwright.unet.model", () -> DATA.resolve("damaged").toString());
  }

  /** A copy of the tiny package with one byte of unet.onnx flipped (same size). */
  private static Path tampered() {
    try {
      Path dir = Files.createTempDirectory("glyphwright-web-tampered");
      Path pkg = TinyGlyphUnet.copyTo(dir.resolve("damaged"));
      Path onnx = pkg.resolve("unet.onnx");
      byte[] bytes = Files.readAllBytes(onnx);
      bytes[bytes.length / 2] ^= 0x5a;
      Files.write(onnx, bytes);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired WebTestClient client;

  @Test
  @SuppressWarnings("unchecked")
  void theServiceStartsAndSaysWhatIsWrongWithThePackage() {
    Map<String, Object> models =
        client
            .get()
            .uri("/v1/models")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    Map<String, Object> diffusion = (Map<String, Object>) models.get("diffusion");
    assertThat(diffusion.get("available")).isEqualTo(false);
    assertThat((String) diffusion.get("detail"))
        .contains("cannot be used")
        .contains("unet.onnx: sha256 mismatch")
        .contains("retrain or restore it");
    Map<String, Object> p =
        expectProblem(
            client,
            "/v1/images",
            "{\"prompt\":\"A poster that says 'OPEN'\",\"width\":64,\"height\":64}",
            503,
            "model-unavailable");
    assertThat((String) p.get("detail"))
        .contains("unet.onnx: sha256 mismatch")
        .contains("request itself is valid");
    client
        .post()
        .uri("/v1/layouts")
        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
        .bodyValue("{\"prompt\":\"A poster that says 'OPEN'\",\"width\":512,\"height\":512}")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
