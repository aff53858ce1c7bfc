package io.glyphwright.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writeReplacesAnExistingFileWhole() throws IOException {
    Path file = dir.resolve("stats.json");
    Files.writeString(file, "an old, longer content that must not survive in part");
    AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(), partials(dir));
  }

  @Test
  void writeCreatesMissingParentFolders() throws IOException {
    Path file = dir.resolve("a/b/c/mask.png");
    byte[] bytes = {1, 2, 3, 0, -1};
    AtomicFiles.write(file, bytes);
    assertArrayEquals(bytes, Files.readAllBytes(file));
    assertEquals(List.of(), partials(dir));
  }

  @Test
  void publishedFileIsReadableByAllOnPosix() throws IOException {
    Path file = dir.resolve("metrics.json");
    AtomicFiles.write(file, new byte[] {'{', '}'});
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
  }

  @Test
  void tempFileSitsBesideItsTargetUnderThePartialName() throws IOException {
    Path target = dir.resolve("new/shard-000003.tar");
    Path tmp = AtomicFiles.tempFor(target);
    assertEquals(target.getParent(), tmp.getParent());
    String name = tmp.getFileName().toString();
    assertTrue(
        name.startsWith(".gw-shard-000003.tar.") && name.endsWith(".partial"),
        name + " is not .gw-<name>.<random>.partial");
    Files.writeString(tmp, "streamed");
    AtomicFiles.publish(tmp, target);
    assertEquals("streamed", Files.readString(target));
    assertEquals(List.of(), partials(dir));
  }

  @Test
  void anInterruptedThreadStillWritesTheWholeFile() throws IOException {
    Path file = dir.resolve("job.json");
    Files.writeString(file, "old");
    boolean stillInterrupted;
    Thread.currentThread().interrupt();
    try {
      AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));
    } finally {
      stillInterrupted = Thread.interrupted();
    }
    assertTrue(stillInterrupted, "the interrupt is kept for the caller");
    assertEquals("new", Files.readString(file));
    assertEquals(List.of(), partials(dir));
  }

  @Test
  void failedWriteLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("busy");
    Files.createDirectories(target);
    Files.writeString(target.resolve("inside.txt"), "keeps the folder non-empty");
    assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {42}));
    assertTrue(Files.isDirectory(target));
    assertEquals("keeps the folder non-empty", Files.readString(target.resolve("inside.txt")));
    assertEquals(List.of(), partials(dir));
  }

  private static List<Path> partials(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
    }
  }
}
