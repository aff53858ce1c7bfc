package io.glyphwright.web.jobs;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.web.http.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;

/**
 * The job queue: at most {@code concurrency} jobs run at once, each on its own worker thread (never
 * the event loop), and at most {@code queueDepth} more wait. A submission past that is refused with
 * a {@link QueueFullException} that says when to try again. Jobs can be cancelled while queued
 * (they never start) or running (the work stops at its next {@link JobContext#checkCancelled()} and
 * its thread is interrupted). Every job's state, events and outputs are written to the {@link
 * JobStore}; finished jobs are read back from there.
 */
public final class JobQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

  private final JobStore store;
  private final int concurrency;
  private final int capacity;
  private final int retainJobs;
  private final Duration retainFor;
  private final Clock clock;
  private final ExecutorService workers;
  private final Map<String, Job> live = new ConcurrentHashMap<>();
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();

  /** Mean run time of recent jobs, in milliseconds (exponentially weighted). */
  private final AtomicLong meanRunMillis = new AtomicLong(2_000);

  private final MeterRegistry meters;
  private final Counter rejected;

  /** The queue is full; retry after the given number of seconds. */
  public static final class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    QueueFullException(String message, long retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  public JobQueue(
      JobStore store,
      int concurrency,
      int queueDepth,
      int retainJobs,
      Duration retainFor,
      MeterRegistry meters,
      Clock clock) {
    this.store = store;
    this.concurrency = concurrency;
    this.capacity = concurrency + queueDepth;
    this.retainJobs = retainJobs;
    this.retainFor = retainFor;
    this.clock = clock;
    this.meters = meters;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "glyphwright-job-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.workers = Executors.newFixedThreadPool(concurrency, threads);
    Gauge.builder("glyphwright.jobs.queue.depth", this, JobQueue::queued)
        .description("Jobs waiting for a worker")
        .register(meters);
    Gauge.builder("glyphwright.jobs.running", running, AtomicInteger::get)
        .description("Jobs running now")
        .register(meters);
    this.rejected =
        Counter.builder("glyphwright.jobs.rejected")
            .description("Submissions refused because the queue was full")
            .register(meters);
    recoverInterrupted();
    sweep();
  }

  /** Jobs waiting for a worker. */
  public int queued() {
    return Math.max(0, admitted.get() - running.get());
  }

  public int running() {
    return running.get();
  }

  /**
   * Queues a job.
   *
   * @param prepare writes the job's inputs into its folder before it is queued
   * @throws QueueFullException when {@code concurrency + queueDepth} jobs are already admitted
   */
  public JobView submit(String kind, String requestId, FolderWriter prepare, JobWork work) {
    int now;
    do {
      now = admitted.get();
      if (now >= capacity) {
        rejected.increment();
        throw new QueueFullException(
            "the job queue is full ("
                + running.get()
                + " running, "
                + queued()
                + " waiting; glyphwright.jobs.queue-depth): try again later",
            retryAfterSeconds());
      }
    } while (!admitted.compareAndSet(now, now + 1));
    String id = JobStore.newId();
    Job job = new Job(id, kind, clock.instant(), requestId, work);
    try {
      prepare.write(store.create(id));
      store.writeView(job.view(links(job)));
    } catch (IOException | RuntimeException e) {
      admitted.decrementAndGet();
      store.delete(id);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    live.put(id, job);
    emitted(job, job.progress(0.0, "queued"));
    job.future(workers.submit(() -> run(job)));
    LogContext.with(
        Map.of("requestId", requestId == null ? "-" : requestId, "jobId", id),
        () -> LOG.atInfo().addKeyValue("kind", kind).log("job queued"));
    return job.view(links(job));
  }

  /** Writes a job's inputs into its folder. */
  @FunctionalInterface
  public interface FolderWriter {
    void write(java.nio.file.Path folder) throws IOException;
  }

  /** Seconds until a slot is likely free: the mean run time times the jobs ahead per worker. */
  long retryAfterSeconds() {
    long ahead = Math.max(1, queued() + 1);
    long millis = meanRunMillis.get() * ahead / concurrency;
    return Math.max(1, Math.min(300, (millis + 999) / 1000));
  }

  /** The job's current view: from memory while it is live, else from disk. */
  public Optional<JobView> view(String id) {
    Job job = live.get(id);
    if (job != null) {
      return Optional.of(job.view(links(job)));
    }
    return store.readView(id);
  }

  /**
   * The job's events: the whole stream from the start, then live ones until it ends; for a job no
   * longer live, the stored stream. Empty when the job does not exist.
   */
  public Optional<Flux<JobEvent>> events(String id) {
    Job job = live.get(id);
    if (job != null) {
      return Optional.of(job.events());
    }
    if (store.readView(id).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Flux.defer(() -> Flux.fromIterable(store.readEvents(id))));
  }

  /** The outcome of a cancel request. */
  public enum CancelResult {
    CANCELLED,
    ALREADY_FINISHED,
    UNKNOWN
  }

  /** Cancels a queued or running job. */
  public CancelResult cancel(String id) {
    Job job = live.get(id);
    if (job == null) {
      return store.readView(id).isPresent() ? CancelResult.ALREADY_FINISHED : CancelResult.UNKNOWN;
    }
    boolean wasRunning = job.status() == JobStatus.RUNNING;
    boolean ended =
        end(
            job,
            JobStatus.CANCELLED,
            null,
            new JobView.JobError(
                "Cancelled", "the job was cancelled (DELETE /v1/jobs/" + id + ")"));
    if (!ended) {
      return CancelResult.ALREADY_FINISHED;
    }
    Future<?> f = job.future();
    if (f != null && wasRunning) {
      f.cancel(true);
    }
    return CancelResult.CANCELLED;
  }

  private void run(Job job) {
    if (!job.start(clock.instant())) {
      return;
    }
    running.incrementAndGet();
    long start = System.nanoTime();
    MDC.put("jobId", job.id);
    if (job.requestId != null) {
      MDC.put("requestId", job.requestId);
    }
    try {
      persist(job);
      emitted(job, job.progress(0.0, "started"));
      JobOutcome outcome = job.work.run(new Context(job));
      end(job, JobStatus.DONE, outcome, null);
    } catch (JobCancelledException | InterruptedException e) {
      end(
          job,
          JobStatus.CANCELLED,
          null,
          new JobView.JobError("Cancelled", "the job was cancelled"));
    } catch (JobFailedException e) {
      end(job, JobStatus.FAILED, null, new JobView.JobError("Job failed", e.getMessage()));
    } catch (Exception | LinkageError e) {
      if (job.status() == JobStatus.CANCELLED) {
        return; // interrupted I/O of a cancelled job
      }
      LOG.atError().setCause(e).log("job failed");
      end(
          job,
          JobStatus.FAILED,
          null,
          new JobView.JobError(
              "Job failed",
              "the job failed unexpectedly ("
                  + e.getClass().getSimpleName()
                  + "); it is logged under job id "
                  + job.id
                  + ": try again, and report it if it keeps failing"));
    } finally {
      running.decrementAndGet();
      long millis = (System.nanoTime() - start) / 1_000_000;
      meanRunMillis.updateAndGet(m -> (m * 3 + millis) / 4);
      Thread.interrupted(); // a cancel's interrupt must not leak to the worker's next job
      MDC.remove("jobId");
      MDC.remove("requestId");
    }
  }

  /** Ends a job once; false when it had already ended. */
  private boolean end(Job job, JobStatus status, JobOutcome outcome, JobView.JobError why) {
    JobEvent event = job.finish(status, clock.instant(), outcome, why, links(job));
    if (event == null) {
      return false;
    }
    admitted.decrementAndGet();
    try {
      store.appendEvent(job.id, event);
      persist(job);
    } catch (IOException e) {
      LOG.warn("cannot store the end of job {}: {}", job.id, e.toString());
    }
    live.remove(job.id);
    Timer.builder("glyphwright.jobs.latency")
        .description("Time from submission to the end of a job")
        .tag("kind", job.kind)
        .tag("status", status.wire())
        .publishPercentileHistogram()
        .register(meters)
        .record(Duration.between(job.createdAt, clock.instant()));
    LogContext.with(
        "jobId",
        job.id,
        () ->
            LOG.atInfo()
                .addKeyValue("kind", job.kind)
                .addKeyValue("status", status.wire())
                .log("job ended"));
    sweep();
    return true;
  }

  private void persist(Job job) throws IOException {
    store.writeView(job.view(links(job)));
  }

  private void emitted(Job job, JobEvent event) {
    if (event == null) {
      return;
    }
    try {
      store.appendEvent(job.id, event);
    } catch (IOException e) {
      LOG.warn("cannot store an event of job {}: {}", job.id, e.toString());
    }
  }

  static Map<String, String> links(Job job) {
    return links(job.id, job.kind);
  }

  static Map<String, String> links(String id, String kind) {
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", "/v1/jobs/" + id);
    links.put("events", "/v1/jobs/" + id + "/events");
    if (kind.equals("batch")) {
      links.put("download", "/v1/batches/" + id + "/result.zip");
    }
    return links;
  }

  /** Deletes finished jobs beyond the retention limits. */
  public int sweep() {
    int deleted = store.sweep(retainJobs, retainFor, clock.instant());
    if (deleted > 0) {
      LOG.info("retention: deleted {} finished jobs", deleted);
    }
    return deleted;
  }

  /** Jobs left queued or running by a service that stopped are marked failed. */
  private void recoverInterrupted() {
    for (JobView v : store.all()) {
      if (!v.status().finished()) {
        JobView.JobError why =
            new JobView.JobError(
                "Interrupted", "the service stopped before this job finished: submit it again");
        JobView failed =
            new JobView(
                v.id(),
                v.kind(),
                JobStatus.FAILED,
                v.progress(),
                "failed",
                v.createdAt(),
                v.startedAt(),
                clock.instant(),
                v.images(),
                v.ocr(),
                v.result(),
                why,
                v.links());
        try {
          long seq = store.readEvents(v.id()).size() + 1L;
          store.appendEvent(
              v.id(),
              new JobEvent(
                  seq,
                  JobEvent.ERROR,
                  Map.of("status", "failed", "title", why.title(), "detail", why.detail())));
          store.writeView(failed);
        } catch (IOException e) {
          LOG.warn("cannot mark job {} interrupted: {}", v.id(), e.toString());
        }
      }
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  List<String> liveIds() {
    return List.copyOf(live.keySet());
  }

  private final class Context implements JobContext {
    private final Job job;

    Context(Job job) {
      this.job = job;
    }

    @Override
    public String jobId() {
      return job.id;
    }

    @Override
    public java.nio.file.Path folder() {
      return store.folder(job.id);
    }

    @Override
    public void progress(double fraction, String stage) {
      checkCancelled();
      emitted(job, job.progress(fraction, stage));
    }

    @Override
    public int saveImage(byte[] png, String label) throws IOException {
      checkCancelled();
      int index = job.imageCount();
      AtomicFiles.write(store.image(job.id, index), png);
      emitted(job, job.image("/v1/jobs/" + job.id + "/images/" + index + ".png", index, label));
      return index;
    }

    @Override
    public void frame(byte[] png, int index, String label) {
      checkCancelled();
      String url = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png);
      emitted(job, job.frame(url, index, label));
    }

    @Override
    public void checkCancelled() {
      if (job.status() == JobStatus.CANCELLED || Thread.currentThread().isInterrupted()) {
        throw new JobCancelledException();
      }
    }
  }
}
