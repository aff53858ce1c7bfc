package io.glyphwright.diffusion.sampling;

import java.util.Objects;

/**
 * The shape of a denoiser's world: what it paints, how pixels are folded into its input, what
 * conditions it and how it was trained. Comes from the model package's metadata; see {@code
 * docs/SAMPLING.md} for the tensors these numbers size.
 *
 * @param imageChannels channels {@code C} of the image (3 for RGB)
 * @param unshuffle pixel-unshuffle factor {@code r}: the network sees {@code (C·r², H/r, W/r)}
 * @param glyphChannels glyph conditioning channels {@code Cg} at pixel resolution (1 for the glyph
 *     mask alone); the network sees {@code Cg·r²} of them
 * @param textTokens prompt tokens {@code L} the network takes (padded or cut to this)
 * @param textDim width {@code D} of one prompt token embedding
 * @param sizeMultiple image sides must be multiples of this many pixels (a multiple of {@code r};
 *     {@code r·2^k} for a UNet that halves its resolution {@code k} times)
 * @param scheduler the training noise schedule, prediction type and sampling defaults
 * @param promptText what part of the prompt the text encoder sees, as in training
 */
public record DenoiserSpec(
    int imageChannels,
    int unshuffle,
    int glyphChannels,
    int textTokens,
    int textDim,
    int sizeMultiple,
    SchedulerConfig scheduler,
    PromptText promptText) {

  public DenoiserSpec {
    positive("imageChannels", imageChannels);
    positive("unshuffle", unshuffle);
    positive("glyphChannels", glyphChannels);
    positive("textTokens", textTokens);
    positive("textDim", textDim);
    positive("sizeMultiple", sizeMultiple);
    if (sizeMultiple % unshuffle != 0) {
      throw new IllegalArgumentException(
          "sizeMultiple "
              + sizeMultiple
              + " must be a multiple of the unshuffle factor "
              + unshuffle);
    }
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(promptText, "promptText");
  }

  /** A spec whose model sees the whole prompt ({@link PromptText#FULL}). */
  public DenoiserSpec(
      int imageChannels,
      int unshuffle,
      int glyphChannels,
      int textTokens,
      int textDim,
      int sizeMultiple,
      SchedulerConfig scheduler) {
    this(
        imageChannels,
        unshuffle,
        glyphChannels,
        textTokens,
        textDim,
        sizeMultiple,
        scheduler,
        PromptText.FULL);
  }

  /** This spec with {@code promptText} instead. */
  public DenoiserSpec withPromptText(PromptText promptText) {
    return new DenoiserSpec(
        imageChannels,
        unshuffle,
        glyphChannels,
        textTokens,
        textDim,
        sizeMultiple,
        scheduler,
        promptText);
  }

  /** Channels of the network's sample input and output: {@code C·r²}. */
  public int modelChannels() {
    return imageChannels * unshuffle * unshuffle;
  }

  /** Channels of the network's glyph input: {@code Cg·r²}. */
  public int condChannels() {
    return glyphChannels * unshuffle * unshuffle;
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
