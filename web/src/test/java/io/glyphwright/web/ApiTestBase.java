package io.glyphwright.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * One service for all API tests (Spring caches the context): a fresh data folder, a tiny job queue
 * (1 running + 2 waiting, so that 429 is reachable), small upload limits, and no diffusion model
 * (an empty folder as {@code glyphwright.unet.model}).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "glyphwright.jobs.concurrency=1",
      "glyphwright.jobs.queue-depth=2",
      "glyphwright.limits.max-upload-size=1MB",
      "glyphwright.ocr.onnx-threads=1",
      "logging.structured.format.console=",
    })
@AutoConfigureWebTestClient(timeout = "PT60S")
public abstract class ApiTestBase {
  protected static final Path DATA = tempDir();
  public static final ParameterizedTypeReference<Map<String, Object>> JSON_MAP =
      new ParameterizedTypeReference<>() {};

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("glyphwright.data-dir", DATA::toString);
    registry.add("glyphwright.models-dir", () -> DATA.resolve("models").toString());
    // No diffusion model, whatever models/glyph-unet-s holds: these tests are about the rest.
    registry.add("glyphwright.unet.model", NO_UNET::toString);
  }

  /** An empty folder as the diffusion model package: the service has no generator. */
  protected static final Path NO_UNET = io.glyphwright.web.generation.TinyGlyphUnet.emptyFolder();

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("glyphwright-web-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Prometheus page (larger than the default client buffer). */
  protected static String prometheus(WebTestClient client) {
    return client
        .mutate()
        .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
        .build()
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  /** POSTs JSON and expects a problem of the given status and type; returns the problem. */
  public static Map<String, Object> expectProblem(
      WebTestClient client, String path, String json, int status, String type) {
    Map<String, Object> problem =
        client
            .post()
            .uri(path)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange()
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(JSON_MAP)
            .returnResult()
            .getResponseBody();
    assertProblem(problem, status, type, path);
    return problem;
  }

  public static void assertProblem(
      Map<String, Object> problem, int status, String type, String instance) {
    assertThat(problem).isNotNull();
    assertThat(problem.get("type")).isEqualTo("/problems/" + type);
    assertThat(problem.get("status")).isEqualTo(status);
    assertThat((String) problem.get("title")).isNotBlank();
    assertThat((String) problem.get("detail")).isNotBlank();
    assertThat(problem.get("instance")).isEqualTo(instance);
  }

  /** A PNG of white text on black, as the glyph renderer draws it: easy for OCR. */
  public static byte[] textImage(int width, int height, String... lines) {
    List<TextLine> textLines =
        java.util.stream.IntStream.range(0, lines.length)
            .mapToObj(
                i -> {
                  int top = 20 + i * (88 / lines.length);
                  return new TextLine(lines[i], new Box(8, top, 120, top + 88 / lines.length - 8));
                })
            .toList();
    Layout layout = new Layout(width, height, Layout.DEFAULT_GRID, textLines);
    return GlyphImages.pngBytes(GlyphRenderer.system().render(layout).mask());
  }

  protected static MultipartBodyBuilder imageForm(byte[] png, String expect) {
    MultipartBodyBuilder form = new MultipartBodyBuilder();
    form.part(
            "image",
            new org.springframework.core.io.ByteArrayResource(png) {
              @Override
              public String getFilename() {
                return "image.png";
              }
            })
        .contentType(MediaType.IMAGE_PNG);
    if (expect != null) {
      form.part("expect", expect);
    }
    return form;
  }

  /** POSTs a multipart form; returns the response spec. */
  protected static WebTestClient.ResponseSpec postForm(
      WebTestClient client, String path, MultipartBodyBuilder form) {
    return client
        .post()
        .uri(path)
        .contentType(MediaType.MULTIPART_FORM_DATA)
        .body(BodyInserters.fromMultipartData(form.build()))
        .exchange();
  }

  /** Polls a job until it has finished; returns its view. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> awaitJob(WebTestClient client, String id, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Object> view =
          client
              .get()
              .uri("/v1/jobs/" + id)
              .exchange()
              .expectStatus()
              .isOk()
              .expectBody(JSON_MAP)
              .returnResult()
              .getResponseBody();
      String status = (String) view.get("status");
      if (List.of("done", "failed", "cancelled").contains(status)) {
        return view;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("job " + id + " still " + status + " after " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
