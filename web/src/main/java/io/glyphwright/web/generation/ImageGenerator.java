package io.glyphwright.web.generation;

import io.glyphwright.web.jobs.JobContext;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The plug-in point for image generation. The service holds no implementation today: no diffusion
 * model package exists yet, so {@code POST /v1/images} answers 503 {@code model-unavailable} after
 * checking the request. When diffusion-service's sampler and a {@code glyph-unet} package land, a
 * Spring bean implementing this interface turns {@code POST /v1/images} into a {@code generate} job
 * on the same queue as OCR checks and batches (progress, preview frames through {@link
 * JobContext#saveImage}, cancellation through {@link JobContext#checkCancelled}).
 */
public interface ImageGenerator {
  /** The model package the generator runs, as {@code GET /v1/models} names it. */
  String modelName();

  /**
   * Generates {@code request.n()} images. Runs on a job worker thread; reports each step with
   * {@link JobContext#progress} and may send preview frames.
   */
  List<BufferedImage> generate(GenerationRequest request, JobContext context) throws Exception;
}
