package io.glyphwright.dataset.spark;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.CorpusWriter;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.ShardWriter;
import io.glyphwright.dataset.build.BuildSettings;
import io.glyphwright.dataset.build.EngineFactory;
import io.glyphwright.dataset.build.EngineHandles;
import io.glyphwright.dataset.build.InputItem;
import io.glyphwright.dataset.build.InputReader;
import io.glyphwright.dataset.build.LocalRunner;
import io.glyphwright.dataset.build.Outcome;
import io.glyphwright.dataset.build.RawSample;
import io.glyphwright.dataset.build.RejectReason;
import io.glyphwright.dataset.build.SamplePipeline;
import io.glyphwright.dataset.build.SampleRejectedException;
import io.glyphwright.ocr.OcrException;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.LongFunction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * {@code dataset build} on Spark: the local runner's corpus ({@link LocalRunner}), with the
 * per-sample work ({@link SamplePipeline#process}: decode, OCR, annotate, filter, encode) done on
 * Spark executors.
 *
 * <p><b>Who does what.</b> The driver lists the inputs in the local runner's order ({@link
 * InputReader}), reads each sample's bytes, and sends them to the executors in <em>waves</em> of a
 * few samples per task; an executor runs the run's pipeline on them and sends the outcomes back;
 * the driver writes them in input order through {@link CorpusWriter}, input {@code n} (kept or
 * rejected) going to shard {@code n / shardSize}. So the shards, {@code index.jsonl}, {@code
 * stats.json} and {@code manifest.json} are the local runner's: the same bytes for the same inputs
 * and settings (only {@code stats.json}'s {@code run} section differs), written atomically, and a
 * rerun (with either runner) skips the finished shards without reading their inputs. The output
 * folder and the inputs are on the driver's file system; executors need only the OCR models.
 *
 * <p><b>Engines.</b> The pipeline travels serialised, its engines do not: each executor JVM keeps
 * the first copy it receives per run ({@link ExecutorPipelines}) and opens the OCR engine once, on
 * first use, for all its tasks and partitions. Before any input is read a one-task job opens it, so
 * missing models fail the run at once.
 *
 * <p><b>Bounded.</b> At most two waves are on the executors while the driver reads the next, so the
 * driver holds about three waves of samples, whatever the size of the input.
 *
 * <p>Bad input is an outcome (counted under its reject reason in the shard's stats), never a task
 * failure. An exception in the builder itself fails the task; Spark retries it as configured, and
 * when it keeps failing the run ends with the shard in progress discarded, as the local runner's
 * does.
 */
public final class SparkCorpusBuild {
  /**
   * JVM options Spark needs on Java 17 (what {@code spark-submit} adds by itself): a JVM that
   * creates a Spark context in-process, such as the command line with {@code --spark local[2]},
   * must be started with them.
   */
  public static final List<String> JAVA_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  private SparkCorpusBuild() {}

  /**
   * How the samples are cut into tasks.
   *
   * @param samplesPerTask samples per partition (a task); the engine is opened once per executor
   *     whatever this is
   * @param tasksPerCore partitions per wave and per core of the cluster ({@code
   *     defaultParallelism}): more than one evens out slow samples
   * @param maxWaveBytes a wave is sent early once its samples' bytes reach this
   */
  record Tuning(int samplesPerTask, int tasksPerCore, long maxWaveBytes) {
    static final Tuning DEFAULT = new Tuning(4, 2, 64L << 20);

    Tuning {
      if (samplesPerTask < 1 || tasksPerCore < 1 || maxWaveBytes < 1) {
        throw new IllegalArgumentException("tuning values must be positive");
      }
    }
  }

  /**
   * Builds the corpus in {@code out} on a Spark context made for this run and stopped at its end;
   * what {@code ./glyphwright dataset build --spark MASTER} calls. The JVM must have {@link
   * #JAVA_OPTIONS}.
   *
   * @param master a Spark master URL: {@code local[2]}, {@code local[*]}, {@code spark://host:7077}
   *     (for a cluster, prefer {@code spark-submit} with the job jar and {@link #main})
   * @param progressForTotal makes the progress display once the number of inputs is known
   * @return the corpus's stats, also written as {@code stats.json}
   * @throws IllegalArgumentException for unusable inputs or an output folder holding something else
   * @throws OcrException when the engine cannot open on an executor (models missing)
   */
  public static CorpusStats run(
      BuildSettings settings, Path out, String master, LongFunction<Progress> progressForTotal)
      throws IOException {
    InputReader.checkInputs(settings.inputs());
    try (JavaSparkContext sc = new JavaSparkContext(conf(master))) {
      return run(
          settings,
          EngineFactory.of(settings.pipeline()),
          out,
          sc,
          progressForTotal,
          Tuning.DEFAULT);
    }
  }

  /**
   * Builds the corpus in {@code out} on an existing Spark context (left running).
   *
   * @param factory opens the OCR engines, on the executors (serialisable; tests pass their own)
   */
  public static CorpusStats run(
      BuildSettings settings,
      EngineFactory factory,
      Path out,
      JavaSparkContext sc,
      LongFunction<Progress> progressForTotal)
      throws IOException {
    return run(settings, factory, out, sc, progressForTotal, Tuning.DEFAULT);
  }

  static CorpusStats run(
      BuildSettings settings,
      EngineFactory factory,
      Path out,
      JavaSparkContext sc,
      LongFunction<Progress> progressForTotal,
      Tuning tuning)
      throws IOException {
    InputReader.checkInputs(settings.inputs());
    // One task runs one sample at a time, on spark.task.cpus cores.
    int taskCpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
    EngineHandles handles = new EngineHandles(settings.handles(), taskCpus);
    String runId = UUID.randomUUID().toString();
    SamplePipeline pipeline = new SamplePipeline(settings.pipeline(), factory, handles);
    try {
      // Missing models fail here, on an executor, before the output folder is made or claimed.
      openOnExecutor(sc, runId, pipeline);
      InputReader.Listing listing = InputReader.scan(settings.inputs());
      try (CorpusWriter writer =
          CorpusWriter.open(out, LocalRunner.manifest(settings, listing.digest()))) {
        Progress progress = progressForTotal.apply(listing.count());
        int parallelism = Math.max(1, sc.defaultParallelism());
        Driver d =
            new Driver(
                sc,
                runId,
                pipeline,
                writer,
                progress,
                settings,
                tuning,
                parallelism,
                listing.count());
        try {
          InputReader.forEach(settings.inputs(), settings.pipeline().maxFileBytes(), d::offer);
          d.drainAll();
        } finally {
          d.abandon();
        }
        progress.finish();
        return writer.finish(d.shardCount());
      }
    } finally {
      // In local mode the executors are this JVM: release the engines now.
      ExecutorPipelines.release(runId);
    }
  }

  /**
   * The entry point for {@code spark-submit} with the job jar: the options of {@code ./glyphwright
   * dataset build} (without {@code --workers} and {@code --spark}: the cluster decides), plus
   * {@code --ppocr-models DIR} and {@code --tessdata DIR} for where the models lie on the
   * executors.
   */
  public static void main(String[] args) throws IOException {
    JobOptions options;
    try {
      options = JobOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(JobOptions.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(JobOptions.USAGE);
      return;
    }
    SparkConf conf = new SparkConf().setAppName("glyphwright dataset build");
    CorpusStats stats;
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      stats =
          run(
              options.settings(),
              EngineFactory.of(options.settings().pipeline()),
              options.out(),
              sc,
              total -> Progress.onStderr("build", total),
              Tuning.DEFAULT);
    }
    System.out.println(stats.toJson());
  }

  /** The configuration of a context this class makes for {@code master}. */
  static SparkConf conf(String master) {
    if (master == null || master.isBlank()) {
      throw new IllegalArgumentException("--spark needs a master URL such as local[2]");
    }
    SparkConf conf =
        new SparkConf()
            .setMaster(master)
            .setAppName("glyphwright dataset build")
            .setIfMissing("spark.log.structuredLogging.enabled", "false")
            .setIfMissing("spark.log.level", "WARN");
    if (master.startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false")
          .setIfMissing("spark.driver.host", "127.0.0.1")
          .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return conf;
  }

  private static void openOnExecutor(JavaSparkContext sc, String runId, SamplePipeline pipeline)
      throws IOException {
    JavaFutureAction<List<Outcome>> check =
        sc.parallelize(List.<RawSample>of(), 1)
            .mapPartitions(new ProcessPartition(runId, pipeline, true))
            .collectAsync();
    await(check);
  }

  /** Runs the pipeline over one partition, on an executor. */
  static final class ProcessPartition implements FlatMapFunction<Iterator<RawSample>, Outcome> {
    @Serial private static final long serialVersionUID = 1L;

    private final String runId;
    private final SamplePipeline pipeline;
    private final boolean openOnly;

    ProcessPartition(String runId, SamplePipeline pipeline, boolean openOnly) {
      this.runId = runId;
      this.pipeline = pipeline;
      this.openOnly = openOnly;
    }

    @Override
    public Iterator<Outcome> call(Iterator<RawSample> samples) {
      SamplePipeline p = ExecutorPipelines.get(runId, pipeline);
      if (openOnly) {
        p.open();
      }
      List<Outcome> outcomes = new ArrayList<>();
      while (samples.hasNext()) {
        outcomes.add(p.process(samples.next()));
      }
      return outcomes.iterator();
    }
  }

  /** One input's place in the output: its shard, and its outcome when the driver already has it. */
  private record Slot(int shard, Outcome known) {}

  /** Inputs sent together: the slots in input order, and the samples the executors process. */
  private static final class Wave {
    final List<Slot> slots = new ArrayList<>();
    final List<RawSample> samples = new ArrayList<>();
    long bytes;
    JavaFutureAction<List<Outcome>> outcomes;

    boolean isEmpty() {
      return slots.isEmpty();
    }
  }

  /** The driver's side of a run: waves in flight and the shard being written, in input order. */
  private static final class Driver {
    private static final int WAVES_IN_FLIGHT = 2;

    private final JavaSparkContext sc;
    private final String runId;
    private final SamplePipeline pipeline;
    private final CorpusWriter writer;
    private final Progress progress;
    private final int shardSize;
    private final long maxWaveBytes;
    private final int samplesPerWave;
    private final int tasksPerWave;
    private final ArrayDeque<Wave> inFlight = new ArrayDeque<>();
    private Wave filling = new Wave();
    private long next;
    private int listedShard = -1;
    private boolean listedShardSkipped;
    private long listedInShard;
    private final int shardsExpected;
    private ShardWriter current;
    private long writtenInShard;

    Driver(
        JavaSparkContext sc,
        String runId,
        SamplePipeline pipeline,
        CorpusWriter writer,
        Progress progress,
        BuildSettings settings,
        Tuning tuning,
        int parallelism,
        long total) {
      this.sc = sc;
      this.runId = runId;
      this.pipeline = pipeline;
      this.writer = writer;
      this.progress = progress;
      this.shardSize = settings.shardSize();
      this.tasksPerWave = parallelism * tuning.tasksPerCore();
      this.samplesPerWave = tasksPerWave * tuning.samplesPerTask();
      this.maxWaveBytes = tuning.maxWaveBytes();
      this.shardsExpected = Math.toIntExact((total + shardSize - 1) / shardSize);
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
      RawSample raw;
      try {
        raw = item.load();
      } catch (SampleRejectedException e) {
        filling.slots.add(
            new Slot(
                shard, Outcome.rejected(item.key(), item.source(), e.reason(), e.getMessage())));
        return;
      }
      filling.slots.add(new Slot(shard, null));
      filling.samples.add(raw);
      filling.bytes += raw.image().length + length(raw.caption()) + length(raw.metadata());
      if (filling.samples.size() >= samplesPerWave || filling.bytes >= maxWaveBytes) {
        send();
      }
    }

    private static int length(byte[] b) {
      return b == null ? 0 : b.length;
    }

    /** Sends the filling wave, then writes the oldest waves until at most two are in flight. */
    private void send() throws IOException {
      Wave w = filling;
      filling = new Wave();
      if (!w.samples.isEmpty()) {
        int slices = Math.min(tasksPerWave, w.samples.size());
        w.outcomes =
            sc.parallelize(w.samples, slices)
                .mapPartitions(new ProcessPartition(runId, pipeline, false))
                .collectAsync();
      }
      inFlight.add(w);
      while (inFlight.size() > WAVES_IN_FLIGHT) {
        write(inFlight.poll());
      }
    }

    private void write(Wave w) throws IOException {
      List<Outcome> processed = w.outcomes == null ? List.of() : await(w.outcomes);
      if (processed.size() != w.samples.size()) {
        throw new IllegalStateException(
            "Spark returned "
                + processed.size()
                + " outcomes for "
                + w.samples.size()
                + " samples");
      }
      Iterator<Outcome> it = processed.iterator();
      for (Slot s : w.slots) {
        write(s.shard(), s.known() != null ? s.known() : it.next());
      }
    }

    private void write(int shard, Outcome o) throws IOException {
      if (current == null || current.shard() != shard) {
        commit();
        current = writer.openShard(shard);
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

    private void reportSkipped() {
      if (listedShard >= 0 && listedShardSkipped) {
        progress.shardDone(
            listedShard, Math.max(shardsExpected, listedShard + 1), listedInShard, true);
      }
    }

    void drainAll() throws IOException {
      reportSkipped();
      listedShardSkipped = false;
      if (!filling.isEmpty()) {
        send();
      }
      while (!inFlight.isEmpty()) {
        write(inFlight.poll());
      }
      commit();
    }

    /** The number of shards the inputs filled. */
    int shardCount() {
      return Math.toIntExact((next + shardSize - 1) / shardSize);
    }

    /** After a failure: cancels the waves in flight and discards the unfinished shard. */
    void abandon() throws IOException {
      for (Wave w : inFlight) {
        if (w.outcomes != null) {
          w.outcomes.cancel(true);
        }
      }
      inFlight.clear();
      if (current != null) {
        current.close();
        current = null;
      }
    }
  }

  /** Waits for a Spark job; an engine that cannot open on an executor becomes an OcrException. */
  private static <T> T await(JavaFutureAction<T> job) throws IOException {
    try {
      return job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.cancel(true);
      throw new IOException("interrupted while building the corpus", e);
    } catch (ExecutionException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof OcrException oe) {
          throw oe;
        }
      }
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("the Spark job failed: " + cause.getMessage(), cause);
    }
  }
}
