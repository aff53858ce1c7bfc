package io.glyphwright.web.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With an API key and a CORS origin configured (both are off by default). */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "glyphwright.security.api-key=s3cret",
      "glyphwright.cors.allowed-origins=https://shop.example",
      "glyphwright.data-dir=${java.io.tmpdir}/glyphwright-web-test-apikey",
      "logging.structured.format.console=",
    })
@AutoConfigureWebTestClient
class ApiKeyAndCorsTest {
  @Autowired WebTestClient client;

  @Test
  void v1NeedsTheKey() {
    client
        .get()
        .uri("/v1/models")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unauthorized")
        .jsonPath("$.detail")
        .value(d -> org.assertj.core.api.Assertions.assertThat((String) d).contains("X-API-Key"));
    client
        .get()
        .uri("/v1/models")
        .header("X-API-Key", "wrong")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .returnResult();
    client
        .get()
        .uri("/v1/models")
        .header("X-API-Key", "s3cret")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  @Test
  void theUiAndHealthStayOpen() {
    client.get().uri("/").exchange().expectStatus().isOk().expectBody().returnResult();
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .returnResult();
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigin() {
    client
        .options()
        .uri("/v1/layouts")
        .header(HttpHeaders.ORIGIN, "https://shop.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-api-key")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://shop.example")
        .expectBody()
        .returnResult();
    client
        .options()
        .uri("/v1/layouts")
        .header(HttpHeaders.ORIGIN, "https://evil.example")
        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectBody()
        .returnResult();
  }
}
