package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class OperationsTest extends ApiTestBase {
  @Autowired WebTestClient client;

  @Test
  void healthAndReadinessAreUp() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
    client
        .get()
        .uri("/actuator/health/readiness")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");
  }

  @Test
  void prometheusShowsTheQueue() {
    String metrics = prometheus(client);
    assertThat(metrics)
        .contains("glyphwright_jobs_queue_depth")
        .contains("glyphwright_jobs_running");
  }

  @Test
  void theOpenApiDescriptionListsTheEndpoints() {
    String doc =
        client
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(doc)
        .contains("/v1/layouts", "/v1/glyphs", "/v1/images", "/v1/ocr", "/v1/batches", "/v1/models")
        .contains("/v1/jobs/{id}/events")
        .contains("Glyphwright API");
    client
        .get()
        .uri("/swagger-ui.html")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectBody()
        .returnResult();
  }

  @Test
  void theUiAndProblemTypePagesAreServed() {
    for (String page : new String[] {"/", "/ocr.html", "/batch.html", "/app.css", "/compose.js"}) {
      client.get().uri(page).exchange().expectStatus().isOk().expectBody().returnResult();
    }
    client
        .get()
        .uri("/problems/queue-full")
        .accept(MediaType.TEXT_HTML)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(html -> assertThat(html).contains("The job queue is full").contains("429"));
  }
}
