package io.glyphwright.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glyphwright.web.ApiTestBase;
import io.glyphwright.web.jobs.JobOutcome;
import io.glyphwright.web.jobs.JobQueue;
import io.glyphwright.web.jobs.JobWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The queue's limits and cancellation, driven by jobs that wait until they are let go. */
class JobApiTest extends ApiTestBase {
  @Autowired WebTestClient client;
  @Autowired JobQueue queue;

  /** Work that reports once, then waits (checking for cancellation) until released. */
  static JobWork waiting(CountDownLatch started, CountDownLatch release) {
    return context -> {
      context.progress(0.1, "waiting");
      started.countDown();
      while (!release.await(20, TimeUnit.MILLISECONDS)) {
        context.checkCancelled();
      }
      return new JobOutcome(List.of(), Map.of("waited", true));
    };
  }

  @Test
  @SuppressWarnings("unchecked")
  void queuedAndRunningJobsCanBeCancelled() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    String running = queue.submit("test", "t", f -> {}, waiting(started, release)).id();
    String queued =
        queue.submit("test", "t", f -> {}, waiting(new CountDownLatch(1), release)).id();
    try {
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      client
          .get()
          .uri("/v1/jobs/" + queued)
          .exchange()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("queued");

      client
          .delete()
          .uri("/v1/jobs/" + queued)
          .exchange()
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("cancelled");
      client
          .delete()
          .uri("/v1/jobs/" + running)
          .exchange()
          .expectStatus()
          .isAccepted()
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo("cancelled");

      List<ServerSentEvent<Map<String, Object>>> events =
          client
              .get()
              .uri("/v1/jobs/" + running + "/events")
              .exchange()
              .returnResult(
                  new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {})
              .getResponseBody()
              .filter(e -> e.event() != null)
              .collectList()
              .block(Duration.ofSeconds(10));
      assertThat(events)
          .extracting(ServerSentEvent::event)
          .containsExactly("progress", "progress", "progress", "error");
      assertThat(events.get(3).data().get("status")).isEqualTo("cancelled");

      client
          .delete()
          .uri("/v1/jobs/" + running)
          .exchange()
          .expectStatus()
          .isEqualTo(409)
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("/problems/job-finished");
      // The cancelled job's worker is free again: a new job runs to the end.
      CountDownLatch s2 = new CountDownLatch(1);
      CountDownLatch r2 = new CountDownLatch(0);
      String next = queue.submit("test", "t", f -> {}, waiting(s2, r2)).id();
      Map<String, Object> view = awaitJob(client, next, Duration.ofSeconds(10));
      assertThat(view.get("status")).isEqualTo("done");
      assertThat((Map<String, Object>) view.get("result")).containsEntry("waited", true);
    } finally {
      release.countDown();
    }
  }

  @Test
  void aFullQueueAnswers429WithRetryAfter() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    List<String> ids = new ArrayList<>();
    try {
      ids.add(queue.submit("test", "t", f -> {}, waiting(started, release)).id());
      ids.add(queue.submit("test", "t", f -> {}, waiting(new CountDownLatch(1), release)).id());
      ids.add(queue.submit("test", "t", f -> {}, waiting(new CountDownLatch(1), release)).id());
      assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      Map<String, Object> p =
          postForm(client, "/v1/ocr", imageForm(textImage(256, 128, "HI"), null))
              .expectStatus()
              .isEqualTo(429)
              .expectHeader()
              .exists("Retry-After")
              .expectBody(JSON_MAP)
              .returnResult()
              .getResponseBody();
      assertProblem(p, 429, "queue-full", "/v1/ocr");
      assertThat(((Number) p.get("retryAfter")).longValue()).isPositive();
      client
          .post()
          .uri("/v1/batches")
          .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
          .bodyValue("{\"items\":[{\"prompt\":\"'A'\",\"width\":128,\"height\":128}]}")
          .exchange()
          .expectStatus()
          .isEqualTo(429)
          .expectBody()
          .returnResult();
      String metrics = prometheus(client);
      assertThat(metrics)
          .containsPattern("glyphwright_jobs_queue_depth\\S* 2\\.0")
          .contains("glyphwright_jobs_rejected_total");
    } finally {
      release.countDown();
      for (String id : ids) {
        awaitJob(client, id, Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void unknownJobsAreProblems() {
    String id = UUID.randomUUID().toString();
    for (String uri :
        List.of(
            "/v1/jobs/" + id,
            "/v1/jobs/" + id + "/events",
            "/v1/jobs/not-a-job",
            "/v1/jobs/..%2F..%2Fetc")) {
      client
          .get()
          .uri(uri)
          .exchange()
          .expectStatus()
          .isNotFound()
          .expectBody()
          .jsonPath("$.type")
          .value(t -> assertThat((String) t).isIn("/problems/unknown-job", "/problems/not-found"));
    }
    client
        .delete()
        .uri("/v1/jobs/" + id)
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/unknown-job");
    client
        .get()
        .uri("/v1/jobs/" + id + "/images/0.png")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .returnResult();
  }
}
