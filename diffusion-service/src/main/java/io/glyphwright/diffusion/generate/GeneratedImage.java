package io.glyphwright.diffusion.generate;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * One image of a {@link GenerationResult}: the kept candidate.
 *
 * @param index the image's place in the result, {@code 0..n−1}
 * @param seed the seed it was sampled from ({@link GenerationRequest#seedOf})
 * @param candidate which of the best-of candidates was kept, {@code 0..bestOf−1}
 * @param image the pixels, 8-bit RGB at the canvas size
 * @param verdicts the text check's verdicts on the kept candidate, one per layout line (empty when
 *     the generator has no text check)
 * @param reproduce the request that makes exactly this image again (its seed, one image, one
 *     candidate, every other parameter as asked)
 */
public record GeneratedImage(
    int index,
    long seed,
    int candidate,
    BufferedImage image,
    List<LineVerdict> verdicts,
    GenerationRequest reproduce) {
  public GeneratedImage {
    Objects.requireNonNull(image, "image");
    verdicts = List.copyOf(verdicts);
    Objects.requireNonNull(reproduce, "reproduce");
  }

  /** How many of the requested lines the text check read. */
  public int linesRead() {
    return (int) verdicts.stream().filter(LineVerdict::read).count();
  }
}
