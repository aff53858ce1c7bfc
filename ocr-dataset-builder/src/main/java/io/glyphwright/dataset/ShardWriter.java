package io.glyphwright.dataset;

import io.glyphwright.core.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes one WebDataset shard, {@code shard-NNNNNN.tar}, as img2dataset does: per sample the
 * members {@code KEY.png|jpg}, {@code KEY.json} and {@code KEY.txt}, next to each other, in sorted
 * order of extension (as WebDataset's own writer orders them).
 *
 * <p>Members are plain ustar entries with fixed metadata (mode 0644, owner 0:0, no user or group
 * names, time stamp 0), so the same samples always give the same bytes. The tar is written to a
 * temporary file in the corpus folder; {@link #commit} finishes it, forces it to disk, writes the
 * shard's {@link ShardStats} beside it and only then renames the tar into place, so a shard file
 * that exists is complete. Closing without committing deletes the temporary file.
 *
 * <p>Not thread-safe: one thread writes one shard.
 */
public final class ShardWriter implements AutoCloseable {
  private static final Pattern REASON = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  private final Path dir;
  private final int shard;
  private final Path target;
  private final Path tmp;
  private final FileChannel channel;
  private final TarArchiveOutputStream tar;
  private final Set<String> keys = new HashSet<>();
  private final SortedMap<String, Long> rejects = new TreeMap<>();
  private final Consumer<ShardStats> onCommit;
  private long kept;
  private boolean finished;

  private ShardWriter(Path dir, int shard, Consumer<ShardStats> onCommit) throws IOException {
    this.dir = dir;
    this.shard = shard;
    this.onCommit = onCommit;
    this.target = dir.resolve(ShardNames.tar(shard));
    this.tmp = AtomicFiles.tempFor(target);
    this.channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
  }

  /**
   * Starts shard {@code shard} in the corpus folder {@code dir} (which must exist). Most callers go
   * through {@link CorpusWriter#openShard}, which also checks the folder belongs to this corpus.
   */
  public static ShardWriter open(Path dir, int shard) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("corpus folder " + dir + " does not exist");
    }
    return new ShardWriter(dir, shard, stats -> {});
  }

  static ShardWriter open(Path dir, int shard, Consumer<ShardStats> onCommit) throws IOException {
    return new ShardWriter(dir, shard, onCommit);
  }

  public int shard() {
    return shard;
  }

  /** The file the shard becomes on {@link #commit}. */
  public Path target() {
    return target;
  }

  /**
   * Appends a kept sample.
   *
   * @throws IllegalArgumentException when the shard already holds a sample with the same key
   */
  public void add(CorpusRecord record) throws IOException {
    requireOpen();
    CorpusSample s = record.sample();
    if (!keys.add(s.key())) {
      throw new IllegalArgumentException(
          "sample key " + s.key() + " appears twice in " + ShardNames.tar(shard));
    }
    byte[] json = CorpusSampleJson.print(s).getBytes(StandardCharsets.UTF_8);
    byte[] txt = s.caption().getBytes(StandardCharsets.UTF_8);
    Map<String, byte[]> members = new TreeMap<>();
    members.put(record.imageExtension(), record.image());
    members.put("json", json);
    members.put("txt", txt);
    for (Map.Entry<String, byte[]> m : members.entrySet()) {
      putMember(s.key() + "." + m.getKey(), m.getValue());
    }
    kept++;
  }

  /**
   * Counts an input that a filter rejected; it is not written, only counted under {@code reason}.
   *
   * @param reason a kebab-case reason, such as {@code too-small}
   */
  public void reject(String reason) {
    requireOpen();
    if (reason == null || !REASON.matcher(reason).matches()) {
      throw new IllegalArgumentException(
          "reject reason '" + reason + "' must be kebab-case (e.g. too-many-lines)");
    }
    rejects.merge(reason, 1L, Long::sum);
  }

  public long kept() {
    return kept;
  }

  public long inputs() {
    return kept + rejects.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Finishes the shard and publishes it: after this returns, {@code shard-NNNNNN.tar} and its
   * {@code _stats.json} exist, complete.
   */
  public ShardStats commit() throws IOException {
    requireOpen();
    finished = true;
    ShardStats stats = new ShardStats(shard, inputs(), kept, rejects);
    try {
      tar.finish();
      tar.flush();
      channel.force(true);
      tar.close();
      AtomicFiles.write(
          dir.resolve(ShardNames.shardStats(shard)),
          (stats.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
      AtomicFiles.publish(tmp, target);
    } finally {
      channel.close();
      Files.deleteIfExists(tmp);
    }
    onCommit.accept(stats);
    return stats;
  }

  /** Abandons an uncommitted shard: its temporary file is deleted. Does nothing after commit. */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void putMember(String name, byte[] data) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, true);
    e.setSize(data.length);
    e.setMode(0100644);
    e.setModTime(0L);
    e.setIds(0, 0);
    e.setUserName("");
    e.setGroupName("");
    tar.putArchiveEntry(e);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException(ShardNames.tar(shard) + " is already committed or closed");
    }
  }
}
