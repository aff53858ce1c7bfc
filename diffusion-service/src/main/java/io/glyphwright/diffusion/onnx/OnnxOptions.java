package io.glyphwright.diffusion.onnx;

import java.util.Objects;

/**
 * How an ONNX Runtime session is set up.
 *
 * @param provider where to run ({@link ExecutionProvider#AUTO} by default)
 * @param intraOpThreads threads inside one operator (default: the machine's cores)
 * @param cudaDevice the CUDA device id when CUDA is used (default 0)
 */
public record OnnxOptions(ExecutionProvider provider, int intraOpThreads, int cudaDevice) {

  public OnnxOptions {
    Objects.requireNonNull(provider, "provider");
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be positive, got " + intraOpThreads);
    }
    if (cudaDevice < 0) {
      throw new IllegalArgumentException("cudaDevice must be ≥ 0, got " + cudaDevice);
    }
  }

  /** AUTO provider, one intra-op thread per core, CUDA device 0. */
  public static OnnxOptions defaults() {
    return new OnnxOptions(ExecutionProvider.AUTO, Runtime.getRuntime().availableProcessors(), 0);
  }

  public OnnxOptions withProvider(ExecutionProvider newProvider) {
    return new OnnxOptions(newProvider, intraOpThreads, cudaDevice);
  }

  public OnnxOptions withIntraOpThreads(int threads) {
    return new OnnxOptions(provider, threads, cudaDevice);
  }

  public OnnxOptions withCudaDevice(int device) {
    return new OnnxOptions(provider, intraOpThreads, device);
  }
}
