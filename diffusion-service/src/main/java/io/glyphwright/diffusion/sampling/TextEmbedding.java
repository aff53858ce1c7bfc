package io.glyphwright.diffusion.sampling;

import java.util.List;
import java.util.Objects;

/**
 * A prompt as the denoiser takes it: {@code length} token embeddings of width {@code dim}, padded
 * with zeros, and a mask (1 = token, 0 = padding). Suits both cross-attention (the tokens and the
 * mask) and FiLM (a masked mean of the tokens). A mask of all zeros is "no prompt", the
 * unconditional input of classifier-free guidance.
 *
 * @param tokens {@code [length, dim]} row-major
 * @param mask {@code [length]}
 */
public record TextEmbedding(int length, int dim, float[] tokens, float[] mask) {

  public TextEmbedding {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(mask, "mask");
    if (length < 1 || dim < 1) {
      throw new IllegalArgumentException(
          "length and dim must be positive, got " + length + " and " + dim);
    }
    if (tokens.length != (long) length * dim || mask.length != length) {
      throw new IllegalArgumentException(
          "a "
              + length
              + "×"
              + dim
              + " embedding has "
              + (long) length * dim
              + " token values and "
              + length
              + " mask values, got "
              + tokens.length
              + " and "
              + mask.length);
    }
  }

  /** No prompt: zero tokens, zero mask. */
  public static TextEmbedding none(int length, int dim) {
    return new TextEmbedding(length, dim, new float[length * dim], new float[length]);
  }

  /**
   * Per-token vectors from a text encoder, padded with zeros or cut to {@code length} tokens.
   *
   * @throws IllegalArgumentException if a vector is not {@code dim} wide
   */
  public static TextEmbedding ofTokens(List<float[]> vectors, int length, int dim) {
    float[] tokens = new float[length * dim];
    float[] mask = new float[length];
    int count = Math.min(vectors.size(), length);
    for (int k = 0; k < count; k++) {
      float[] vector = vectors.get(k);
      if (vector.length != dim) {
        throw new IllegalArgumentException(
            "token " + k + " has " + vector.length + " values, expected " + dim);
      }
      System.arraycopy(vector, 0, tokens, k * dim, dim);
      mask[k] = 1f;
    }
    return new TextEmbedding(length, dim, tokens, mask);
  }
}
