package io.glyphwright.web.api;

import io.glyphwright.web.ApiTestBase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Requests that follow, on a keep-alive connection, a request answered on another thread (a layout,
 * planned on the render scheduler) are all read and answered. On Reactor Netty 1.3.6 the request
 * after a held-back one whose answer ended at once on the event loop was never read
 * (reactor/reactor-netty#4361): job polls hung until the client's timeout, within a few dozen
 * rounds of this loop.
 */
class KeepAliveTest extends ApiTestBase {
  @Autowired WebTestClient client;

  @Test
  void everyRequestAfterAnAnswerFromAnotherThreadIsAnswered() {
    WebTestClient c = client.mutate().responseTimeout(Duration.ofSeconds(10)).build();
    for (int i = 0; i < 150; i++) {
      c.post()
          .uri("/v1/layouts")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue("{\"prompt\":\"A sign that says 'OPEN'\",\"width\":64,\"height\":64}")
          .exchange()
          .expectStatus()
          .isOk();
      // A job poll, then a request the dispatcher refuses at once, on the event loop.
      c.get().uri("/v1/jobs/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
      c.get().uri("/v1/no-such-path").exchange().expectStatus().isNotFound();
      c.get().uri("/v1/jobs/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
    }
  }
}
