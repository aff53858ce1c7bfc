package io.glyphwright.web.api;

import io.glyphwright.web.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** On the defaults: no API key asked, no CORS headers given to other origins. */
class CorsOffByDefaultTest extends ApiTestBase {
  @Autowired WebTestClient client;

  @Test
  void otherOriginsGetNoCorsHeadersAndNoKeyIsNeeded() {
    client
        .get()
        .uri("/v1/models")
        .header(HttpHeaders.ORIGIN, "https://elsewhere.example")
        .exchange()
        .expectHeader()
        .doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
        .expectBody()
        .returnResult();
    client.get().uri("/v1/models").exchange().expectStatus().isOk().expectBody().returnResult();
  }
}
