package io.glyphwright.dataset.build;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a pipeline's worker threads get their OCR engine.
 *
 * <ul>
 *   <li>{@code SHARED}: one engine for all threads. Both engines are thread-safe: PP-OCR runs its
 *       ONNX Runtime sessions concurrently, Tesseract lends each concurrent read its own native
 *       handle.
 *   <li>{@code PER_WORKER}: each concurrent read borrows an engine of its own, opened on first
 *       need, so N workers end up with N engines (N sets of ONNX Runtime sessions).
 * </ul>
 *
 * Neither changes the output; see docs/BENCHMARKS.md ("Corpus building") for which is faster.
 *
 * @param mode shared or one per worker
 * @param onnxThreads ONNX Runtime intra-op threads per engine (0 = ONNX Runtime's choice)
 */
public record EngineHandles(Mode mode, int onnxThreads) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The ways to hand out engines. */
  public enum Mode {
    SHARED,
    PER_WORKER;

    /** {@code shared} or {@code per-worker}, in any case. */
    public static Mode lookup(String name) {
      String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
      return switch (n) {
        case "shared" -> SHARED;
        case "per-worker", "worker" -> PER_WORKER;
        default ->
            throw new IllegalArgumentException(
                "--handles '" + name + "' is not understood: use shared or per-worker");
      };
    }
  }

  public EngineHandles {
    if (mode == null) {
      throw new IllegalArgumentException("engine handle mode is missing");
    }
    if (onnxThreads < 0) {
      throw new IllegalArgumentException("onnxThreads must be at least 0, got " + onnxThreads);
    }
  }

  /**
   * Handles for {@code workers} threads on {@code cores} cores: ONNX Runtime gets the cores divided
   * among the workers (at least one thread each), so that the workers do not oversubscribe them.
   */
  public static EngineHandles forWorkers(Mode mode, int workers, int cores) {
    return new EngineHandles(mode, Math.max(1, cores / Math.max(1, workers)));
  }
}
