package io.glyphwright.dataset.spark;

import io.glyphwright.dataset.build.SamplePipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipelines of one JVM (a Spark executor, or the driver in local mode), one per build run.
 *
 * <p>Every task receives its own deserialised copy of the run's {@link SamplePipeline}; the first
 * task of a run in a JVM registers its copy and every later task of that run, in any partition,
 * uses the registered one. The pipeline opens its engines lazily, so an executor opens its OCR
 * engine once per run, not once per partition or sample. The registered pipelines are closed when
 * the driver ends the run (local mode: same JVM) or when the executor JVM exits.
 */
final class ExecutorPipelines {
  private static final Map<String, SamplePipeline> BY_RUN = new ConcurrentHashMap<>();
  private static final Object HOOK_LOCK = new Object();
  private static boolean hooked;

  private ExecutorPipelines() {}

  /** The run's pipeline in this JVM: {@code shipped} when this is the run's first task here. */
  static SamplePipeline get(String runId, SamplePipeline shipped) {
    synchronized (HOOK_LOCK) {
      if (!hooked) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(ExecutorPipelines::closeAll, "glyphwright-pipelines"));
        hooked = true;
      }
    }
    return BY_RUN.computeIfAbsent(runId, id -> shipped);
  }

  /** Closes the run's pipeline in this JVM, if it has one. */
  static void release(String runId) {
    SamplePipeline p = BY_RUN.remove(runId);
    if (p != null) {
      p.close();
    }
  }

  /** The number of runs with a pipeline in this JVM. */
  static int open() {
    return BY_RUN.size();
  }

  private static void closeAll() {
    List<String> runs = new ArrayList<>(BY_RUN.keySet());
    runs.forEach(ExecutorPipelines::release);
  }
}
