package io.glyphwright.web.generation;

import io.glyphwright.diffusion.generate.LineVerdict;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * One image an {@link ImageGenerator} made.
 *
 * @param index its place in the request, {@code 0..n−1}
 * @param seed the seed that makes it again (with {@code n = 1, bestOf = 1})
 * @param candidate which of the best-of candidates was kept
 * @param image the pixels
 * @param verdicts the OCR verdicts on it, one per layout line; null when the generator did not read
 *     it back (the job then reads it)
 * @param metadata the JSON to store in the PNG ({@code iTXt glyphwright}), or null
 */
public record GeneratedImage(
    int index,
    long seed,
    int candidate,
    BufferedImage image,
    List<LineVerdict> verdicts,
    String metadata) {
  public GeneratedImage {
    Objects.requireNonNull(image, "image");
    verdicts = verdicts == null ? null : List.copyOf(verdicts);
  }
}
