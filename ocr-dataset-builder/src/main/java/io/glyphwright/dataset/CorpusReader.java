package io.glyphwright.dataset;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * Reads samples back from corpus shards, in shard order and, within a shard, in the order they were
 * written. Members are grouped into samples as WebDataset does: consecutive members whose names
 * agree up to the first dot of the file name form one sample. A sample needs a {@code KEY.json} and
 * one image ({@code png}, {@code jpg} or {@code jpeg}); other members are ignored.
 *
 * <p>Iterating streams through each tar once; call {@link #close} (or use try-with-resources) to
 * release the open shard if iteration stops early. Read errors surface as {@link
 * UncheckedIOException}.
 */
public final class CorpusReader implements Iterator<CorpusRecord>, Closeable {
  private final List<Path> tars;
  private int nextTar;
  private Path currentTar;
  private TarArchiveInputStream in;
  private TarArchiveEntry pending;
  private CorpusRecord next;

  private CorpusReader(List<Path> tars) {
    this.tars = List.copyOf(tars);
  }

  /**
   * A reader over a corpus folder's shards ({@code shard-NNNNNN.tar}, in number order), or over one
   * tar file.
   */
  public static CorpusReader open(Path folderOrTar) throws IOException {
    if (Files.isDirectory(folderOrTar)) {
      return new CorpusReader(shards(folderOrTar));
    }
    if (!Files.isRegularFile(folderOrTar)) {
      throw new IllegalArgumentException(
          folderOrTar + " does not exist: give a corpus folder or a shard .tar");
    }
    return new CorpusReader(List.of(folderOrTar));
  }

  /** A reader over the given tars, in the given order. */
  public static CorpusReader open(List<Path> tars) {
    return new CorpusReader(tars);
  }

  /** The shard tars in a corpus folder, by shard number. Temporary files are not shards. */
  public static List<Path> shards(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> ShardNames.shardNumber(p.getFileName().toString()).isPresent())
          .sorted(
              (a, b) ->
                  Integer.compare(
                      ShardNames.shardNumber(a.getFileName().toString()).getAsInt(),
                      ShardNames.shardNumber(b.getFileName().toString()).getAsInt()))
          .toList();
    }
  }

  /**
   * The metadata of every sample in one shard, in order, without reading the images (the tar's
   * headers are read and image data is seeked over).
   */
  public static List<CorpusSample> readSamples(Path tar) throws IOException {
    List<CorpusSample> samples = new ArrayList<>();
    try (TarFile file = new TarFile(tar)) {
      for (TarArchiveEntry e : file.getEntries()) {
        if (e.isFile() && e.getName().endsWith(".json")) {
          try (InputStream in = file.getInputStream(e)) {
            samples.add(parse(in.readAllBytes(), tar, e.getName()));
          }
        }
      }
    }
    return samples;
  }

  /** The remaining samples as a sequential stream; closing the stream closes the reader. */
  public Stream<CorpusRecord> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              try {
                close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      try {
        next = readNext();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + currentTar + ": " + e.getMessage(), e);
      }
    }
    return next != null;
  }

  @Override
  public CorpusRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CorpusRecord r = next;
    next = null;
    return r;
  }

  private CorpusRecord readNext() throws IOException {
    while (true) {
      if (in == null) {
        if (nextTar >= tars.size()) {
          return null;
        }
        currentTar = tars.get(nextTar++);
        in = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(currentTar)));
        pending = in.getNextEntry();
      }
      if (pending == null) {
        in.close();
        in = null;
        continue;
      }
      return readSample();
    }
  }

  /** Reads the group of members starting at {@code pending}. */
  private CorpusRecord readSample() throws IOException {
    String key = keyOf(pending.getName());
    byte[] json = null;
    byte[] image = null;
    String imageExt = null;
    while (pending != null && keyOf(pending.getName()).equals(key)) {
      if (pending.isFile()) {
        String ext = extensionOf(pending.getName());
        switch (ext) {
          case "json" -> json = in.readAllBytes();
          case "png", "jpg", "jpeg" -> {
            image = in.readAllBytes();
            imageExt = ext;
          }
          default -> {
            // Captions are in the JSON too; unknown members are other tools' extensions.
          }
        }
      }
      pending = in.getNextEntry();
    }
    if (json == null || image == null) {
      throw new IOException(
          "sample '"
              + key
              + "' has no "
              + (json == null ? "KEY.json" : "image (KEY.png or KEY.jpg)")
              + " member; is this a Glyphwright corpus shard?");
    }
    return new CorpusRecord(parse(json, currentTar, key + ".json"), imageExt, image);
  }

  private static CorpusSample parse(byte[] json, Path tar, String member) throws IOException {
    try {
      return CorpusSampleJson.parse(new String(json, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IOException(tar + " member " + member + ": " + e.getMessage(), e);
    }
  }

  /** WebDataset's key: the member name up to the first dot of its file name. */
  static String keyOf(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.indexOf('.', slash + 1);
    return dot < 0 ? name : name.substring(0, dot);
  }

  private static String extensionOf(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.indexOf('.', slash + 1);
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void close() throws IOException {
    next = null;
    nextTar = tars.size();
    if (in != null) {
      in.close();
      in = null;
    }
  }
}
