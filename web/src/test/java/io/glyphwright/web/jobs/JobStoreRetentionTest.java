package io.glyphwright.web.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class JobStoreRetentionTest {
  @TempDir Path data;

  private static JobWork instant() {
    return context -> new JobOutcome(List.of(), Map.of());
  }

  private static void await(JobQueue queue, String id) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      if (queue.view(id).orElseThrow().status().finished()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("job " + id + " did not finish");
  }

  @Test
  void onlyTheNewestFinishedJobsAreKept() throws Exception {
    JobStore store = new JobStore(data, JsonMapper.builder().build());
    try (JobQueue queue =
        new JobQueue(
            store, 1, 4, 2, Duration.ofDays(1), new SimpleMeterRegistry(), Clock.systemUTC())) {
      String a = queue.submit("test", "r", f -> {}, instant()).id();
      await(queue, a);
      Thread.sleep(5);
      String b = queue.submit("test", "r", f -> {}, instant()).id();
      await(queue, b);
      Thread.sleep(5);
      String c = queue.submit("test", "r", f -> {}, instant()).id();
      await(queue, c);
      // The sweep runs as a job ends, just after its status changes: give it a moment.
      for (int i = 0; i < 200 && queue.view(a).isPresent(); i++) {
        Thread.sleep(10);
      }
      assertThat(queue.view(a)).isEmpty();
      assertThat(Files.exists(store.folder(a))).isFalse();
      assertThat(queue.view(b)).isPresent();
      assertThat(queue.view(c)).isPresent();
    }
  }

  @Test
  void finishedJobsExpireAndUnfinishedOnesAreMarkedAfterARestart() throws Exception {
    JobStore store = new JobStore(data, JsonMapper.builder().build());
    String old;
    try (JobQueue queue =
        new JobQueue(
            store, 1, 4, 100, Duration.ofDays(1), new SimpleMeterRegistry(), Clock.systemUTC())) {
      old = queue.submit("test", "r", f -> {}, instant()).id();
      await(queue, old);
    }
    // A job left "running" on disk, as a killed service would leave it.
    String stale = "00000000-0000-4000-8000-000000000001";
    Files.createDirectories(store.folder(stale));
    store.writeView(
        new JobView(
            stale,
            "ocr",
            JobStatus.RUNNING,
            0.3,
            "reading",
            Instant.now(),
            Instant.now(),
            null,
            List.of(),
            List.of(),
            null,
            null,
            Map.of()));
    Clock later = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
    try (JobQueue queue =
        new JobQueue(store, 1, 4, 100, Duration.ofDays(1), new SimpleMeterRegistry(), later)) {
      assertThat(queue.view(old)).isEmpty();
      JobView recovered = queue.view(stale).orElseThrow();
      assertThat(recovered.status()).isEqualTo(JobStatus.FAILED);
      assertThat(recovered.error().detail()).contains("submit it again");
      assertThat(store.readEvents(stale)).extracting(JobEvent::type).containsExactly("error");
    }
  }

  @Test
  void malformedIdsNeverBecomePaths() {
    JobStore store = new JobStore(data, JsonMapper.builder().build());
    assertThat(store.readView("../../etc/passwd")).isEmpty();
    assertThat(JobStore.wellFormed("00000000-0000-4000-8000-00000000000G")).isFalse();
  }
}
