package io.glyphwright.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlyphUnetTest {
  private static final int B = 2;
  private static final int H = 8;
  private static final int L = 5;

  private static float[] run(
      GlyphUnet unet, NDManager m, float[] glyph, float[] text, float[] mask) {
    UnetConfig c = unet.config();
    float[] x = TinyUnets.gaussian(1, B * c.modelChannels() * H * H);
    NDList in =
        new NDList(
            m.create(x, new Shape(B, c.modelChannels(), H, H)),
            m.create(new float[] {10f, 700f}),
            m.create(glyph, new Shape(B, c.condChannels(), H, H)),
            m.create(text, new Shape(B, L, c.textWidth())),
            m.create(mask, new Shape(B, L)));
    return unet.forward(new ParameterStore(m, false), in, false).singletonOrThrow().toFloatArray();
  }

  private static float[] glyph(UnetConfig c) {
    return TinyUnets.uniform(2, B * c.condChannels() * H * H);
  }

  private static float[] text(UnetConfig c, long seed) {
    return TinyUnets.gaussian(seed, B * L * c.textWidth());
  }

  @Test
  void theSameSeedGivesTheSameWeightsAndAnotherSeedOthers() {
    UnetConfig c = TinyUnets.config();
    GlyphUnet a = new GlyphUnet(c, 5);
    GlyphUnet b = new GlyphUnet(c, 5);
    GlyphUnet other = new GlyphUnet(c, 6);
    try (NDManager m = NDManager.newBaseManager()) {
      a.initialize(m);
      b.initialize(m);
      other.initialize(m);
      List<Parameter> pa = a.getParameters().values();
      List<Parameter> pb = b.getParameters().values();
      List<Parameter> po = other.getParameters().values();
      boolean anyDiffers = false;
      for (int i = 0; i < pa.size(); i++) {
        assertArrayEquals(pa.get(i).getArray().toFloatArray(), pb.get(i).getArray().toFloatArray());
        anyDiffers |=
            !Arrays.equals(
                pa.get(i).getArray().toFloatArray(), po.get(i).getArray().toFloatArray());
      }
      assertTrue(anyDiffers);
      assertEquals(a.parameterCount(), other.parameterCount());
    }
  }

  @Test
  void outputHasTheInputShapeAndZeroInitialisedModelPredictsZero() {
    UnetConfig c = TinyUnets.config().withZeroInit(true);
    GlyphUnet unet = new GlyphUnet(c, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      float[] y = run(unet, m, glyph(c), text(c, 3), new float[] {1, 1, 1, 0, 0, 1, 1, 0, 0, 0});
      assertEquals(B * c.modelChannels() * H * H, y.length);
      // Residual branches and the output convolution start at zero: a fresh model predicts 0.
      assertTrue(Arrays.equals(y, new float[y.length]));
    }
  }

  @Test
  void paddingTokensAndAnEmptyPromptDoNotReachTheOutput() {
    UnetConfig c = TinyUnets.config();
    GlyphUnet unet = new GlyphUnet(c, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      float[] mask = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0}; // row 0: two tokens; row 1: no prompt
      float[] text1 = text(c, 3);
      float[] text2 = text1.clone();
      int w = c.textWidth();
      for (int i = 2 * w; i < L * w; i++) {
        text2[i] = 100f; // row 0's padding
      }
      for (int i = L * w; i < 2 * L * w; i++) {
        text2[i] = -7f; // row 1, all padding
      }
      assertArrayEquals(run(unet, m, glyph(c), text1, mask), run(unet, m, glyph(c), text2, mask));
      text2[0] += 1f; // a real token
      assertFalse(
          Arrays.equals(run(unet, m, glyph(c), text1, mask), run(unet, m, glyph(c), text2, mask)));
    }
  }

  @Test
  void theGlyphMaskChangesTheOutput() {
    UnetConfig c = TinyUnets.config();
    GlyphUnet unet = new GlyphUnet(c, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      unet.initialize(m);
      float[] mask = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
      float[] g = glyph(c);
      float[] y1 = run(unet, m, g, text(c, 3), mask);
      g[0] = 1f - g[0];
      assertFalse(Arrays.equals(y1, run(unet, m, g, text(c, 3), mask)));
    }
  }

  @Test
  void badConfigurationsAreRefusedWithTheReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new UnetConfig(2, 3, 1, 20, List.of(1, 2), 1, 32, 8, 8, false));
    assertTrue(e.getMessage().contains("does not divide into 8 groups"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new UnetConfig(2, 3, 0, 16, List.of(1, 2), 1, 32, 8, 4, false));
  }

  @Test
  void inkProductPaintsEachColourOverEachMaskSubPixelAsANaiveLoopDoes() {
    int b = 2;
    int c = 3;
    int r2 = 4;
    int hh = 3;
    int ww = 2;
    float[] ink = TinyUnets.gaussian(5, b * c * hh * ww);
    float[] glyph = TinyUnets.uniform(6, b * (r2 + 1) * hh * ww); // the mask and one more channel
    try (NDManager m = NDManager.newBaseManager()) {
      float[] got =
          GlyphUnet.inkProduct(
                  m.create(ink, new Shape(b, c, hh, ww)),
                  m.create(glyph, new Shape(b, r2 + 1, hh, ww)),
                  r2)
              .toFloatArray();
      assertEquals(b * c * r2 * hh * ww, got.length);
      int i = 0;
      for (int n = 0; n < b; n++) {
        for (int ch = 0; ch < c; ch++) {
          for (int k = 0; k < r2; k++) {
            for (int y = 0; y < hh; y++) {
              for (int x = 0; x < ww; x++) {
                float want =
                    ink[((n * c + ch) * hh + y) * ww + x]
                        * glyph[((n * (r2 + 1) + k) * hh + y) * ww + x];
                assertEquals(want, got[i++], 1e-6f);
              }
            }
          }
        }
      }
    }
  }
}
