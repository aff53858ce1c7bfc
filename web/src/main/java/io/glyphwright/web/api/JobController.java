package io.glyphwright.web.api;

import io.glyphwright.web.jobs.JobQueue;
import io.glyphwright.web.jobs.JobStore;
import io.glyphwright.web.jobs.JobView;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Job status, the SSE event stream, cancellation, and a job's stored images. Every handler works on
 * the bounded render scheduler, never on the Netty event loop: reading a job takes its lock or
 * reads its {@code job.json} and {@code events.jsonl}, and a cancel writes the job's end to disk.
 */
@RestController
@Tag(name = "jobs", description = "Follow, cancel and download jobs")
public class JobController {
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final JobQueue queue;
  private final JobStore store;
  private final Scheduler renderScheduler;

  public JobController(JobQueue queue, JobStore store, Scheduler renderScheduler) {
    this.queue = queue;
    this.store = store;
    this.renderScheduler = renderScheduler;
  }

  @Operation(summary = "A job's status, progress, images and OCR lines")
  @GetMapping(path = "/v1/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<JobView>> job(@PathVariable String id) {
    return Mono.fromCallable(
            () -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(find(id)))
        .subscribeOn(renderScheduler);
  }

  @Operation(
      summary = "A job's events (text/event-stream)",
      description =
          "Events: progress {status,progress,stage}, preview {index,image,label}, done"
              + " {status,images,ocr,result,links}, error {status,title,detail}. The whole stream"
              + " is replayed from the start; the SSE id is the event's number, and a client that"
              + " reconnects with Last-Event-ID gets only later events. A comment line is sent every"
              + " 15 s to keep the connection open.")
  @GetMapping(path = "/v1/jobs/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public Flux<ServerSentEvent<Object>> events(
      @PathVariable String id,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    long after = parseLastId(lastEventId);
    Flux<ServerSentEvent<Object>> main =
        Mono.fromCallable(
                () -> {
                  requireWellFormed(id);
                  return queue.events(id).orElseThrow(() -> unknownJob(id));
                })
            .subscribeOn(renderScheduler)
            .flatMapMany(events -> events)
            .filter(e -> e.seq() > after)
            .map(
                e ->
                    ServerSentEvent.<Object>builder(e.data())
                        .id(Long.toString(e.seq()))
                        .event(e.type())
                        .build());
    return main.publish(
        shared ->
            Flux.merge(
                shared,
                Flux.interval(HEARTBEAT)
                    .map(t -> ServerSentEvent.<Object>builder().comment("keep-alive").build())
                    .takeUntilOther(shared.then())));
  }

  @Operation(
      summary = "Cancel a job",
      description = "202 with the cancelled job; 409 when it had finished already")
  @DeleteMapping(path = "/v1/jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<JobView>> cancel(@PathVariable String id) {
    return Mono.fromCallable(() -> cancelNow(id)).subscribeOn(renderScheduler);
  }

  private ResponseEntity<JobView> cancelNow(String id) {
    requireWellFormed(id);
    switch (queue.cancel(id)) {
      case CANCELLED:
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(find(id));
      case ALREADY_FINISHED:
        throw new ApiProblem(
            ProblemType.JOB_FINISHED,
            "job "
                + id
                + " has already finished ("
                + find(id).status().wire()
                + "): there is nothing to cancel");
      default:
        throw unknownJob(id);
    }
  }

  @Operation(summary = "One of a job's images (PNG)")
  @GetMapping(path = "/v1/jobs/{id}/images/{index}.png", produces = MediaType.IMAGE_PNG_VALUE)
  public Mono<ResponseEntity<Resource>> image(@PathVariable String id, @PathVariable String index) {
    return Mono.fromCallable(() -> imageNow(id, index)).subscribeOn(renderScheduler);
  }

  private ResponseEntity<Resource> imageNow(String id, String index) {
    JobView view = find(id);
    int k;
    try {
      k = Integer.parseInt(index);
    } catch (NumberFormatException e) {
      k = -1;
    }
    if (k < 0 || k >= view.images().size()) {
      throw new ApiProblem(
          ProblemType.UNKNOWN_IMAGE,
          "job "
              + id
              + " has no image '"
              + index
              + "': it has "
              + view.images().size()
              + (view.images().size() == 1 ? " image" : " images")
              + (view.images().isEmpty() ? "" : ", numbered from 0"));
    }
    Path file = store.image(id, k);
    if (!Files.isRegularFile(file)) {
      throw new ApiProblem(
          ProblemType.UNKNOWN_IMAGE, "image " + k + " of job " + id + " is no longer stored");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.IMAGE_PNG)
        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
        .body(new FileSystemResource(file));
  }

  JobView find(String id) {
    requireWellFormed(id);
    return queue.view(id).orElseThrow(() -> unknownJob(id));
  }

  static void requireWellFormed(String id) {
    if (!JobStore.wellFormed(id)) {
      throw new ApiProblem(
          ProblemType.UNKNOWN_JOB,
          "'"
              + abbreviate(id)
              + "' is not a job id: job ids are the UUIDs that POST /v1/ocr, /v1/batches and /v1/images return");
    }
  }

  static ApiProblem unknownJob(String id) {
    return new ApiProblem(
        ProblemType.UNKNOWN_JOB,
        "there is no job "
            + id
            + ": it never existed or has expired (glyphwright.jobs.retain-jobs, retain-for)");
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  private static long parseLastId(String header) {
    if (header == null || header.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
