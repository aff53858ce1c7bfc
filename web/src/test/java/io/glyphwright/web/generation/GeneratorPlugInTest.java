package io.glyphwright.web.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.web.jobs.JobContext;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The plug-in point: an {@link ImageGenerator} bean takes the place of the diffusion model, and
 * {@code POST /v1/images} queues a generate job, saves its images and OCR-checks them (the job
 * reads back images the generator did not). The generator here is a test double that paints the
 * glyph mask as the "image" (test code only).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "glyphwright.data-dir=${java.io.tmpdir}/glyphwright-web-test-generator",
      "glyphwright.unet.model=${java.io.tmpdir}/glyphwright-web-test-generator/no-unet",
      "glyphwright.ocr.onnx-threads=1",
      "logging.structured.format.console=",
    })
@AutoConfigureWebTestClient(timeout = "PT60S")
@Import(GeneratorPlugInTest.MaskPainter.class)
class GeneratorPlugInTest {
  static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
      new ParameterizedTypeReference<>() {};

  @TestConfiguration
  static class MaskPainter {
    @Bean
    ImageGenerator maskPainter(GlyphRenderer renderer) {
      return new ImageGenerator() {
        @Override
        public String modelName() {
          return "test-mask-painter";
        }

        @Override
        public List<GeneratedImage> generate(GenerationRequest request, JobContext context) {
          for (int step = 1; step <= request.steps(); step++) {
            context.progress(
                0.9 * step / request.steps(), "step " + step + " of " + request.steps());
          }
          BufferedImage mask = renderer.render(request.layout()).mask();
          List<GeneratedImage> images = new ArrayList<>();
          for (int k = 0; k < request.n(); k++) {
            BufferedImage rgb =
                new BufferedImage(mask.getWidth(), mask.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = rgb.createGraphics();
            g.drawImage(mask, 0, 0, null);
            g.dispose();
            images.add(new GeneratedImage(k, request.seed() + k, 0, rgb, null, null));
          }
          return images;
        }
      };
    }
  }

  @Autowired WebTestClient client;

  @Test
  @SuppressWarnings("unchecked")
  void aGeneratorTurnsImageRequestsIntoJobsWithImagesAndOcrVerdicts() throws Exception {
    client
        .get()
        .uri("/v1/models")
        .exchange()
        .expectBody()
        .jsonPath("$.diffusion.available")
        .isEqualTo(true)
        .jsonPath("$.diffusion.model")
        .isEqualTo("test-mask-painter");
    Map<String, Object> job =
        client
            .post()
            .uri("/v1/images")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                "{\"prompt\":\"A poster that says 'GRAND OPENING'\",\"width\":512,\"height\":512,"
                    + "\"steps\":5,\"seed\":42,\"n\":2}")
            .exchange()
            .expectStatus()
            .isAccepted()
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    assertThat(job.get("kind")).isEqualTo("generate");
    String id = (String) job.get("id");
    Map<String, Object> view = null;
    for (int i = 0; i < 600; i++) {
      view =
          client
              .get()
              .uri("/v1/jobs/" + id)
              .exchange()
              .expectBody(JSON_MAP)
              .returnResult()
              .getResponseBody();
      if ("done".equals(view.get("status")) || "failed".equals(view.get("status"))) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(view.get("status")).isEqualTo("done");
    assertThat((List<String>) view.get("images")).hasSize(2);
    Map<String, Object> result = (Map<String, Object>) view.get("result");
    assertThat(result)
        .containsEntry("seed", 42)
        .containsEntry("steps", 5)
        .containsEntry("model", "test-mask-painter");
    List<Map<String, Object>> checks = (List<Map<String, Object>>) result.get("checks");
    assertThat(checks).hasSize(2);
    List<Map<String, Object>> verdicts = (List<Map<String, Object>>) checks.get(0).get("verdicts");
    assertThat(verdicts)
        .extracting(v -> v.get("text") + "=" + v.get("read"))
        .containsExactly("GRAND OPENING=true");
    client
        .get()
        .uri(((List<String>) view.get("images")).get(1))
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.IMAGE_PNG);
  }
}
