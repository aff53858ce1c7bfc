package io.glyphwright.diffusion.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.model.UnetConfig;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseLeakTest {
  private static final UnetConfig CONFIG = UnetTrainerTest.TINY.withZeroInit(false);
  private static final int[] TIMESTEPS = {999, 600, 100};

  private static float[] random(int n, SplittableRandom rng) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (rng.nextDouble() * 2 - 1);
    }
    return v;
  }

  private static List<NoiseLeak.Figure> measure(GlyphUnet net, NDManager root) {
    SplittableRandom rng = new SplittableRandom(4);
    int b = 2;
    int hw = 8;
    float[] x0 = random(b * CONFIG.modelChannels() * hw * hw, rng);
    float[] glyph = new float[b * CONFIG.condChannels() * hw * hw];
    for (int i = 0; i < glyph.length; i += 3) {
      glyph[i] = 1;
    }
    float[] text = random(b * 2 * CONFIG.textWidth(), rng);
    float[] mask = {1, 1, 1, 0};
    return NoiseLeak.measure(
        net, NoiseSchedule.cosine(1000), x0, glyph, text, mask, b, hw, hw, TIMESTEPS, 3, root);
  }

  @Test
  void aNetworkThatIgnoresTheNoisyInputLeaksNothingAndOneThatReadsItLeaks() {
    try (NDManager root = Engine.getEngine("PyTorch").newBaseManager()) {
      GlyphUnet net = new GlyphUnet(CONFIG, 9);
      net.initialize(root);
      List<NoiseLeak.Figure> reading = measure(net, root);
      assertEquals(TIMESTEPS.length, reading.size());
      for (NoiseLeak.Figure f : reading) {
        assertTrue(f.leak() > 1e-6, "a random network reads its input: " + f);
        assertTrue(f.mse() > 0, f.toString());
      }
      // x reaches the network through the first convolution's image channels and the input skip
      // only; with those weights at zero the prediction cannot depend on the noise.
      int mc = CONFIG.modelChannels();
      net.convIn().weight().getArray().set(new NDIndex(":, 0:" + mc), 0f);
      for (Parameter p : net.inputSkip().getParameters().values()) {
        p.getArray().set(new NDIndex(":"), 0f);
      }
      List<NoiseLeak.Figure> blind = measure(net, root);
      for (int i = 0; i < blind.size(); i++) {
        assertEquals(0.0, blind.get(i).leak(), 1e-12, blind.get(i).toString());
        assertEquals(TIMESTEPS[i], blind.get(i).timestep());
        assertTrue(blind.get(i).mse() > 0);
      }
    }
  }
}
