package io.glyphwright.diffusion.sampling;

import java.util.SplittableRandom;

/**
 * Seeded standard normal noise for a batch of images, one stream per image.
 *
 * <p>Image {@code k}'s stream is the {@code k}-th {@link SplittableRandom#split()} of {@code new
 * SplittableRandom(seed)}, so image {@code k} of a request depends on the seed and on {@code k}
 * only, not on how many images the request asks for. {@link #fill} cuts its array into one equal
 * slice per image and fills each slice from that image's stream.
 *
 * <p>Gaussians come from the Box–Muller transform, two per pair of uniforms: {@code u1 = 1 −
 * nextDouble()} (in (0, 1]), {@code u2 = nextDouble()}, {@code z0 = r·cos(2πu2)}, {@code z1 =
 * r·sin(2πu2)} with {@code r = sqrt(−2·ln u1)}. Each slice starts on a fresh pair; a slice of odd
 * length drops the last {@code z1}.
 *
 * <p>Not thread-safe: one instance serves one sampling run.
 */
public final class GaussianNoise implements NoiseSource {
  private final SplittableRandom[] streams;

  private GaussianNoise(SplittableRandom[] streams) {
    this.streams = streams;
  }

  /** Noise for {@code images} images from one seed. */
  public static GaussianNoise forImages(long seed, int images) {
    if (images < 1) {
      throw new IllegalArgumentException("at least one image, got " + images);
    }
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] streams = new SplittableRandom[images];
    for (int k = 0; k < images; k++) {
      streams[k] = root.split();
    }
    return new GaussianNoise(streams);
  }

  /** Number of per-image streams. */
  public int images() {
    return streams.length;
  }

  /**
   * Fills {@code dst}, whose length must be a multiple of {@link #images()}: slice {@code k} from
   * image {@code k}'s stream.
   */
  @Override
  public void fill(float[] dst) {
    int images = streams.length;
    if (dst.length % images != 0) {
      throw new IllegalArgumentException(
          "noise array of " + dst.length + " values does not split into " + images + " images");
    }
    int per = dst.length / images;
    for (int k = 0; k < images; k++) {
      fill(streams[k], dst, k * per, per);
    }
  }

  private static void fill(SplittableRandom random, float[] dst, int offset, int length) {
    for (int i = 0; i < length; i += 2) {
      double u1 = 1.0 - random.nextDouble();
      double u2 = random.nextDouble();
      double radius = Math.sqrt(-2.0 * Math.log(u1));
      double angle = 2.0 * Math.PI * u2;
      dst[offset + i] = (float) (radius * Math.cos(angle));
      if (i + 1 < length) {
        dst[offset + i + 1] = (float) (radius * Math.sin(angle));
      }
    }
  }
}
