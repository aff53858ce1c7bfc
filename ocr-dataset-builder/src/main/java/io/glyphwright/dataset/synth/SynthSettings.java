package io.glyphwright.dataset.synth;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code dataset synth} makes.
 *
 * @param count how many samples
 * @param seed the seed every sample's randomness derives from
 * @param langs the languages of the text: English, Chinese, or both (mixed posters too)
 * @param size the side of the square pictures in pixels
 * @param shardSize samples per shard
 * @param format image format in the shards: {@code png} (lossless) or {@code jpg} (quality 95)
 * @param photoRoots folders to take background photos from; empty for procedural backgrounds only
 * @param workers threads drawing posters (does not change the output)
 */
public record SynthSettings(
    long count,
    long seed,
    Set<Lang> langs,
    int size,
    int shardSize,
    String format,
    List<Path> photoRoots,
    int workers) {

  /** Smallest and largest picture sides accepted. */
  public static final int MIN_SIZE = 64;

  public static final int MAX_SIZE = 2048;

  public SynthSettings {
    if (count < 1) {
      throw new IllegalArgumentException("--count must be at least 1, got " + count);
    }
    langs = Collections.unmodifiableSet(EnumSet.copyOf(Objects.requireNonNull(langs, "langs")));
    if (langs.isEmpty()) {
      throw new IllegalArgumentException("--lang needs at least one of en, zh");
    }
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "--size " + size + " is out of range: use " + MIN_SIZE + " to " + MAX_SIZE + " pixels");
    }
    if (shardSize < 1) {
      throw new IllegalArgumentException("--shard-size must be at least 1, got " + shardSize);
    }
    if (!format.equals("png") && !format.equals("jpg")) {
      throw new IllegalArgumentException("--format must be png or jpg, got " + format);
    }
    photoRoots = List.copyOf(photoRoots);
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
  }

  /** Settings with the defaults for everything but count and seed: en+zh, 512 px, 1000/shard. */
  public static SynthSettings defaults(long count, long seed) {
    return new SynthSettings(
        count,
        seed,
        EnumSet.allOf(Lang.class),
        512,
        1000,
        "png",
        PhotoLibrary.DEBIAN_FOLDERS,
        Runtime.getRuntime().availableProcessors());
  }

  public int shards() {
    return (int) ((count + shardSize - 1) / shardSize);
  }

  public SynthSettings withSize(int newSize) {
    return new SynthSettings(count, seed, langs, newSize, shardSize, format, photoRoots, workers);
  }

  public SynthSettings withLangs(Set<Lang> newLangs) {
    return new SynthSettings(count, seed, newLangs, size, shardSize, format, photoRoots, workers);
  }

  public SynthSettings withShardSize(int newShardSize) {
    return new SynthSettings(count, seed, langs, size, newShardSize, format, photoRoots, workers);
  }

  public SynthSettings withFormat(String newFormat) {
    return new SynthSettings(count, seed, langs, size, shardSize, newFormat, photoRoots, workers);
  }

  public SynthSettings withPhotoRoots(List<Path> roots) {
    return new SynthSettings(count, seed, langs, size, shardSize, format, roots, workers);
  }

  public SynthSettings withWorkers(int newWorkers) {
    return new SynthSettings(count, seed, langs, size, shardSize, format, photoRoots, newWorkers);
  }
}
