package io.glyphwright.dataset.build;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.CorpusWriter;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.ShardWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code dataset build} on one machine: reads the inputs in order ({@link InputReader}), runs
 * {@link SamplePipeline#process} on a pool of worker threads, and writes the outcomes in input
 * order through the shared {@link CorpusWriter}: input {@code n} (kept or rejected) belongs to
 * shard {@code n / shardSize}, whatever the number of workers.
 *
 * <p><b>Bounded.</b> The main thread reads the inputs (a tar is a stream and is read in order) and
 * submits each sample to the pool; at most {@code 2 × workers + 2} samples are in flight (read,
 * being processed, or waiting to be written in order), so memory does not grow with the input.
 *
 * <p><b>Kill-safe.</b> A shard is published only once all its inputs are written (temporary file,
 * sync, rename; see {@link ShardWriter}). A rerun with the same settings lists the same inputs in
 * the same order, skips the shards that exist (their inputs are read past, not processed) and
 * redoes the rest from their first input: no sample is lost or written twice, and the output is the
 * same as an uninterrupted run's. Settings that change the output are in the corpus manifest, and
 * so is a digest of the inputs' listing ({@link InputReader#scan}), so a rerun with other settings,
 * or over inputs that gained or lost samples, is refused instead of mixing shards.
 */
public final class LocalRunner {
  /** Bump when a change to the pipeline changes its output, so that old folders are not resumed. */
  public static final int BUILDER_VERSION = 1;

  private LocalRunner() {}

  /** Builds the corpus in {@code out} with the settings' engine. */
  public static CorpusStats run(
      BuildSettings settings, Path out, LongFunction<Progress> progressForTotal)
      throws IOException {
    return run(settings, EngineFactory.of(settings.pipeline()), out, progressForTotal);
  }

  /**
   * Builds the corpus in {@code out}.
   *
   * @param factory opens the OCR engines (tests pass their own)
   * @param progressForTotal makes the progress display once the number of inputs is known
   * @return the corpus's stats, also written as {@code stats.json}
   * @throws IllegalArgumentException for unusable inputs or an output folder holding something else
   * @throws io.glyphwright.ocr.OcrException when the engine cannot open (models missing)
   */
  public static CorpusStats run(
      BuildSettings settings,
      EngineFactory factory,
      Path out,
      LongFunction<Progress> progressForTotal)
      throws IOException {
    InputReader.checkInputs(settings.inputs());
    int cores = Runtime.getRuntime().availableProcessors();
    EngineHandles handles = EngineHandles.forWorkers(settings.handles(), settings.workers(), cores);
    try (SamplePipeline pipeline = new SamplePipeline(settings.pipeline(), factory, handles)) {
      // Missing models fail here, before the output folder is made or claimed.
      pipeline.open();
      InputReader.Listing listing = InputReader.scan(settings.inputs());
      try (CorpusWriter writer = CorpusWriter.open(out, manifest(settings, listing.digest()))) {
        return build(settings, pipeline, writer, progressForTotal.apply(listing.count()), listing);
      }
    }
  }

  private static CorpusStats build(
      BuildSettings settings,
      SamplePipeline pipeline,
      CorpusWriter writer,
      Progress progress,
      InputReader.Listing listing)
      throws IOException {
    long total = listing.count();
    ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), daemonThreads());
    Shards shards =
        new Shards(
            writer,
            pipeline,
            pool,
            progress,
            settings.shardSize(),
            (int) ((total + settings.shardSize() - 1) / settings.shardSize()),
            2 * settings.workers() + 2);
    try {
      InputReader.forEach(settings.inputs(), settings.pipeline().maxFileBytes(), shards::offer);
      shards.drainAll();
    } finally {
      shards.abandon();
      pool.shutdownNow();
    }
    progress.finish();
    return writer.finish(shards.count());
  }

  /**
   * Everything that changes the corpus's bytes; a rerun must match it to resume. The Spark runner
   * writes this same manifest, so either runner can finish a corpus the other started.
   */
  public static ObjectNode manifest(BuildSettings s, String inputDigest) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> names = s.inputs().stream().map(InputReader::inputName).toList();
    m.put("inputs", names);
    m.put("inputDigest", inputDigest);
    m.put("shardSize", s.shardSize());
    m.putAll(s.pipeline().manifestEntries());
    m.put("builderVersion", BUILDER_VERSION);
    return CorpusWriter.manifest("glyphwright dataset build", m);
  }

  /** Inputs in flight and the shard being written, in input order. */
  private static final class Shards {
    private record Pending(int shard, Future<Outcome> outcome) {}

    private final CorpusWriter writer;
    private final SamplePipeline pipeline;
    private final ExecutorService pool;
    private final Progress progress;
    private final int shardSize;
    private final int shardsExpected;
    private final int window;
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private long next;
    private int listedShard = -1;
    private boolean listedShardSkipped;
    private long listedInShard;
    private ShardWriter current;
    private long writtenInShard;

    Shards(
        CorpusWriter writer,
        SamplePipeline pipeline,
        ExecutorService pool,
        Progress progress,
        int shardSize,
        int shardsExpected,
        int window) {
      this.writer = writer;
      this.pipeline = pipeline;
      this.pool = pool;
      this.progress = progress;
      this.shardSize = shardSize;
      this.shardsExpected = shardsExpected;
      this.window = window;
    }

    /** The next input in order. */
    void offer(InputItem item) throws IOException {
      int shard = Math.toIntExact(next++ / shardSize);
      if (shard != listedShard) {
        reportSkipped();
        listedShard = shard;
        listedShardSkipped = writer.isShardComplete(shard);
        listedInShard = 0;
      }
      listedInShard++;
      if (listedShardSkipped) {
        return;
      }
      while (inFlight.size() >= window) {
        drainOne();
      }
      inFlight.add(new Pending(shard, pool.submit(() -> process(item))));
    }

    private Outcome process(InputItem item) {
      RawSample raw;
      try {
        raw = item.load();
      } catch (SampleRejectedException e) {
        return Outcome.rejected(item.key(), item.source(), e.reason(), e.getMessage());
      }
      return pipeline.process(raw);
    }

    private void reportSkipped() {
      if (listedShard >= 0 && listedShardSkipped) {
        progress.shardDone(
            listedShard, Math.max(shardsExpected, listedShard + 1), listedInShard, true);
      }
    }

    private void drainOne() throws IOException {
      Pending p = inFlight.poll();
      Outcome o = await(p.outcome());
      if (current == null || current.shard() != p.shard()) {
        commit();
        current = writer.openShard(p.shard());
        writtenInShard = 0;
      }
      if (o.isKept()) {
        try {
          current.add(o.record());
        } catch (IllegalArgumentException e) {
          current.reject(RejectReason.DUPLICATE_KEY.id());
        }
      } else {
        current.reject(o.reason().id());
      }
      writtenInShard++;
      progress.advance(1);
    }

    private void commit() throws IOException {
      if (current != null) {
        current.commit();
        progress.shardDone(
            current.shard(), Math.max(shardsExpected, current.shard() + 1), writtenInShard, false);
        current.close();
        current = null;
      }
    }

    void drainAll() throws IOException {
      reportSkipped();
      listedShardSkipped = false;
      while (!inFlight.isEmpty()) {
        drainOne();
      }
      commit();
    }

    /** The number of shards the inputs fill. */
    int count() {
      return Math.toIntExact((next + shardSize - 1) / shardSize);
    }

    /** After a failure: discards the unfinished shard and cancels what is in flight. */
    void abandon() throws IOException {
      inFlight.forEach(p -> p.outcome().cancel(true));
      inFlight.clear();
      if (current != null) {
        current.close();
        current = null;
      }
    }

    private static Outcome await(Future<Outcome> f) throws IOException {
      try {
        return f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while building the corpus", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException re) {
          throw re;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IOException(cause);
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "build-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
