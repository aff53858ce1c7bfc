package io.glyphwright.layout.lm;

import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The named parameters of a layout model, as Java arrays: what the trainer updates, what
 * checkpoints and the model package store, and what {@link LayoutLm} loads into the engine.
 *
 * <p>Names: {@code tok_emb [V, D]}, {@code pos_emb [maxLen, D]}; per block {@code i}: {@code
 * hI.ln1.g/b}, {@code hI.qkv.w [3D, D]}/{@code b}, {@code hI.proj.w [D, D]}/{@code b}, {@code
 * hI.ln2.g/b}, {@code hI.fc.w [F, D]}/{@code b}, {@code hI.out.w [D, F]}/{@code b}; then {@code
 * lnf.g/b}. The output projection is {@code tok_emb} transposed.
 */
final class LayoutLmWeights {
  private LayoutLmWeights() {}

  /** The expected shape of every parameter, in a fixed order. */
  static Map<String, int[]> shapes(LayoutLmConfig c) {
    Map<String, int[]> s = new LinkedHashMap<>();
    int d = c.dModel();
    s.put("tok_emb", new int[] {c.vocabSize(), d});
    s.put("pos_emb", new int[] {c.maxLen(), d});
    for (int i = 0; i < c.layers(); i++) {
      String p = "h" + i + ".";
      s.put(p + "ln1.g", new int[] {d});
      s.put(p + "ln1.b", new int[] {d});
      s.put(p + "qkv.w", new int[] {3 * d, d});
      s.put(p + "qkv.b", new int[] {3 * d});
      s.put(p + "proj.w", new int[] {d, d});
      s.put(p + "proj.b", new int[] {d});
      s.put(p + "ln2.g", new int[] {d});
      s.put(p + "ln2.b", new int[] {d});
      s.put(p + "fc.w", new int[] {c.dFf(), d});
      s.put(p + "fc.b", new int[] {c.dFf()});
      s.put(p + "out.w", new int[] {d, c.dFf()});
      s.put(p + "out.b", new int[] {d});
    }
    s.put("lnf.g", new int[] {d});
    s.put("lnf.b", new int[] {d});
    return Collections.unmodifiableMap(s);
  }

  /**
   * GPT-2's initialisation from one seed: weights normal with standard deviation 0.02 (the
   * projections into the residual stream scaled by {@code 1/√(2·layers)}), biases 0, norm gains 1.
   */
  static Map<String, Tensor> initial(LayoutLmConfig c, long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    Map<String, Tensor> out = new LinkedHashMap<>();
    double residualStd = 0.02 / Math.sqrt(2.0 * c.layers());
    for (Map.Entry<String, int[]> e : shapes(c).entrySet()) {
      String name = e.getKey();
      int[] shape = e.getValue();
      int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      float[] data = new float[n];
      SplittableRandom rng = root.split();
      if (name.endsWith(".g")) {
        Arrays.fill(data, 1f);
      } else if (name.endsWith(".w") || name.endsWith("_emb")) {
        double std = name.endsWith("proj.w") || name.endsWith("out.w") ? residualStd : 0.02;
        for (int k = 0; k < n; k++) {
          data[k] = (float) (gaussian(rng) * std);
        }
      }
      out.put(name, new Tensor(shape, data));
    }
    return out;
  }

  /**
   * Checks that {@code weights} has exactly the parameters {@code c} needs, each of the right
   * shape.
   *
   * @throws IllegalArgumentException naming the first parameter that is missing, extra or misshapen
   */
  static void check(LayoutLmConfig c, Map<String, Tensor> weights) {
    Map<String, int[]> expected = shapes(c);
    for (Map.Entry<String, int[]> e : expected.entrySet()) {
      Tensor t = weights.get(e.getKey());
      if (t == null) {
        throw new IllegalArgumentException("the weights lack parameter " + e.getKey());
      }
      if (!Arrays.equals(t.shape(), e.getValue())) {
        throw new IllegalArgumentException(
            "parameter "
                + e.getKey()
                + " has shape "
                + Arrays.toString(t.shape())
                + ", the config needs "
                + Arrays.toString(e.getValue()));
      }
    }
    for (String name : weights.keySet()) {
      if (!expected.containsKey(name)) {
        throw new IllegalArgumentException("the weights hold an unknown parameter " + name);
      }
    }
  }

  /** Weight decay applies to matrices, not to biases, norm gains or embeddings. */
  static boolean decays(String name) {
    return name.endsWith(".w");
  }

  /** A standard normal draw (Box–Muller), from the given stream only. */
  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
