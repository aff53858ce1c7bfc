package io.glyphwright.diffusion.sampling;

import java.util.Locale;

/**
 * What the denoiser's output means, in the variance-preserving frame {@code x_t = α·x0 + σ·ε} with
 * {@code α = sqrt(ᾱ_t)} and {@code σ = sqrt(1 − ᾱ_t)}.
 *
 * <p>Each constant converts one output element {@code o} at one input element {@code x} into the
 * denoised estimate {@code x0} and the noise estimate {@code ε}; the schedulers only ever work with
 * those two.
 */
public enum PredictionType {
  /** The model predicts the noise: {@code o = ε}. The ONNX output is named {@code eps}. */
  EPSILON("eps") {
    @Override
    public double denoised(double o, double x, double alpha, double sigma) {
      return (x - sigma * o) / alpha;
    }

    @Override
    public double epsilon(double o, double x, double alpha, double sigma) {
      return o;
    }
  },
  /**
   * The model predicts the velocity {@code v = α·ε − σ·x0} (Salimans & Ho 2022). The ONNX output is
   * named {@code v}.
   */
  V_PREDICTION("v") {
    @Override
    public double denoised(double o, double x, double alpha, double sigma) {
      return alpha * x - sigma * o;
    }

    @Override
    public double epsilon(double o, double x, double alpha, double sigma) {
      return sigma * x + alpha * o;
    }
  },
  /** The model predicts the clean sample: {@code o = x0}. The ONNX output is named {@code x0}. */
  SAMPLE("x0") {
    @Override
    public double denoised(double o, double x, double alpha, double sigma) {
      return o;
    }

    @Override
    public double epsilon(double o, double x, double alpha, double sigma) {
      return (x - alpha * o) / sigma;
    }
  };

  private final String outputName;

  PredictionType(String outputName) {
    this.outputName = outputName;
  }

  /** The name the UNet's single ONNX output must carry for this prediction type. */
  public String outputName() {
    return outputName;
  }

  /** The denoised estimate {@code x0} for model output {@code o} at noisy input {@code x}. */
  public abstract double denoised(double o, double x, double alpha, double sigma);

  /** The noise estimate {@code ε} for model output {@code o} at noisy input {@code x}. */
  public abstract double epsilon(double o, double x, double alpha, double sigma);

  /**
   * Finds a prediction type by a forgiving name: {@code epsilon}, {@code eps}, {@code v}, {@code
   * v_prediction}, {@code v-prediction}, {@code sample}, {@code x0} (any case).
   *
   * @throws IllegalArgumentException for any other name, listing the accepted ones
   */
  public static PredictionType lookup(String name) {
    String key = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    switch (key) {
      case "epsilon":
      case "eps":
        return EPSILON;
      case "v":
      case "vprediction":
      case "vpred":
        return V_PREDICTION;
      case "sample":
      case "x0":
        return SAMPLE;
      default:
        throw new IllegalArgumentException(
            "unknown prediction type '" + name + "'; use one of: epsilon, v_prediction, sample");
    }
  }
}
