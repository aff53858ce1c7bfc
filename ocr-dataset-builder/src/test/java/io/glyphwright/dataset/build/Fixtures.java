package io.glyphwright.dataset.build;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Inputs laid out as img2dataset writes them: {@code files} folders and WebDataset tars. */
final class Fixtures {
  private Fixtures() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** img2dataset's metadata sidecar. */
  static byte[] metadata(String key, String caption) {
    return utf8(
        "{\"url\":\"https://example.com/img/"
            + key
            + ".jpg\",\"key\":\""
            + key
            + "\",\"status\":\"success\",\"caption\":\""
            + caption
            + "\",\"width\":512,\"height\":512}");
  }

  /** Members of a tar, in order (names are written as given: no normalisation). */
  static final class Tar {
    private final List<Map.Entry<String, byte[]>> members = new ArrayList<>();

    Tar add(String name, byte[] data) {
      members.add(Map.entry(name, data));
      return this;
    }

    /** Where the data of the member named {@code name} starts in {@link #bytes()}. */
    int dataOffset(String name) {
      int offset = 0;
      for (Map.Entry<String, byte[]> m : members) {
        offset += 512; // a ustar header; names here are short, so no PAX header
        if (m.getKey().equals(name)) {
          return offset;
        }
        offset += (m.getValue().length + 511) / 512 * 512;
      }
      throw new IllegalArgumentException("no member " + name);
    }

    /** A sample as img2dataset's webdataset writer lays it out: jpg, json, txt. */
    Tar sample(String key, byte[] image, String caption) {
      add(key + ".jpg", image);
      add(key + ".json", metadata(key, caption));
      return add(key + ".txt", utf8(caption));
    }

    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(out);
      return out.toByteArray();
    }

    Path write(Path file) {
      try {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
          write(out);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return file;
    }

    private void write(OutputStream out) {
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, byte[]> m : members) {
          TarArchiveEntry e = new TarArchiveEntry(m.getKey(), true);
          e.setSize(m.getValue().length);
          e.setModTime(0L);
          tar.putArchiveEntry(e);
          tar.write(m.getValue());
          tar.closeArchiveEntry();
        }
        tar.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Writes {@code dir/name} (creating folders). */
  static Path file(Path dir, String name, byte[] data) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, data);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An img2dataset {@code files} sample: {@code sub/key.jpg}, {@code .txt}, {@code .json}. */
  static void filesSample(Path dir, String sub, String key, byte[] image, String caption) {
    file(dir, sub + "/" + key + ".jpg", image);
    file(dir, sub + "/" + key + ".txt", utf8(caption));
    file(dir, sub + "/" + key + ".json", metadata(key, caption));
  }
}
