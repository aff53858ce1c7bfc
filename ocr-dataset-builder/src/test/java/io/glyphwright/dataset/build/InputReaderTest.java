package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReaderTest {
  @TempDir Path tmp;

  /** What the reader listed: the item's key and source, "ok" or the reason, and the sample. */
  private record Listed(String key, String source, String result, RawSample sample) {}

  private static List<Listed> list(List<Path> inputs, long maxBytes) throws IOException {
    List<Listed> out = new ArrayList<>();
    InputReader.forEach(
        inputs,
        maxBytes,
        item -> {
          try {
            out.add(new Listed(item.key(), item.source(), "ok", item.load()));
          } catch (SampleRejectedException e) {
            out.add(new Listed(item.key(), item.source(), e.reason().id(), null));
          }
        });
    if (out.stream().noneMatch(l -> l.result().equals("unreadable-member"))) {
      // Counting reads headers only, so only a damaged tar may make it differ.
      assertEquals(out.size(), InputReader.count(inputs), "count() agrees with the listing");
    }
    return out;
  }

  private static List<Listed> list(Path... inputs) throws IOException {
    return list(List.of(inputs), PipelineSettings.DEFAULT_MAX_FILE_BYTES);
  }

  private static List<String> results(List<Listed> items) {
    return items.stream().map(Listed::result).toList();
  }

  @Test
  void anImg2datasetFilesFolderIsListedInOrderWithItsSidecars() throws IOException {
    Path in = tmp.resolve("laion");
    byte[] image = TestImages.jpeg(64, 64, "A");
    Fixtures.filesSample(in, "00001", "000010000", image, "second folder");
    Fixtures.filesSample(in, "00000", "000000001", image, "one");
    Fixtures.filesSample(in, "00000", "000000000", image, "zero");
    Fixtures.file(in, "00000_stats.json", Fixtures.utf8("{\"count\":2}"));
    Fixtures.file(in, "00000.parquet", new byte[] {1, 2, 3});
    Fixtures.file(in, "00000/.hidden.jpg", image);
    List<Listed> items = list(in);
    assertEquals(List.of("ok", "ok", "ok"), results(items));
    assertEquals(
        List.of("zero", "one", "second folder"),
        items.stream().map(l -> new String(l.sample().caption())).toList());
    assertEquals("https://example.com/img/000000000.jpg", items.get(0).sample().source());
    assertEquals("laion/00000/000000000.jpg", items.get(0).source());
    assertTrue(items.get(0).key().startsWith("000000000-"), items.get(0).key());
    assertArrayEquals(image, items.get(0).sample().image());
    assertEquals("000000000.jpg", items.get(0).sample().imageName());
  }

  @Test
  void withoutMetadataTheSourceIsTheLocation() throws IOException {
    Path in = tmp.resolve("photos");
    Fixtures.file(in, "b/pic.png", TestImages.png(32, 32, "x"));
    Fixtures.file(in, "b/pic.txt", Fixtures.utf8("caption"));
    List<Listed> items = list(in);
    assertEquals("photos/b/pic.png", items.get(0).sample().source());
    assertNull(items.get(0).sample().metadata());
  }

  @Test
  void aWebDatasetTarIsGroupedByKey() throws IOException {
    byte[] image = TestImages.jpeg(64, 64, "A");
    Path tar =
        new Fixtures.Tar()
            .sample("000000000", image, "zero")
            .sample("000000001", image, "one")
            .add("000000002.txt", Fixtures.utf8("caption without image"))
            .add("000000003.jpg", image)
            .add("000000003.seg.png", TestImages.png(8, 8, "m"))
            .write(tmp.resolve("00000.tar"));
    List<Listed> items = list(tar);
    assertEquals(List.of("ok", "ok", "missing-image", "ok"), results(items));
    assertEquals("https://example.com/img/000000001.jpg", items.get(1).sample().source());
    assertEquals("00000.tar!000000002", items.get(2).source());
    assertEquals("00000.tar!000000003.jpg", items.get(3).sample().source());
    assertNull(items.get(3).sample().caption(), "no txt member");
    assertArrayEquals(image, items.get(3).sample().image(), "the first image member");
  }

  @Test
  void gzippedTarsAreRead() throws IOException {
    byte[] tar = new Fixtures.Tar().sample("k1", TestImages.jpeg(32, 32, "A"), "c").bytes();
    Path gz = tmp.resolve("shard.tar.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(tar);
    }
    assertEquals(List.of("ok"), results(list(gz)));
  }

  @Test
  void tarsInsideAFolderAreReadAfterItsLooseFiles() throws IOException {
    Path in = tmp.resolve("mixed");
    byte[] image = TestImages.jpeg(32, 32, "A");
    new Fixtures.Tar().sample("t1", image, "from tar").write(in.resolve("00000.tar"));
    Fixtures.file(in, "z.jpg", image);
    Fixtures.file(in, "z.txt", Fixtures.utf8("loose"));
    List<Listed> items = list(in);
    assertEquals(
        List.of("loose", "from tar"),
        items.stream().map(l -> new String(l.sample().caption())).toList());
  }

  @Test
  void escapingMemberPathsAreRejectedAndNeverRead() throws IOException {
    byte[] image = TestImages.jpeg(32, 32, "A");
    Path tar =
        new Fixtures.Tar()
            .sample("good", image, "c")
            .add("../../etc/evil.jpg", image)
            .add("/abs/evil.jpg", image)
            .add("a/../../evil.jpg", image)
            .sample("good2", image, "c")
            .write(tmp.resolve("hostile.tar"));
    List<Listed> items = list(tar);
    assertEquals(List.of("ok", "unsafe-path", "unsafe-path", "unsafe-path", "ok"), results(items));
    assertEquals("hostile.tar!../../etc/evil.jpg", items.get(1).source());
  }

  @Test
  void unsafeNamesAreRecognised() {
    for (String bad : List.of("../x", "/x", "a/../../x", "..", "C:/x", "a\\..\\x", "")) {
      assertTrue(InputReader.isUnsafe(bad), bad);
    }
    for (String ok : List.of("x.jpg", "a/b.jpg", "a..b.jpg", "...jpg", "a/.hidden")) {
      assertTrue(!InputReader.isUnsafe(ok), ok);
    }
  }

  /** The tar ends inside the second sample's image: that sample is one reject, the run goes on. */
  @Test
  void aTruncatedTarCountsTheUnreadableMemberAndTheNextInputIsRead() throws IOException {
    byte[] image = TestImages.jpeg(200, 200, "A");
    byte[] full =
        new Fixtures.Tar()
            .sample("s1", image, "one")
            .sample("s2", image, "two")
            .sample("s3", image, "three")
            .bytes();
    byte[] cut = Arrays.copyOf(full, full.length / 2 + 100);
    Path truncated = Files.write(tmp.resolve("cut.tar"), cut);
    Path next = new Fixtures.Tar().sample("n1", image, "next").write(tmp.resolve("next.tar"));
    List<Listed> items = list(List.of(truncated, next), PipelineSettings.DEFAULT_MAX_FILE_BYTES);
    assertEquals(List.of("ok", "unreadable-member", "ok"), results(items));
    assertEquals("next", new String(items.get(2).sample().caption()));
  }

  @Test
  void aTarCutInsideAHeaderIsOneUnreadableItem() throws IOException {
    byte[] image = TestImages.jpeg(32, 32, "A");
    byte[] full = new Fixtures.Tar().sample("s1", image, "one").bytes();
    Path cut = Files.write(tmp.resolve("header.tar"), Arrays.copyOf(full, 300));
    List<Listed> items = list(cut);
    assertEquals(List.of("unreadable-member"), results(items));
    assertNull(items.get(0).key());
  }

  @Test
  void aTarWithoutItsEndRecordIsDetected() throws IOException {
    byte[] image = TestImages.jpeg(32, 32, "A");
    Fixtures.Tar two = new Fixtures.Tar().sample("s1", image, "one").sample("s2", image, "two");
    byte[] cut = Arrays.copyOf(two.bytes(), two.dataOffset("s2.jpg") - 512);
    Path tar = Files.write(tmp.resolve("noend.tar"), cut);
    // s1 was complete, but nothing says so: the sample being read when the tar ends is lost.
    assertEquals(List.of("unreadable-member"), results(list(tar)));
  }

  @Test
  void aKeyRepeatedLaterInATarIsADuplicate() throws IOException {
    byte[] image = TestImages.jpeg(32, 32, "A");
    Path tar =
        new Fixtures.Tar()
            .sample("a", image, "first")
            .sample("b", image, "b")
            .sample("a", image, "again")
            .write(tmp.resolve("dup.tar"));
    assertEquals(List.of("ok", "ok", "duplicate-key"), results(list(tar)));
  }

  @Test
  void filesOverTheByteLimitAreNotRead() throws IOException {
    byte[] image = TestImages.jpeg(200, 200, "A");
    Path tar = new Fixtures.Tar().sample("big", image, "c").write(tmp.resolve("big.tar"));
    Path dir = tmp.resolve("bigdir");
    Fixtures.filesSample(dir, "0", "big", image, "c");
    List<Listed> items = list(List.of(tar, dir), image.length - 1);
    assertEquals(List.of("file-too-large", "file-too-large"), results(items));
  }

  @Test
  void keysAreStableAndDistinguishInputsWithTheSameMemberNames() throws IOException {
    byte[] image = TestImages.jpeg(32, 32, "A");
    Path a = new Fixtures.Tar().sample("000000001", image, "c").write(tmp.resolve("x/00000.tar"));
    Path b = new Fixtures.Tar().sample("000000001", image, "c").write(tmp.resolve("00001.tar"));
    List<Listed> items = list(a, b);
    assertNotEquals(items.get(0).key(), items.get(1).key());
    // The same input elsewhere gives the same keys: they depend on names, not on folders.
    Path moved =
        Files.copy(a, Files.createDirectories(tmp.resolve("elsewhere")).resolve("00000.tar"));
    assertEquals(items.get(0).key(), list(moved).get(0).key());
    assertEquals("000000001-" + SampleKeys.hash("00000.tar!000000001"), items.get(0).key());
  }

  @Test
  void keysAreValidCorpusKeysWhateverTheNames() {
    assertEquals("sample-" + SampleKeys.hash("x"), SampleKeys.key("x", "..."));
    String k = SampleKeys.key("id", "héllo wörld");
    assertTrue(k.matches("[A-Za-z0-9][A-Za-z0-9_-]*"), k);
    assertTrue(SampleKeys.key("id", "x".repeat(200)).length() <= 90);
  }

  @Test
  void inputsAreChecked() throws IOException {
    Path text = Fixtures.file(tmp, "notes.txt", Fixtures.utf8("x"));
    assertThrows(IllegalArgumentException.class, () -> InputReader.checkInputs(List.of(text)));
    assertThrows(
        IllegalArgumentException.class,
        () -> InputReader.checkInputs(List.of(tmp.resolve("missing"))));
    Path d1 = Files.createDirectories(tmp.resolve("a/data"));
    Path d2 = Files.createDirectories(tmp.resolve("b/data"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> InputReader.checkInputs(List.of(d1, d2)));
    assertTrue(e.getMessage().contains("same name"), e.getMessage());
  }
}
