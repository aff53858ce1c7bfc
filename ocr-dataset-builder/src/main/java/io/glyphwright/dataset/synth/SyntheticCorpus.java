package io.glyphwright.dataset.synth;

import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.CorpusWriter;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.ShardWriter;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code dataset synth}: writes {@code count} synthetic samples into a corpus folder, {@code
 * shardSize} per shard, sample {@code n} in shard {@code n / shardSize}.
 *
 * <p>Posters are drawn on {@code workers} threads and written in order. A rerun with the same
 * settings skips the shards that exist and writes the rest, with the same bytes as an uninterrupted
 * run; other settings in the same folder are refused (see {@link CorpusWriter}).
 */
public final class SyntheticCorpus {
  /** Bump when a change to the generator changes its output, so old folders are not resumed. */
  public static final int GENERATOR_VERSION = 1;

  private SyntheticCorpus() {}

  /** Makes the corpus in {@code out}; returns its stats (also written as {@code stats.json}). */
  public static CorpusStats run(
      SynthSettings settings, Path out, GlyphRenderer renderer, Progress progress)
      throws IOException {
    PhotoLibrary photos =
        settings.photoRoots().isEmpty()
            ? PhotoLibrary.none()
            : PhotoLibrary.scan(settings.photoRoots());
    SyntheticPosters posters = new SyntheticPosters(renderer, settings, photos);
    int shards = settings.shards();
    ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), daemonThreads());
    try (CorpusWriter writer = CorpusWriter.open(out, manifest(settings, photos, posters))) {
      for (int shard = 0; shard < shards; shard++) {
        long first = (long) shard * settings.shardSize();
        long end = Math.min(settings.count(), first + settings.shardSize());
        if (writer.isShardComplete(shard)) {
          progress.shardDone(shard, shards, end - first, true);
          continue;
        }
        writeShard(writer, shard, first, end, posters, pool, settings.workers(), progress);
        progress.shardDone(shard, shards, end - first, false);
      }
      progress.finish();
      return writer.finish(shards);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeShard(
      CorpusWriter writer,
      int shard,
      long first,
      long end,
      SyntheticPosters posters,
      ExecutorService pool,
      int workers,
      Progress progress)
      throws IOException {
    ArrayDeque<Future<SyntheticPosters.Sample>> window = new ArrayDeque<>();
    long next = first;
    try (ShardWriter sw = writer.openShard(shard)) {
      while (next < end || !window.isEmpty()) {
        while (next < end && window.size() < 2 * workers) {
          long n = next++;
          window.add(pool.submit(() -> posters.generate(n)));
        }
        sw.add(await(window.poll()).record());
        progress.advance(1);
      }
      sw.commit();
    } finally {
      window.forEach(f -> f.cancel(true));
    }
  }

  private static SyntheticPosters.Sample await(Future<SyntheticPosters.Sample> f)
      throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while drawing posters", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  /** Everything that changes the corpus's bytes; a rerun must match it to resume. */
  static tools.jackson.databind.node.ObjectNode manifest(
      SynthSettings s, PhotoLibrary photos, SyntheticPosters posters) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("seed", Long.toUnsignedString(s.seed()));
    m.put("lang", Lang.format(s.langs()));
    m.put("size", s.size());
    m.put("shardSize", s.shardSize());
    m.put("format", s.format());
    m.put("photos", photos.files().size());
    m.put("photoSet", photoSetDigest(photos));
    m.put("faces", posters.faceIds());
    m.put("generatorVersion", GENERATOR_VERSION);
    return CorpusWriter.manifest("glyphwright dataset synth", m);
  }

  /** A digest of the photos' paths and sizes: a changed photo set is a different corpus. */
  private static String photoSetDigest(PhotoLibrary photos) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path p : photos.files()) {
        md.update((p + "\t" + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "synth-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
