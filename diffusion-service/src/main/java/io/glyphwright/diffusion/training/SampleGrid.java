package io.glyphwright.diffusion.training;

import ai.djl.ndarray.NDManager;
import io.glyphwright.core.AtomicFiles;
import io.glyphwright.diffusion.model.DjlDenoiser;
import io.glyphwright.diffusion.model.GlyphUnet;
import io.glyphwright.diffusion.sampling.DenoiserException;
import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.DiffusionSampler;
import io.glyphwright.diffusion.sampling.SampleRequest;
import io.glyphwright.diffusion.sampling.SampledImages;
import io.glyphwright.diffusion.sampling.SchedulerKind;
import io.glyphwright.diffusion.sampling.TextEmbedding;
import io.glyphwright.diffusion.text.PromptEncoder;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * A picture of how training goes: for each held-out sample a row of three tiles — the real image,
 * its glyph mask, and what the (EMA) model paints for that mask and caption, sampled through the
 * sampler's own {@link DiffusionSampler} with a fixed seed, so grids of successive steps compare.
 */
final class SampleGrid {
  private SampleGrid() {}

  static void write(
      GlyphUnet unet,
      DenoiserSpec spec,
      NDManager manager,
      TrainingCache cache,
      int[] indices,
      int size,
      int steps,
      double guidance,
      long seed,
      Path file)
      throws IOException, DenoiserException {
    DiffusionSampler sampler = new DiffusionSampler(new DjlDenoiser(unet, spec, manager));
    BufferedImage grid =
        new BufferedImage(3 * size, indices.length * size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    int side = cache.side();
    byte[] rgb = new byte[3 * side * side];
    byte[] mask = new byte[side * side];
    float[] pooled = new float[PromptEncoder.WIDTH];
    try {
      for (int row = 0; row < indices.length; row++) {
        cache.read(indices[row], rgb, mask, pooled);
        float[] img = new float[3 * size * size];
        float[] m = new float[size * size];
        Resampling.cropResize(rgb, 3, side, 0, 0, side, size, img, 1.0, 0.0);
        Resampling.cropResize(mask, 1, side, 0, 0, side, size, m, 1.0 / 255.0, 0.0);
        g.drawImage(planesToImage(img, size, 1f, 0f), 0, row * size, null);
        g.drawImage(planesToImage(new float[][] {m, m, m}, size), size, row * size, null);
        float[] tokens = new float[spec.textTokens() * spec.textDim()];
        float[] tokenMask = new float[spec.textTokens()];
        System.arraycopy(pooled, 0, tokens, 0, pooled.length);
        tokenMask[0] = 1f;
        SampleRequest request =
            SampleRequest.builder()
                .setSize(size, size)
                .setGlyphs(m)
                .setPrompt(new TextEmbedding(spec.textTokens(), spec.textDim(), tokens, tokenMask))
                .optSteps(steps)
                .optGuidance(guidance)
                .optScheduler(SchedulerKind.DDIM)
                .optSeed(seed + row)
                .build();
        SampledImages out = sampler.sample(request);
        g.drawImage(out.image(0), 2 * size, row * size, null);
      }
    } finally {
      g.dispose();
    }
    // Through a temporary file beside the grid, forced to disk and renamed over it (AtomicFiles):
    // a viewer or a rerun sees the previous grid or this one, never half a PNG.
    Path tmp = AtomicFiles.tempFor(file);
    try {
      try (RandomAccessFile raf = new RandomAccessFile(tmp.toFile(), "rw");
          ImageOutputStream out = new FileImageOutputStream(raf)) {
        if (!ImageIO.write(grid, "png", out)) {
          throw new IOException("no PNG writer for the sample grid " + file);
        }
        out.flush();
        raf.getFD().sync();
      }
      AtomicFiles.publish(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static BufferedImage planesToImage(float[] planes, int size, float scale, float offset) {
    int plane = size * size;
    float[][] split = new float[3][plane];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < plane; p++) {
        split[c][p] = planes[c * plane + p] * scale + offset;
      }
    }
    return planesToImage(
        new float[][] {
          scale(split[0], 1f / 255f), scale(split[1], 1f / 255f), scale(split[2], 1f / 255f)
        },
        size);
  }

  private static float[] scale(float[] v, float k) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= k;
    }
    return v;
  }

  /** Three planes with values in [0, 1] to an RGB image. */
  private static BufferedImage planesToImage(float[][] rgb, int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int[] px = new int[size * size];
    for (int p = 0; p < px.length; p++) {
      int r = Math.round(Math.max(0, Math.min(1, rgb[0][p])) * 255);
      int gr = Math.round(Math.max(0, Math.min(1, rgb[1][p])) * 255);
      int b = Math.round(Math.max(0, Math.min(1, rgb[2][p])) * 255);
      px[p] = (r << 16) | (gr << 8) | b;
    }
    img.setRGB(0, 0, size, size, px, 0, size);
    return img;
  }
}
