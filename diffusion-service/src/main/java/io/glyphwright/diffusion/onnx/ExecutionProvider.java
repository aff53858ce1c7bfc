package io.glyphwright.diffusion.onnx;

import java.util.Locale;

/** Where ONNX Runtime runs the network. */
public enum ExecutionProvider {
  /** CUDA when this ONNX Runtime build has it and it starts, else CPU (said in the log). */
  AUTO,
  /** CPU only. */
  CPU,
  /** CUDA or fail: for machines that must not silently fall back. */
  CUDA;

  /**
   * Finds a provider by name ({@code auto}, {@code cpu}, {@code cuda}, {@code gpu} = cuda; any
   * case).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static ExecutionProvider lookup(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    switch (key) {
      case "auto":
        return AUTO;
      case "cpu":
        return CPU;
      case "cuda":
      case "gpu":
        return CUDA;
      default:
        throw new IllegalArgumentException(
            "unknown execution provider '" + name + "'; use one of: auto, cpu, cuda");
    }
  }
}
