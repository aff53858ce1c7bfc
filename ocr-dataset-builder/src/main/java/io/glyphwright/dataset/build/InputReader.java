package io.glyphwright.dataset.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Lists the samples of the builder's inputs, in a fixed order, as {@link InputItem}s.
 *
 * <p><b>Inputs.</b> A folder, or a WebDataset tar ({@code .tar}, {@code .tar.gz}, {@code .tgz}).
 *
 * <ul>
 *   <li><b>Folders</b> (img2dataset's {@code files} output: {@code 00000/000000001.jpg} with {@code
 *       .txt} and {@code .json} beside it). In each folder, in name order: the files, grouped by
 *       their name up to the first dot (a group with no image — {@code jpg jpeg png webp gif bmp
 *       tif tiff} — is metadata such as {@code 00000_stats.json} and is skipped); then the tars in
 *       it, each read as below; then its sub-folders, depth first. Names starting with a dot are
 *       skipped; folder links are not followed. Files are read later, by {@link InputItem#load}.
 *   <li><b>Tars</b> (img2dataset's {@code webdataset} output, and Glyphwright's own shards), read
 *       as a stream, never extracted: consecutive members with the same name up to the first dot of
 *       the file name form one sample, as WebDataset groups them; the image, {@code txt} and {@code
 *       json} members are kept, others ignored. A member whose path is absolute or has a {@code ..}
 *       component is never read ({@code unsafe-path}); links and devices are {@code
 *       unsupported-member}; a sample without an image is {@code missing-image}; a name seen
 *       earlier in the same tar is {@code duplicate-key}. When the tar is damaged or ends early the
 *       sample being read counts as {@code unreadable-member} and the rest of that tar is lost.
 * </ul>
 *
 * Files or members over the byte limit are not read ({@code file-too-large}). The order depends
 * only on the names and contents, so every run lists the same items in the same order.
 */
public final class InputReader {
  /** Image extensions, lower case. */
  public static final Set<String> IMAGE_EXTENSIONS =
      Set.of("jpg", "jpeg", "png", "webp", "gif", "bmp", "tif", "tiff");

  /** Receives items in order. */
  @FunctionalInterface
  public interface Handler {
    void accept(InputItem item) throws IOException;
  }

  private final long maxFileBytes;
  private final boolean readData;

  private InputReader(long maxFileBytes, boolean readData) {
    this.maxFileBytes = maxFileBytes;
    this.readData = readData;
  }

  /**
   * Checks the inputs before any work: each exists and is a folder or a tar, and no two have the
   * same file name (keys and sources name inputs by file name).
   *
   * @throws IllegalArgumentException saying which input is wrong
   */
  public static void checkInputs(List<Path> inputs) {
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("give at least one --input folder or tar");
    }
    Map<String, Path> names = new HashMap<>();
    for (Path p : inputs) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("input " + p + " does not exist");
      }
      if (!Files.isDirectory(p) && !isTar(p.getFileName().toString())) {
        throw new IllegalArgumentException(
            "input "
                + p
                + " is neither a folder nor a tar (.tar, .tar.gz, .tgz): give img2dataset's"
                + " output folder or its shards");
      }
      Path before = names.put(inputName(p), p);
      if (before != null) {
        throw new IllegalArgumentException(
            "inputs "
                + before
                + " and "
                + p
                + " have the same name; sample keys and sources name inputs by file name, so"
                + " give each input a distinct name (rename or link one)");
      }
    }
  }

  /** Calls {@code handler} with every item of the inputs, in order. */
  public static void forEach(List<Path> inputs, long maxFileBytes, Handler handler)
      throws IOException {
    checkInputs(inputs);
    InputReader r = new InputReader(maxFileBytes, true);
    for (Path p : inputs) {
      r.input(p, handler);
    }
  }

  /**
   * What a first pass over the inputs sees, from names, sizes and tar headers only (no data is
   * read).
   *
   * @param count the number of items {@link #forEach} lists (a damaged tar may make the real count
   *     differ; it is for progress)
   * @param digest a digest of every item's key and location: inputs that gained, lost or renamed
   *     samples since an earlier run have another digest (changed file contents do not change it)
   */
  public record Listing(long count, String digest) {}

  /** Lists the inputs' items without reading them; see {@link Listing}. */
  public static Listing scan(List<Path> inputs) throws IOException {
    checkInputs(inputs);
    InputReader r = new InputReader(Long.MAX_VALUE, false);
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
    long[] n = {0};
    for (Path p : inputs) {
      md.update((inputName(p) + "\n").getBytes(StandardCharsets.UTF_8));
      r.input(
          p,
          item -> {
            n[0]++;
            md.update((item.key() + "\t" + item.source() + "\n").getBytes(StandardCharsets.UTF_8));
          });
    }
    return new Listing(n[0], "sha256:" + HexFormat.of().formatHex(md.digest(), 0, 8));
  }

  /** The number of items {@link #forEach} would list; see {@link Listing#count}. */
  public static long count(List<Path> inputs) throws IOException {
    return scan(inputs).count();
  }

  /** The name an input goes by in keys and sources: its file name. */
  public static String inputName(Path input) {
    Path name = input.toAbsolutePath().normalize().getFileName();
    return name == null ? "input" : name.toString();
  }

  static boolean isTar(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
  }

  private void input(Path p, Handler h) throws IOException {
    String name = inputName(p);
    if (Files.isDirectory(p)) {
      folder(p, name + "/", h);
    } else {
      tar(p, name, h);
    }
  }

  // ---------------------------------------------------------------- folders

  private void folder(Path dir, String location, Handler h) throws IOException {
    List<Path> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (!p.getFileName().toString().startsWith(".")) {
          entries.add(p);
        }
      }
    } catch (IOException e) {
      h.accept(
          InputItem.rejected(
              null, location, RejectReason.UNREADABLE_FILE, "cannot list the folder: " + e));
      return;
    }
    entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    List<Path> files = new ArrayList<>();
    List<Path> tars = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    for (Path p : entries) {
      String n = p.getFileName().toString();
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        dirs.add(p);
      } else if (Files.isRegularFile(p)) {
        (isTar(n) ? tars : files).add(p);
      }
    }
    int i = 0;
    while (i < files.size()) {
      String stem = stem(files.get(i).getFileName().toString());
      Path image = null;
      Path txt = null;
      Path json = null;
      for (; i < files.size() && stem(files.get(i).getFileName().toString()).equals(stem); i++) {
        Path f = files.get(i);
        String ext = extension(f.getFileName().toString());
        if (IMAGE_EXTENSIONS.contains(ext) && image == null) {
          image = f;
        } else if (ext.equals("txt")) {
          txt = f;
        } else if (ext.equals("json")) {
          json = f;
        }
      }
      if (image != null) {
        String where = location + image.getFileName();
        String key = SampleKeys.key(location + stem, stem);
        h.accept(new FolderItem(key, where, image, txt, json, maxFileBytes));
      }
    }
    for (Path t : tars) {
      tar(t, location + t.getFileName(), h);
    }
    for (Path d : dirs) {
      folder(d, location + d.getFileName() + "/", h);
    }
  }

  /** A sample of a folder input; its files are read by {@link #load}. */
  private record FolderItem(
      String key, String source, Path image, Path txt, Path json, long maxFileBytes)
      implements InputItem {
    @Override
    public RawSample load() throws SampleRejectedException {
      byte[] meta = json == null ? null : read(json);
      byte[] caption = txt == null ? null : read(txt);
      byte[] bytes = read(image);
      return new RawSample(
          key,
          SampleKeys.source(source, meta),
          image.getFileName().toString(),
          bytes,
          caption,
          meta);
    }

    private byte[] read(Path f) throws SampleRejectedException {
      try {
        long size = Files.size(f);
        if (size > maxFileBytes) {
          throw new SampleRejectedException(
              RejectReason.FILE_TOO_LARGE,
              f.getFileName() + " has " + size + " bytes, more than the limit of " + maxFileBytes);
        }
        return Files.readAllBytes(f);
      } catch (IOException e) {
        throw new SampleRejectedException(
            RejectReason.UNREADABLE_FILE, "cannot read " + f.getFileName() + ": " + e, e);
      }
    }
  }

  // ---------------------------------------------------------------- tars

  /** The members of one tar sample, as they are read. */
  private static final class Group {
    final String name;
    final boolean duplicate;
    String imageName;
    byte[] image;
    byte[] txt;
    byte[] json;
    String tooLarge;
    String unreadable;

    Group(String name, boolean duplicate) {
      this.name = name;
      this.duplicate = duplicate;
    }
  }

  private void tar(Path file, String location, Handler h) throws IOException {
    InputStream raw;
    try {
      raw = Files.newInputStream(file);
    } catch (IOException e) {
      h.accept(
          InputItem.rejected(null, location, RejectReason.UNREADABLE_MEMBER, "cannot open: " + e));
      return;
    }
    Group pending = null;
    Set<String> seen = new HashSet<>();
    try (InputStream buffered = new BufferedInputStream(raw, 1 << 16)) {
      InputStream in;
      try {
        in =
            file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar")
                ? buffered
                : GzipCompressorInputStream.builder()
                    .setInputStream(buffered)
                    .setDecompressConcatenated(true)
                    .get();
      } catch (IOException e) {
        h.accept(
            InputItem.rejected(
                null, location, RejectReason.UNREADABLE_MEMBER, "not a gzip file: " + e));
        return;
      }
      // Counting skips member data by seeking; only a real read watches for a cut-short tar.
      TarEnd end = readData ? new TarEnd(in) : null;
      TarArchiveInputStream tin = new TarArchiveInputStream(end == null ? in : end, "UTF-8");
      while (true) {
        TarArchiveEntry e;
        try {
          e = tin.getNextEntry();
        } catch (IOException | RuntimeException ex) {
          damaged(pending, location, "after " + lastName(pending), ex, h);
          return;
        }
        if (e == null) {
          if (end != null && !end.endedCleanly()) {
            // commons-compress takes a short header record for the end of the archive.
            damaged(
                pending,
                location,
                "after " + lastName(pending),
                new IOException("no end-of-archive record"),
                h);
            return;
          }
          break;
        }
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        String where = location + "!" + printable(name);
        if (isUnsafe(name)) {
          flush(pending, location, h);
          pending = null;
          h.accept(
              InputItem.rejected(
                  null,
                  where,
                  RejectReason.UNSAFE_PATH,
                  "the member path is absolute or climbs out with '..'"));
          continue;
        }
        if (!e.isFile()) {
          flush(pending, location, h);
          pending = null;
          h.accept(
              InputItem.rejected(
                  null,
                  where,
                  RejectReason.UNSUPPORTED_MEMBER,
                  "the member is a link or special file, not a file"));
          continue;
        }
        String group = stem(name);
        if (pending != null && !pending.name.equals(group)) {
          flush(pending, location, h);
          pending = null;
        }
        if (pending == null) {
          pending = new Group(group, !seen.add(group));
        }
        String ext = extension(name);
        boolean isImage = IMAGE_EXTENSIONS.contains(ext) && pending.image == null;
        if (!isImage && !ext.equals("txt") && !ext.equals("json")) {
          continue;
        }
        if (e.getSize() > maxFileBytes) {
          pending.tooLarge = name + " has " + e.getSize() + " bytes";
          continue;
        }
        if (!readData) {
          continue;
        }
        byte[] bytes;
        try {
          bytes = tin.readAllBytes();
        } catch (IOException | RuntimeException ex) {
          damaged(pending, location, "in " + name, ex, h);
          return;
        }
        if (bytes.length != e.getSize()) {
          damaged(
              pending,
              location,
              "in " + name,
              new IOException(bytes.length + " of " + e.getSize() + " bytes"),
              h);
          return;
        }
        if (isImage) {
          pending.image = bytes;
          pending.imageName = name;
        } else if (ext.equals("txt")) {
          pending.txt = bytes;
        } else {
          pending.json = bytes;
        }
      }
      flush(pending, location, h);
    }
  }

  /**
   * Watches the bytes a tar reader takes, to tell a tar that ends with its end-of-archive record
   * (all-zero 512-byte records) from one cut short, which commons-compress reads as a silent end.
   */
  private static final class TarEnd extends java.io.FilterInputStream {
    private long position;
    private boolean blockAllZero = true;
    private boolean lastBlockZero;

    TarEnd(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        seen(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        seen(buf[off + i]);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Read rather than seek, so that every byte is seen.
      long done = 0;
      byte[] scratch = new byte[8192];
      while (done < n) {
        int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    private void seen(int b) {
      blockAllZero &= b == 0;
      position++;
      if (position % 512 == 0) {
        lastBlockZero = blockAllZero;
        blockAllZero = true;
      }
    }

    /** True when the stream so far ends on a whole, all-zero record. */
    boolean endedCleanly() {
      return position % 512 == 0 && lastBlockZero;
    }
  }

  /** The tar cannot be read on: the sample being read, or the tar's remainder, is one reject. */
  private void damaged(Group pending, String location, String where, Exception ex, Handler h)
      throws IOException {
    String detail = "the tar is damaged or ends early " + where + ": " + ex.getMessage();
    if (pending != null) {
      pending.unreadable = detail;
      flush(pending, location, h);
    } else {
      h.accept(InputItem.rejected(null, location, RejectReason.UNREADABLE_MEMBER, detail));
    }
  }

  private static String lastName(Group g) {
    return g == null ? "the start" : "sample " + g.name;
  }

  private void flush(Group g, String location, Handler h) throws IOException {
    if (g == null) {
      return;
    }
    String base = g.name.substring(g.name.lastIndexOf('/') + 1);
    String key = SampleKeys.key(location + "!" + g.name, base);
    String where = location + "!" + printable(g.imageName == null ? g.name : g.imageName);
    if (g.duplicate) {
      h.accept(
          InputItem.rejected(
              key, where, RejectReason.DUPLICATE_KEY, "sample " + g.name + " appears twice"));
    } else if (g.unreadable != null) {
      h.accept(InputItem.rejected(key, where, RejectReason.UNREADABLE_MEMBER, g.unreadable));
    } else if (g.tooLarge != null) {
      h.accept(
          InputItem.rejected(
              key,
              where,
              RejectReason.FILE_TOO_LARGE,
              g.tooLarge + ", more than the limit of " + maxFileBytes));
    } else if (!readData) {
      h.accept(InputItem.rejected(key, where, RejectReason.MISSING_IMAGE, "not read"));
    } else if (g.image == null) {
      h.accept(
          InputItem.rejected(
              key, where, RejectReason.MISSING_IMAGE, "sample " + g.name + " has no image member"));
    } else {
      h.accept(
          InputItem.of(
              new RawSample(
                  key, SampleKeys.source(where, g.json), g.imageName, g.image, g.txt, g.json)));
    }
  }

  /** True for member paths that are absolute or climb out of the folder they would go into. */
  static boolean isUnsafe(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.startsWith("\\")
        || name.indexOf('\0') >= 0
        || (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)))) {
      return true;
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** The name up to the first dot of its last path component (WebDataset's key). */
  static String stem(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.indexOf('.', slash + 1);
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** Everything after the first dot of the last path component, lower case. */
  static String extension(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.indexOf('.', slash + 1);
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String printable(String name) {
    StringBuilder s = new StringBuilder(Math.min(name.length(), 300));
    name.codePoints()
        .limit(300)
        .forEach(cp -> s.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return s.toString();
  }
}
