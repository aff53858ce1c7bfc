package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.LayoutJson;
import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusStats;
import io.glyphwright.dataset.Progress;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LocalRunnerTest {
  @TempDir Path tmp;

  private static final PipelineSettings PIPELINE =
      PipelineSettings.defaults("ppocr").withResize(ResizePolicy.parse("crop:256"));

  private static BuildSettings settings(List<Path> inputs, int shardSize, int workers) {
    return new BuildSettings(inputs, PIPELINE, shardSize, workers, EngineHandles.Mode.SHARED);
  }

  private static CorpusStats build(BuildSettings s, Path out) throws IOException {
    return LocalRunner.run(s, FakeOcrEngine.factory(), out, Progress::silent);
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static void assertSameCorpus(Path expected, Path actual) throws IOException {
    assertEquals(files(expected), files(actual));
    for (String name : files(expected)) {
      if (!name.equals("stats.json")) {
        assertArrayEquals(
            Files.readAllBytes(expected.resolve(name)),
            Files.readAllBytes(actual.resolve(name)),
            name);
      }
    }
  }

  /** Ten good images: six in a files folder, four in a tar. */
  private List<Path> goodInputs() {
    Path files = tmp.resolve("in/files");
    for (int i = 0; i < 6; i++) {
      Fixtures.filesSample(
          files,
          "0000" + (i / 3),
          String.format("%09d", i),
          TestImages.jpeg(300 + 10 * i, 280, "F" + i),
          "files " + i);
    }
    Fixtures.Tar tar = new Fixtures.Tar();
    for (int i = 0; i < 4; i++) {
      tar.sample(String.format("%09d", i), TestImages.jpeg(260, 300 + 7 * i, "T" + i), "tar " + i);
    }
    return List.of(files, tar.write(tmp.resolve("in/00000.tar")));
  }

  /**
   * The bad-input list, all in one run: each is counted under its reason in stats.json, the
   * odd colour models are decoded and kept, and nothing is written outside the corpus.
   */
  @Test
  void everyKindOfBadInputIsCountedAndTheRunFinishes() throws IOException {
    Path in = tmp.resolve("bad");
    String c = "a caption";
    Fixtures.file(in, "a/good.jpg", TestImages.jpeg(320, 300, "GOOD"));
    Fixtures.file(in, "a/good.txt", Fixtures.utf8(c));
    byte[] jpeg = TestImages.jpeg(400, 300, "TRUNCATED");
    Fixtures.file(in, "a/truncated.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
    Fixtures.file(in, "a/truncated.txt", Fixtures.utf8(c));
    Fixtures.file(in, "a/zero.jpg", new byte[0]);
    Fixtures.file(in, "a/zero.txt", Fixtures.utf8(c));
    Fixtures.file(in, "a/words.jpg", Fixtures.utf8("just some words, not a picture\n"));
    Fixtures.file(in, "a/words.txt", Fixtures.utf8(c));
    Fixtures.file(in, "a/huge.png", TestImages.pngAllZero1Bit(20000, 20000));
    Fixtures.file(in, "a/huge.txt", Fixtures.utf8(c));
    Fixtures.file(in, "b/cmyk.jpg", TestImages.cmykJpeg(320, 300, true));
    Fixtures.file(in, "b/cmyk.txt", Fixtures.utf8(c));
    Fixtures.file(in, "b/deep.png", TestImages.png16Rgb(300, 300, 0x1234, 0x5678, 0x9abc));
    Fixtures.file(in, "b/deep.txt", Fixtures.utf8(c));
    Fixtures.file(in, "b/grayalpha.png", TestImages.pngGrayAlpha(300, 300, 60, 200));
    Fixtures.file(in, "b/grayalpha.txt", Fixtures.utf8(c));
    Fixtures.file(in, "b/nocaption.jpg", TestImages.jpeg(300, 300, "X"));
    Fixtures.file(in, "b/latin1.jpg", TestImages.jpeg(300, 300, "X"));
    Fixtures.file(in, "b/latin1.txt", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    byte[] image = TestImages.jpeg(300, 300, "TAR");
    Fixtures.Tar cut =
        new Fixtures.Tar().sample("t1", image, c).sample("t2", image, c).sample("t3", image, c);
    Path cutTar = tmp.resolve("cut.tar");
    Files.write(cutTar, Arrays.copyOf(cut.bytes(), cut.dataOffset("t2.jpg") + 100));
    Path escape =
        new Fixtures.Tar()
            .add("../../escaped.jpg", image)
            .add("../../escaped.txt", Fixtures.utf8(c))
            .sample("inside", image, c)
            .write(tmp.resolve("escape.tar"));
    Path out = tmp.resolve("out/corpus");

    CorpusStats stats = build(settings(List.of(in, cutTar, escape), 4, 2), out);

    Map<String, Long> expected = new TreeMap<>();
    expected.put("corrupt-image", 1L);
    expected.put("empty-file", 1L);
    expected.put("not-an-image", 1L);
    expected.put("too-many-pixels", 1L);
    expected.put("missing-caption", 1L);
    expected.put("caption-not-utf8", 1L);
    expected.put("unreadable-member", 1L);
    expected.put("unsafe-path", 2L);
    assertEquals(expected, stats.rejects());
    // good, cmyk, deep, grayalpha, t1, inside
    assertEquals(6, stats.kept());
    assertEquals(15, stats.total());
    JsonNode json = LayoutJson.mapper().readTree(Files.readString(out.resolve("stats.json")));
    assertEquals(2, json.get("rejects").get("unsafe-path").asInt());
    assertEquals(6, Files.readAllLines(out.resolve("index.jsonl")).size());
    assertFalse(Files.exists(tmp.resolve("escaped.jpg")));
    assertFalse(Files.exists(tmp.resolve("out/escaped.jpg")));

    // The CMYK picture is stored as the colours its inks make: cyan left, yellow right.
    try (CorpusReader reader = CorpusReader.open(out)) {
      List<CorpusRecord> records = reader.stream().toList();
      CorpusRecord cmyk =
          records.stream()
              .filter(r -> r.sample().source().endsWith("cmyk.jpg"))
              .findFirst()
              .orElseThrow();
      BufferedImage stored = cmyk.decodeImage();
      int[] left = TestImages.rgb(stored, 20, 128);
      int[] right = TestImages.rgb(stored, 236, 128);
      assertTrue(left[0] < 30 && left[1] > 225 && left[2] > 225, Arrays.toString(left));
      assertTrue(right[0] > 225 && right[1] > 225 && right[2] < 30, Arrays.toString(right));
      CorpusRecord gray =
          records.stream()
              .filter(r -> r.sample().source().endsWith("grayalpha.png"))
              .findFirst()
              .orElseThrow();
      int expectedGray = (60 * 200 + 255 * 55 + 127) / 255;
      int[] g = TestImages.rgb(gray.decodeImage(), 128, 200);
      assertTrue(Math.abs(g[0] - expectedGray) <= 3, Arrays.toString(g) + " vs " + expectedGray);
    }
  }

  @Test
  void theOutputDoesNotDependOnTheNumberOfWorkers() throws IOException {
    List<Path> inputs = goodInputs();
    Path one = tmp.resolve("one");
    Path three = tmp.resolve("three");
    CorpusStats s1 = build(settings(inputs, 3, 1), one);
    build(settings(inputs, 3, 3), three);
    assertEquals(10, s1.kept());
    assertEquals(4, s1.shards());
    assertSameCorpus(one, three);
    // Input order: the folder's samples, then the tar's, each in name order.
    List<String> captions = new ArrayList<>();
    for (String line : Files.readAllLines(one.resolve("index.jsonl"))) {
      captions.add(LayoutJson.mapper().readTree(line).get("caption").asString());
    }
    assertEquals(
        List.of(
            "files 0", "files 1", "files 2", "files 3", "files 4", "files 5", "tar 0", "tar 1",
            "tar 2", "tar 3"),
        captions);
  }

  /** A run killed inside shard 2 (simulated here; KillAndRerunTest kills a real process). */
  @Test
  void aRerunSkipsFinishedShardsAndRedoesTheRest() throws IOException {
    List<Path> inputs = goodInputs();
    Path full = tmp.resolve("full");
    build(settings(inputs, 3, 2), full);
    Path killed = tmp.resolve("killed");
    build(settings(inputs, 3, 2), killed);
    Files.delete(killed.resolve("shard-000002.tar"));
    Files.delete(killed.resolve("shard-000003.tar"));
    Files.delete(killed.resolve("shard-000003_stats.json"));
    Files.delete(killed.resolve("index.jsonl"));
    Files.delete(killed.resolve("stats.json"));
    Files.write(killed.resolve(".gw-shard-000002.tar.123.partial"), new byte[] {1, 2, 3});
    long shard0 = Files.getLastModifiedTime(killed.resolve("shard-000000.tar")).toMillis();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    CorpusStats rerun =
        LocalRunner.run(
            settings(inputs, 3, 2),
            FakeOcrEngine.factory(),
            killed,
            total ->
                new Progress(
                    new PrintStream(log, true, StandardCharsets.UTF_8),
                    "build",
                    total,
                    false,
                    Long.MAX_VALUE,
                    System::nanoTime));
    assertEquals(2, rerun.shardsSkipped());
    assertEquals(2, rerun.shardsWritten());
    assertEquals(4, rerun.inputsProcessed());
    assertSameCorpus(full, killed);
    assertEquals(shard0, Files.getLastModifiedTime(killed.resolve("shard-000000.tar")).toMillis());
    assertFalse(Files.exists(killed.resolve(".gw-shard-000002.tar.123.partial")));
    String progress = log.toString(StandardCharsets.UTF_8);
    assertTrue(progress.contains("build: shard 1/4 already written, skipped"), progress);
    assertTrue(progress.contains("build: shard 4/4 written, 10/10 (100%)"), progress);
  }

  @Test
  void aRerunWithOtherSettingsIsRefused() throws IOException {
    List<Path> inputs = goodInputs();
    Path out = tmp.resolve("out");
    build(settings(inputs, 3, 2), out);
    BuildSettings other =
        new BuildSettings(
            inputs,
            PIPELINE.withFilters(FilterSettings.DEFAULT.withMaxLines(3)),
            3,
            2,
            EngineHandles.Mode.SHARED);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> build(other, out));
    assertTrue(e.getMessage().contains("other settings"), e.getMessage());
    // The worker count and handle mode are not settings of the corpus.
    build(settings(inputs, 3, 1).withHandles(EngineHandles.Mode.PER_WORKER), out);
  }

  /** A folder that gained a sample would shift every later shard: the rerun is refused. */
  @Test
  void aRerunOverInputsThatGainedSamplesIsRefused() throws IOException {
    List<Path> inputs = goodInputs();
    Path out = tmp.resolve("out");
    build(settings(inputs, 3, 2), out);
    Fixtures.filesSample(
        tmp.resolve("in/files"), "00000", "000000000a", TestImages.jpeg(300, 300, "NEW"), "new");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> build(settings(inputs, 3, 2), out));
    assertTrue(e.getMessage().contains("inputDigest"), e.getMessage());
  }

  @Test
  void keptSamplesAreReadableCorpusRecordsWithUniqueKeys() throws IOException {
    Path out = tmp.resolve("out");
    build(settings(goodInputs(), 4, 2), out);
    try (CorpusReader reader = CorpusReader.open(out)) {
      List<CorpusRecord> records = reader.stream().toList();
      assertEquals(10, records.size());
      assertEquals(10, records.stream().map(CorpusRecord::key).distinct().count());
      for (CorpusRecord r : records) {
        assertEquals("jpg", r.imageExtension());
        assertEquals(256, r.decodeImage().getWidth());
        assertTrue(r.sample().layout().startsWith(r.sample().ocr().lines().get(0).text() + " "));
      }
    }
  }

  @Test
  void anEngineThatCannotOpenFailsBeforeTheOutputFolderIsMade() {
    EngineFactory missing =
        threads -> {
          throw new io.glyphwright.ocr.OcrException("models missing: run ./glyphwright setup");
        };
    Path out = tmp.resolve("never");
    assertThrows(
        io.glyphwright.ocr.OcrException.class,
        () -> LocalRunner.run(settings(goodInputs(), 3, 2), missing, out, Progress::silent));
    assertFalse(Files.exists(out));
  }

  @Test
  void noInputsGiveAnEmptyCorpus() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CorpusStats s = build(settings(List.of(empty), 3, 2), tmp.resolve("out"));
    assertEquals(0, s.total());
    assertEquals("", Files.readString(tmp.resolve("out/index.jsonl")));
  }
}
