package io.glyphwright.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that a reader (or a rerun after a crash) sees whole or not at all: data goes to a
 * temporary file in the target's folder, is forced to disk, then renamed over the target.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** A new, empty temporary file beside {@code target}, named so that cleanup can find it. */
  static Path tempFor(Path target) throws IOException {
    return Files.createTempFile(
        target.getParent(), ".gw-" + target.getFileName() + ".", ".partial");
  }

  /** Writes {@code bytes} to {@code target} atomically. */
  static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = tempFor(target);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      publish(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Renames a finished, synced temporary file over {@code target}, then syncs the folder. */
  static void publish(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder(target.getParent());
  }

  /** Makes a rename durable; a file system that cannot sync folders is left as it is. */
  private static void syncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens folders as channels; the rename itself is still atomic.
    }
  }
}
