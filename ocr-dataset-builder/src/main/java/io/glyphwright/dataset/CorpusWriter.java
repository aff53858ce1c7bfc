package io.glyphwright.dataset;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.core.LayoutJson;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a corpus folder: shards {@code shard-000000.tar, ...} (each through a {@link
 * ShardWriter}), then {@code index.jsonl} and {@code stats.json} over all of them.
 *
 * <p><b>Resuming.</b> A corpus is a fixed sequence of shards, each covering a fixed range of
 * inputs, so a run that was killed is finished by running it again: shards whose tar (and stats)
 * exist are complete and skipped ({@link #isShardComplete}), the others are written again from the
 * start. {@code manifest.json} records what made the corpus and its settings; opening a folder
 * whose manifest differs is refused, so that shards made with other settings are never mixed in.
 *
 * <p><b>One writer.</b> The folder is locked while open; a second writer (in this or another
 * process) is refused. Temporary files left by a killed writer are deleted on open.
 *
 * <p>{@link #openShard} may be called from several threads, one shard per thread.
 */
public final class CorpusWriter implements AutoCloseable {
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final long startNanos = System.nanoTime();
  private int shardsWritten;
  private long inputsProcessed;

  private CorpusWriter(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating it if needed) the corpus folder {@code dir} for the corpus {@code manifest}
   * describes.
   *
   * @param manifest what makes the corpus and every setting that changes its bytes (not, e.g., the
   *     number of worker threads)
   * @throws IllegalArgumentException when the folder holds another corpus, or files that are not a
   *     corpus, or another writer is using it
   */
  public static CorpusWriter open(Path dir, ObjectNode manifest) throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !Files.isDirectory(abs)) {
      throw new IllegalArgumentException(dir + " is a file; give --out a folder");
    }
    Files.createDirectories(abs);
    FileChannel ch =
        FileChannel.open(
            abs.resolve(ShardNames.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      ch.close();
      throw new IllegalArgumentException(
          "another run is writing to "
              + dir
              + "; wait for it to finish or give another output folder");
    }
    CorpusWriter w = new CorpusWriter(abs, ch, lock);
    try {
      w.deleteTemporaries();
      w.checkManifest(manifest);
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
    return w;
  }

  public Path dir() {
    return dir;
  }

  /** True when shard {@code shard} was committed (by this run or an earlier one). */
  public boolean isShardComplete(int shard) {
    return Files.isRegularFile(dir.resolve(ShardNames.tar(shard)))
        && Files.isRegularFile(dir.resolve(ShardNames.shardStats(shard)));
  }

  /** Starts writing shard {@code shard}; an existing shard of that number is replaced on commit. */
  public ShardWriter openShard(int shard) throws IOException {
    return ShardWriter.open(dir, shard, this::committed);
  }

  private synchronized void committed(ShardStats stats) {
    shardsWritten++;
    inputsProcessed += stats.inputs();
  }

  /**
   * Writes {@code index.jsonl} (one line per kept sample, in shard order) and {@code stats.json}
   * for the corpus of shards {@code 0..shardCount-1}, each atomically.
   *
   * @throws IllegalStateException when a shard is missing or the folder holds shards beyond them
   */
  public CorpusStats finish(int shardCount) throws IOException {
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < shardCount; i++) {
      if (!isShardComplete(i)) {
        missing.add(i);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "cannot finish the corpus in " + dir + ": shards " + missing + " are not written yet");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> extra =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> ShardNames.shardNumber(n).orElse(-1) >= shardCount)
              .sorted()
              .toList();
      if (!extra.isEmpty()) {
        throw new IllegalStateException(
            dir + " holds " + extra + " beyond the " + shardCount + " shards of this corpus");
      }
    }
    StringBuilder index = new StringBuilder();
    long total = 0;
    long kept = 0;
    SortedMap<String, Long> rejects = new TreeMap<>();
    for (int i = 0; i < shardCount; i++) {
      ShardStats s =
          ShardStats.fromJson(
              Files.readString(dir.resolve(ShardNames.shardStats(i)), StandardCharsets.UTF_8));
      total += s.inputs();
      kept += s.kept();
      s.rejects().forEach((k, v) -> rejects.merge(k, v, Long::sum));
      String shardName = ShardNames.tar(i);
      List<CorpusSample> samples = CorpusReader.readSamples(dir.resolve(shardName));
      if (samples.size() != s.kept()) {
        throw new IllegalStateException(
            shardName + " holds " + samples.size() + " samples but its stats say " + s.kept());
      }
      for (CorpusSample sample : samples) {
        index.append(indexLine(sample, shardName)).append('\n');
      }
    }
    AtomicFiles.write(
        dir.resolve(ShardNames.INDEX), index.toString().getBytes(StandardCharsets.UTF_8));
    int written;
    long processed;
    synchronized (this) {
      written = shardsWritten;
      processed = inputsProcessed;
    }
    CorpusStats stats =
        new CorpusStats(
            shardCount,
            total,
            kept,
            rejects,
            written,
            shardCount - written,
            processed,
            (System.nanoTime() - startNanos) / 1e9);
    AtomicFiles.write(
        dir.resolve(ShardNames.STATS), (stats.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
    return stats;
  }

  /** The {@code index.jsonl} line of a sample: where it is and its main fields. */
  static String indexLine(CorpusSample s, String shardName) {
    ObjectNode o = LayoutJson.mapper().createObjectNode();
    o.put("key", s.key());
    o.put("shard", shardName);
    o.put("width", s.width());
    o.put("height", s.height());
    o.put("caption", s.caption());
    o.put("source", s.source());
    o.put("engine", s.ocr().engine());
    ArrayNode texts = o.putArray("texts");
    s.ocr().lines().forEach(l -> texts.add(l.text()));
    o.put("layout", s.layout());
    if (s.background() != null) {
      o.put("background", s.background().color());
    }
    return o.toString();
  }

  private void deleteTemporaries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p :
          files.filter(p -> ShardNames.isTemporary(p.getFileName().toString())).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void checkManifest(ObjectNode manifest) throws IOException {
    Path file = dir.resolve(ShardNames.MANIFEST);
    String printed =
        LayoutJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest);
    if (Files.exists(file)) {
      JsonNode existing;
      try {
        existing = LayoutJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      } catch (JacksonException e) {
        throw new IllegalArgumentException(
            file + " is not valid JSON; delete the folder " + dir + " or give another one");
      }
      if (!existing.equals(LayoutJson.mapper().readTree(printed))) {
        throw new IllegalArgumentException(
            dir
                + " holds a corpus made with other settings ("
                + existing
                + "); give another output folder, or delete this one to start over");
      }
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<String> foreign =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.equals(ShardNames.LOCK))
              .sorted()
              .limit(3)
              .toList();
      if (!foreign.isEmpty()) {
        throw new IllegalArgumentException(
            dir
                + " is not empty (it holds "
                + String.join(", ", foreign)
                + ", ...) and is not a corpus folder; give an empty or new output folder");
      }
    }
    AtomicFiles.write(file, (printed + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Releases the folder's lock. */
  @Override
  public void close() throws IOException {
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
    }
  }

  /** The settings a manifest records, sorted by name, so key order never matters. */
  public static ObjectNode manifest(String generator, Map<String, ?> settings) {
    ObjectNode root = LayoutJson.mapper().createObjectNode();
    root.put("generator", generator);
    root.put("format", 1);
    ObjectNode s = root.putObject("settings");
    new TreeMap<>(settings).forEach((k, v) -> s.set(k, LayoutJson.mapper().valueToTree(v)));
    return root;
  }
}
