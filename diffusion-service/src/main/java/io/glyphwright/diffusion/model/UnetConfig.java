package io.glyphwright.diffusion.model;

import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.SchedulerConfig;
import java.util.List;

/**
 * The shape of a {@link GlyphUnet}.
 *
 * @param unshuffle pixel-unshuffle factor {@code r}: the network runs at {@code 1/r} of the image
 *     side on {@code r²} times the channels
 * @param imageChannels channels of the image before unshuffling (3, RGB)
 * @param glyphChannels channels of the glyph condition before unshuffling (1, the glyph mask)
 * @param baseChannels channels of the first level
 * @param channelMults channels of each level as multiples of {@code baseChannels}; the network
 *     halves the resolution between levels, so the unshuffled side must divide by {@code
 *     2^(levels−1)}
 * @param resBlocksPerLevel residual blocks per level on the way down (one more on the way up)
 * @param embedDim width of the timestep-and-prompt embedding that drives every block's FiLM
 * @param textWidth width of one prompt token as the network receives it
 * @param groups GroupNorm groups; every level's channel count divides by it
 * @param zeroInit whether residual branches and the output start at zero (training); tests use
 *     {@code false} so that every parameter shows in the output
 */
public record UnetConfig(
    int unshuffle,
    int imageChannels,
    int glyphChannels,
    int baseChannels,
    List<Integer> channelMults,
    int resBlocksPerLevel,
    int embedDim,
    int textWidth,
    int groups,
    boolean zeroInit) {

  public UnetConfig {
    channelMults = List.copyOf(channelMults);
    if (unshuffle < 1 || imageChannels < 1 || glyphChannels < 1 || baseChannels < 1) {
      throw new IllegalArgumentException(
          "unshuffle, image, glyph and base channels must be positive");
    }
    if (channelMults.isEmpty() || channelMults.stream().anyMatch(m -> m < 1)) {
      throw new IllegalArgumentException(
          "channel multipliers must be positive, got " + channelMults);
    }
    if (resBlocksPerLevel < 1 || embedDim < 1 || textWidth < 1 || groups < 1) {
      throw new IllegalArgumentException(
          "res blocks per level, embedding width, text width and groups must be positive");
    }
    for (int m : channelMults) {
      if (baseChannels * m % groups != 0) {
        throw new IllegalArgumentException(
            "level width " + baseChannels * m + " does not divide into " + groups + " groups");
      }
    }
  }

  /** Channels of the network's image input and output: {@code imageChannels·r²}. */
  public int modelChannels() {
    return imageChannels * unshuffle * unshuffle;
  }

  /** Channels of the network's glyph input: {@code glyphChannels·r²}. */
  public int condChannels() {
    return glyphChannels * unshuffle * unshuffle;
  }

  /** Number of resolution levels. */
  public int levels() {
    return channelMults.size();
  }

  /** The image side must be a multiple of this. */
  public int sideMultiple() {
    return unshuffle << (levels() - 1);
  }

  /**
   * What a sampler needs to know of a network of this shape trained with {@code scheduler} on
   * prompts of {@code textTokens} tokens.
   */
  public DenoiserSpec denoiserSpec(int textTokens, SchedulerConfig scheduler) {
    return new DenoiserSpec(
        imageChannels, unshuffle, glyphChannels, textTokens, textWidth, sideMultiple(), scheduler);
  }

  /** This configuration with {@code zeroInit} switched. */
  public UnetConfig withZeroInit(boolean zero) {
    return new UnetConfig(
        unshuffle,
        imageChannels,
        glyphChannels,
        baseChannels,
        channelMults,
        resBlocksPerLevel,
        embedDim,
        textWidth,
        groups,
        zero);
  }
}
