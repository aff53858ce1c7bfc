package io.glyphwright.layout.lm;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape of a layout language model: a decoder-only transformer with pre-norm blocks, learned
 * positions, GELU feed-forward layers and the output projection tied to the token embedding.
 *
 * @param vocabSize tokens, as {@link LayoutTokenizer#vocabSize()} counts them
 * @param dModel width of the residual stream
 * @param layers transformer blocks
 * @param heads attention heads; {@code dModel} must be a multiple of it
 * @param dFf width of the feed-forward layer
 * @param maxLen most tokens in one sequence (prompt, separator and layout)
 */
public record LayoutLmConfig(
    int vocabSize, int dModel, int layers, int heads, int dFf, int maxLen) {
  public LayoutLmConfig {
    if (vocabSize <= LayoutTokenizer.FIRST_CHAR
        || dModel < 1
        || layers < 1
        || heads < 1
        || dFf < 1
        || maxLen < 8) {
      throw new IllegalArgumentException(
          "layout model config out of range: vocab "
              + vocabSize
              + " (more than "
              + LayoutTokenizer.FIRST_CHAR
              + "), width "
              + dModel
              + ", "
              + layers
              + " layers, "
              + heads
              + " heads, feed-forward "
              + dFf
              + ", "
              + maxLen
              + " positions (at least 8)");
    }
    if (dModel % heads != 0) {
      throw new IllegalArgumentException(
          "width " + dModel + " is not a multiple of the " + heads + " attention heads");
    }
  }

  public int headDim() {
    return dModel / heads;
  }

  /** Number of trained parameters. */
  public long parameterCount() {
    long d = dModel;
    long perLayer =
        2 * d + (3 * d * d + 3 * d) + (d * d + d) + 2 * d + (dFf * d + dFf) + (d * dFf + d);
    return (long) vocabSize * d + (long) maxLen * d + layers * perLayer + 2 * d;
  }

  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("vocab_size", vocabSize);
    node.put("d_model", dModel);
    node.put("layers", layers);
    node.put("heads", heads);
    node.put("d_ff", dFf);
    node.put("max_len", maxLen);
    return node;
  }

  /**
   * Reads {@link #toJson()}'s form.
   *
   * @throws IllegalArgumentException naming a missing or non-integer field
   */
  public static LayoutLmConfig fromJson(JsonNode node) {
    return new LayoutLmConfig(
        intField(node, "vocab_size"),
        intField(node, "d_model"),
        intField(node, "layers"),
        intField(node, "heads"),
        intField(node, "d_ff"),
        intField(node, "max_len"));
  }

  private static int intField(JsonNode node, String name) {
    JsonNode v = node == null ? null : node.get(name);
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          "layout model config: '" + name + "' is missing or not an integer");
    }
    return v.intValue();
  }
}
