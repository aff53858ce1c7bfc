package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

class OcrApiTest extends ApiTestBase {
  static final String PATH = "/v1/ocr";

  @Autowired WebTestClient client;

  private String submit(byte[] png, String expect) {
    Map<String, Object> job =
        postForm(client, PATH, imageForm(png, expect))
            .expectStatus()
            .isAccepted()
            .expectHeader()
            .exists("Location")
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    assertThat(job.get("kind")).isEqualTo("ocr");
    return (String) job.get("id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOcrJobStreamsProgressThenDoneWithTheLinesRead() {
    String id = submit(textImage(512, 256, "HELLO WORLD"), "HELLO WORLD\nGOODBYE");
    List<ServerSentEvent<Map<String, Object>>> events =
        client
            .get()
            .uri("/v1/jobs/" + id + "/events")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody()
            .filter(e -> e.event() != null)
            .collectList()
            .block(Duration.ofSeconds(60));
    assertThat(events).isNotNull();
    List<String> types = events.stream().map(ServerSentEvent::event).toList();
    assertThat(types.get(types.size() - 1)).isEqualTo("done");
    assertThat(types.subList(0, types.size() - 1)).isNotEmpty().allMatch("progress"::equals);
    List<Double> progress =
        events.stream()
            .filter(e -> e.event().equals("progress"))
            .map(e -> ((Number) e.data().get("progress")).doubleValue())
            .toList();
    assertThat(progress).isSorted();
    assertThat(events).extracting(ServerSentEvent::id).doesNotContainNull();

    Map<String, Object> done = events.get(events.size() - 1).data();
    List<Map<String, Object>> ocr = (List<Map<String, Object>>) done.get("ocr");
    assertThat(ocr).extracting(l -> l.get("text")).contains("HELLO WORLD");
    Map<String, Object> result = (Map<String, Object>) done.get("result");
    List<Map<String, Object>> verdicts = (List<Map<String, Object>>) result.get("verdicts");
    assertThat(verdicts)
        .extracting(v -> v.get("text") + "=" + v.get("read"))
        .containsExactly("HELLO WORLD=true", "GOODBYE=false");

    // The finished job is read back from disk, events included.
    client
        .get()
        .uri("/v1/jobs/" + id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("done")
        .jsonPath("$.ocr[0].text")
        .isEqualTo("HELLO WORLD");
    List<String> replay =
        client
            .get()
            .uri("/v1/jobs/" + id + "/events")
            .exchange()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
            .getResponseBody()
            .filter(e -> e.event() != null)
            .map(ServerSentEvent::event)
            .collectList()
            .block(Duration.ofSeconds(10));
    assertThat(replay).isEqualTo(types);
    String metrics = prometheus(client);
    assertThat(metrics)
        .contains("glyphwright_ocr_score")
        .contains("glyphwright_jobs_latency_seconds");
  }

  @Test
  void aFileThatIsNotAnImageIsRefused() {
    MultipartBodyBuilder form = imageForm("hello, I am text".getBytes(), null);
    postForm(client, PATH, form)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-image")
        .jsonPath("$.field")
        .isEqualTo("image");
    byte[] truncated = java.util.Arrays.copyOf(textImage(256, 128, "HI"), 60);
    postForm(client, PATH, imageForm(truncated, null))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-image");
  }

  @Test
  void anImageOverTheSideLimitIsRefused() throws Exception {
    BufferedImage wide = new BufferedImage(4100, 8, BufferedImage.TYPE_BYTE_GRAY);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(wide, "png", png);
    postForm(client, PATH, imageForm(png.toByteArray(), null))
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/image-too-large")
        .jsonPath("$.detail")
        .value(d -> assertThat((String) d).contains("4100×8").contains("4096"));
  }

  @Test
  void anUploadOverTheSizeLimitIsRefused() {
    byte[] big = new byte[1_200_000];
    big[0] = (byte) 0x89;
    postForm(client, PATH, imageForm(big, null))
        .expectStatus()
        .isEqualTo(413)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/body-too-large");
  }

  @Test
  void theFormIsReadStrictly() {
    MultipartBodyBuilder noImage = new MultipartBodyBuilder();
    noImage.part("expect", "HELLO");
    postForm(client, PATH, noImage)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/missing-field")
        .jsonPath("$.field")
        .isEqualTo("image");
    MultipartBodyBuilder extra = imageForm(textImage(256, 128, "HI"), null);
    extra.part("path", "/etc/passwd");
    postForm(client, PATH, extra)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unknown-field");
    MultipartBodyBuilder engine = imageForm(textImage(256, 128, "HI"), null);
    engine.part("engine", "abbyy");
    postForm(client, PATH, engine)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unknown-engine");
    MultipartBodyBuilder tooMany =
        imageForm(textImage(256, 128, "HI"), "A\nB\nC\nD\nE\nF\nG\nH\nI\nJ\nK\nL\nM\nN\nO\nP\nQ");
    postForm(client, PATH, tooMany)
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/too-many-lines");
    client
        .post()
        .uri(PATH)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"image\":\"/tmp/x.png\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(415)
        .expectBody()
        .returnResult();
  }
}
