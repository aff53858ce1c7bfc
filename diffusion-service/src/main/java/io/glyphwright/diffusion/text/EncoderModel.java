package io.glyphwright.diffusion.text;

/**
 * The pretrained prompt encoders, shipped as ONNX files with their {@code tokenizer.json} inside
 * Maven jars (langchain4j's quantised embedding models). Only the per-token hidden states are used.
 */
public enum EncoderModel {
  /** all-MiniLM-L6-v2 (quantised), English, 384 wide; its tokenizer lower-cases. */
  MINILM_EN("all-minilm-l6-v2-q", 384, false),
  /**
   * BGE-small-zh v1.5 (quantised), Chinese, 512 wide. Its {@code tokenizer.json} does not
   * lower-case, while its vocabulary is lower-case, so Latin text is lower-cased first.
   */
  BGE_SMALL_ZH("bge-small-zh-v1.5-q", 512, true);

  private final String resource;
  private final int width;
  private final boolean lowerCaseFirst;

  EncoderModel(String resource, int width, boolean lowerCaseFirst) {
    this.resource = resource;
    this.width = width;
    this.lowerCaseFirst = lowerCaseFirst;
  }

  /** Classpath resource of the ONNX model. */
  public String modelResource() {
    return "/" + resource + ".onnx";
  }

  /** Classpath resource of the tokenizer. */
  public String tokenizerResource() {
    return "/" + resource + "-tokenizer.json";
  }

  /** Width of one token's hidden state. */
  public int width() {
    return width;
  }

  boolean lowerCaseFirst() {
    return lowerCaseFirst;
  }
}
