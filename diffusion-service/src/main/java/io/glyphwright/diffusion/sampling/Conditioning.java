package io.glyphwright.diffusion.sampling;

import java.util.Objects;

/**
 * The inputs of a denoiser that stay fixed through a sampling run, for a batch of {@code batch}
 * rows in the network's space ({@code height × width} is the image size divided by {@code r}).
 * Arrays are flattened row-major and are not copied.
 *
 * @param batch rows {@code B}
 * @param height network height {@code h = H/r}
 * @param width network width {@code w = W/r}
 * @param glyphs {@code [B, Cg·r², h, w]}, pixel-unshuffled glyph channels
 * @param text {@code [B, L, D]}, prompt token embeddings
 * @param textMask {@code [B, L]}, 1 for a real token, 0 for padding (all 0 = no prompt)
 */
public record Conditioning(
    int batch, int height, int width, float[] glyphs, float[] text, float[] textMask) {

  public Conditioning {
    Objects.requireNonNull(glyphs, "glyphs");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(textMask, "textMask");
    if (batch < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "batch, height and width must be positive: " + batch + ", " + height + ", " + width);
    }
  }

  /**
   * Checks the array lengths against a spec.
   *
   * @throws IllegalArgumentException naming the array whose length is wrong
   */
  public void checkAgainst(DenoiserSpec spec) {
    check("glyphs", glyphs.length, (long) batch * spec.condChannels() * height * width);
    check("text", text.length, (long) batch * spec.textTokens() * spec.textDim());
    check("textMask", textMask.length, (long) batch * spec.textTokens());
  }

  private static void check(String name, int actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException(
          name + " has " + actual + " values, the denoiser expects " + expected);
    }
  }
}
