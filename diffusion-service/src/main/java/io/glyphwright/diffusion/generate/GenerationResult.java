package io.glyphwright.diffusion.generate;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Generator#generate} call made.
 *
 * @param request the request, as asked (scheduler name canonical)
 * @param modelName the model package's name
 * @param modelSha256 the sha256 of the package's {@code unet.onnx}
 * @param images the {@code n} images, in order
 */
public record GenerationResult(
    GenerationRequest request, String modelName, String modelSha256, List<GeneratedImage> images) {
  public GenerationResult {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(modelSha256, "modelSha256");
    images = List.copyOf(images);
  }
}
