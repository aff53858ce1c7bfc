package io.glyphwright.web.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A job while it is queued or running: its state and its event stream. Every change of state and
 * every event goes through this object's lock, so events are emitted in order from one thread at a
 * time and a subscriber sees the whole stream (it is replayed from the start).
 */
final class Job {
  final String id;
  final String kind;
  final Instant createdAt;
  final String requestId;
  final JobWork work;

  private JobStatus status = JobStatus.QUEUED;
  private double progress;
  private String stage = "queued";
  private Instant startedAt;
  private Instant finishedAt;
  private final List<String> images = new ArrayList<>();
  private List<Map<String, Object>> ocr = List.of();
  private Map<String, Object> result;
  private JobView.JobError error;
  private long seq;
  private Future<?> future;
  private final Sinks.Many<JobEvent> events = Sinks.many().replay().all();

  Job(String id, String kind, Instant createdAt, String requestId, JobWork work) {
    this.id = id;
    this.kind = kind;
    this.createdAt = createdAt;
    this.requestId = requestId;
    this.work = work;
  }

  synchronized JobStatus status() {
    return status;
  }

  synchronized void future(Future<?> f) {
    this.future = f;
  }

  synchronized Future<?> future() {
    return future;
  }

  /** Moves a queued job to running; false when it was cancelled while queued. */
  synchronized boolean start(Instant now) {
    if (status != JobStatus.QUEUED) {
      return false;
    }
    status = JobStatus.RUNNING;
    startedAt = now;
    stage = "started";
    return true;
  }

  synchronized JobEvent progress(double fraction, String what) {
    if (status.finished()) {
      return null;
    }
    progress = Math.max(progress, Math.min(1.0, Math.max(0.0, fraction)));
    stage = what;
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", status.wire());
    data.put("progress", progress);
    data.put("stage", stage);
    return emit(JobEvent.PROGRESS, data);
  }

  synchronized JobEvent image(String url, int index, String label) {
    images.add(url);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("index", index);
    data.put("image", url);
    data.put("label", label);
    return emit(JobEvent.PREVIEW, data);
  }

  synchronized JobEvent frame(String dataUrl, int index, String label) {
    if (status.finished()) {
      return null;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("index", index);
    data.put("image", dataUrl);
    data.put("label", label);
    data.put("frame", true);
    return emit(JobEvent.PREVIEW, data);
  }

  synchronized int imageCount() {
    return images.size();
  }

  /**
   * Ends the job; null when it had already ended (a cancel that lost the race with the end of the
   * work, or the reverse).
   */
  synchronized JobEvent finish(
      JobStatus end,
      Instant now,
      JobOutcome outcome,
      JobView.JobError why,
      Map<String, String> links) {
    if (status.finished()) {
      return null;
    }
    status = end;
    finishedAt = now;
    if (outcome != null) {
      ocr = outcome.ocr();
      result = outcome.result();
    }
    error = why;
    if (end == JobStatus.DONE) {
      progress = 1.0;
      stage = "done";
    } else {
      stage = end.wire();
    }
    JobEvent event;
    if (end == JobStatus.DONE) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("status", end.wire());
      data.put("images", List.copyOf(images));
      data.put("ocr", ocr);
      if (result != null) {
        data.put("result", result);
      }
      data.put("links", links);
      event = emit(JobEvent.DONE, data);
    } else {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("status", end.wire());
      data.put("title", why.title());
      data.put("detail", why.detail());
      event = emit(JobEvent.ERROR, data);
    }
    events.tryEmitComplete();
    return event;
  }

  private JobEvent emit(String type, Map<String, Object> data) {
    JobEvent event = new JobEvent(++seq, type, data);
    events.tryEmitNext(event);
    return event;
  }

  Flux<JobEvent> events() {
    return events.asFlux();
  }

  synchronized JobView view(Map<String, String> links) {
    return new JobView(
        id,
        kind,
        status,
        progress,
        stage,
        createdAt,
        startedAt,
        finishedAt,
        List.copyOf(images),
        ocr,
        result,
        error,
        links);
  }
}
