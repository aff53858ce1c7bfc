package io.glyphwright.diffusion.model;

import static io.glyphwright.diffusion.NumericAssertions.assertAlmostEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class GroupNormTest {
  /** Naive group norm in double precision: mean and biased variance per (batch, group). */
  static double[] reference(
      float[] x, int b, int c, int hw, int groups, float[] gamma, float[] beta) {
    double[] y = new double[x.length];
    int per = c / groups;
    for (int n = 0; n < b; n++) {
      for (int g = 0; g < groups; g++) {
        int start = (n * c + g * per) * hw;
        int len = per * hw;
        double mean = 0;
        for (int i = 0; i < len; i++) {
          mean += x[start + i];
        }
        mean /= len;
        double var = 0;
        for (int i = 0; i < len; i++) {
          double d = x[start + i] - mean;
          var += d * d;
        }
        var /= len;
        for (int i = 0; i < len; i++) {
          int ch = g * per + i / hw;
          y[start + i] =
              (x[start + i] - mean) / Math.sqrt(var + GroupNorm.EPS) * gamma[ch] + beta[ch];
        }
      }
    }
    return y;
  }

  @Test
  void groupNormOnTheEngineLayerNormMatchesANaiveReference() {
    int b = 2;
    int c = 12;
    int h = 5;
    int w = 3;
    int groups = 4;
    float[] x = TinyUnets.gaussian(11, b * c * h * w);
    for (int i = 0; i < x.length; i++) {
      x[i] = x[i] * 3 + (i % 7); // offsets and spread, so that centring matters
    }
    float[] gamma = TinyUnets.gaussian(12, c);
    float[] beta = TinyUnets.gaussian(13, c);
    GroupNorm norm = new GroupNorm(c, groups);
    try (NDManager m = NDManager.newBaseManager()) {
      norm.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(b, c, h, w));
      norm.gamma().getArray().set(m.create(gamma).toByteBuffer());
      norm.beta().getArray().set(m.create(beta).toByteBuffer());
      NDArray in = m.create(x, new Shape(b, c, h, w));
      float[] y =
          norm.forward(new ParameterStore(m, false), new NDList(in), false)
              .singletonOrThrow()
              .toFloatArray();
      assertAlmostEquals(y, reference(x, b, c, h * w, groups, gamma, beta), 1e-5, 1e-5);
    }
  }
}
