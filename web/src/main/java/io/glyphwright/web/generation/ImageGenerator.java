package io.glyphwright.web.generation;

import io.glyphwright.web.jobs.JobContext;
import java.util.List;
import java.util.Map;

/**
 * The plug-in point for image generation. The service's own implementation is {@link
 * DiffusionImageGenerator}, opened at start by {@link DiffusionModel} when a {@code glyph-unet}
 * package is found; a Spring bean implementing this interface takes its place (tests use one).
 * Either way {@code POST /v1/images} becomes a {@code generate} job on the same queue as OCR checks
 * and batches.
 */
public interface ImageGenerator {
  /** The model package the generator runs, as {@code GET /v1/models} names it. */
  String modelName();

  /** What {@code GET /v1/models} shows about the model (name, sha256, resolution, ...). */
  default Map<String, Object> describe() {
    return Map.of("name", modelName());
  }

  /**
   * Checks, before a job is queued, what only the model can judge: the canvas, the step count,
   * best-of. Throws an {@link io.glyphwright.web.problem.ApiProblem} that says what to change.
   */
  default void check(int width, int height, int steps, int bestOf) {}

  /**
   * Checks the step count alone, as {@link #check} does: a batch checks it before it is queued and
   * each item's canvas as the item comes.
   */
  default void checkSteps(int steps) {}

  /**
   * Generates {@code request.n()} images. Runs on a job worker thread; reports each step with
   * {@link JobContext#progress}, may send {@link JobContext#frame preview frames}, and stops when
   * {@link JobContext#checkCancelled} throws.
   */
  List<GeneratedImage> generate(GenerationRequest request, JobContext context) throws Exception;
}
