package io.glyphwright.core;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes that a reader, or a rerun after a crash, sees whole or not at all: the old file or the
 * whole new one, never a part. Data goes to a temporary file in the target's folder, is forced to
 * disk, then renamed over the target, and the folder is synced so that the rename survives a crash.
 *
 * <p>Temporary files are named {@code .gw-<name>.<random>.partial}, beside their target, so that a
 * cleanup after a killed writer can find them. The published file is {@code rw-r--r--} where the
 * file system has POSIX permissions, as a plain write would leave it (temporary files are created
 * owner-only).
 *
 * <p>Either {@link #write} a whole file from bytes, or stream it: take a {@link #tempFor} file,
 * write and force it, then {@link #publish} it (and delete the temporary file if anything fails).
 */
public final class AtomicFiles {
  private static final System.Logger LOG = System.getLogger(AtomicFiles.class.getName());

  private static final Set<PosixFilePermission> SHARED =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /**
   * A new, empty temporary file beside {@code target}, named {@code .gw-<name>.<random>.partial}.
   * The target's folder is created first when it is missing.
   */
  public static Path tempFor(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, ".gw-" + abs.getFileName() + ".", ".partial");
  }

  /**
   * Writes {@code bytes} to {@code target} atomically: readers see the old file or the whole new
   * one. Missing parent folders are created; on failure the temporary file is deleted and the old
   * file is left as it was. An interrupted thread still writes the whole file (its interrupt stays
   * set).
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path tmp = tempFor(target);
    try {
      // A java.io stream, not a FileChannel: an interrupt (a worker stopped at shutdown) must not
      // close the file halfway, as it would an interruptible channel; the write finishes whole.
      try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
        out.write(bytes);
        out.getFD().sync();
      }
      publish(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Renames a finished temporary file (from {@link #tempFor}, already forced to disk by the caller)
   * over {@code target}, then syncs the folder. Before the rename the file is made {@code
   * rw-r--r--} where POSIX permissions are supported. The rename is atomic where the file system
   * allows it, else a plain replace.
   */
  public static void publish(Path tmp, Path target) throws IOException {
    if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(tmp, SHARED);
    }
    Path abs = target.toAbsolutePath();
    try {
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder(abs.getParent());
  }

  /** Makes a rename durable; a file system that cannot sync folders is left as it is. */
  private static void syncFolder(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform opens folders as channels (and an interrupted thread's channel is
      // closed). The rename is done and atomic; only its durability across a power cut is not
      // guaranteed, which is worth a trace, not a failed write.
      LOG.log(System.Logger.Level.DEBUG, "folder {0} not synced after a rename: {1}", dir, e);
    }
  }
}
