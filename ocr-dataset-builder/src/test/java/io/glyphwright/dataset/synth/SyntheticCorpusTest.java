package io.glyphwright.dataset.synth;

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
import io.glyphwright.glyph.GlyphRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SyntheticCorpusTest {
  private static final GlyphRenderer RENDERER = GlyphRenderer.system();

  @TempDir Path tmp;

  private static SynthSettings settings(long seed, int workers) {
    return SynthSettings.defaults(7, seed)
        .withSize(128)
        .withShardSize(3)
        .withLangs(EnumSet.allOf(Lang.class))
        .withPhotoRoots(List.of())
        .withWorkers(workers);
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  private static void assertSameFiles(Path expected, Path actual) throws IOException {
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

  @Test
  void writesShardsIndexAndStatsThatReadBack() throws IOException {
    CorpusStats stats = SyntheticCorpus.run(settings(5, 2), tmp, RENDERER, Progress.silent(7));

    assertEquals(
        List.of(
            "index.jsonl",
            "manifest.json",
            "shard-000000.tar",
            "shard-000000_stats.json",
            "shard-000001.tar",
            "shard-000001_stats.json",
            "shard-000002.tar",
            "shard-000002_stats.json",
            "stats.json"),
        files(tmp));
    assertEquals(7, stats.total());
    assertEquals(7, stats.kept());
    assertEquals(3, stats.shardsWritten());
    List<CorpusRecord> records;
    try (CorpusReader reader = CorpusReader.open(tmp)) {
      records = reader.stream().toList();
    }
    assertEquals(7, records.size());
    for (int n = 0; n < 7; n++) {
      CorpusRecord r = records.get(n);
      assertEquals(String.format("synth-5-%09d", n), r.key());
      assertEquals("png", r.imageExtension());
      assertEquals(128, r.decodeImage().getWidth());
      assertFalse(r.sample().ocr().lines().isEmpty());
    }
    List<String> index = Files.readAllLines(tmp.resolve("index.jsonl"), StandardCharsets.UTF_8);
    assertEquals(7, index.size());
    JsonNode last = LayoutJson.mapper().readTree(index.get(6));
    assertEquals("shard-000002.tar", last.get("shard").stringValue());
    assertEquals(records.get(6).sample().caption(), last.get("caption").stringValue());
    JsonNode manifest =
        LayoutJson.mapper().readTree(Files.readString(tmp.resolve("manifest.json")));
    assertEquals("5", manifest.get("settings").get("seed").stringValue());
  }

  @Test
  void sameSeedAndCountGiveByteIdenticalShardsWhateverTheThreads() throws IOException {
    Path one = tmp.resolve("one");
    Path three = tmp.resolve("three");
    SyntheticCorpus.run(settings(9, 1), one, RENDERER, Progress.silent(7));
    SyntheticCorpus.run(settings(9, 3), three, RENDERER, Progress.silent(7));
    assertSameFiles(one, three);

    Path other = tmp.resolve("other");
    SyntheticCorpus.run(settings(10, 1), other, RENDERER, Progress.silent(7));
    assertFalse(
        java.util.Arrays.equals(
            Files.readAllBytes(one.resolve("shard-000000.tar")),
            Files.readAllBytes(other.resolve("shard-000000.tar"))));
  }

  @Test
  void aKilledRunFinishesOnRerunWithIdenticalOutput() throws IOException {
    Path reference = tmp.resolve("reference");
    SyntheticCorpus.run(settings(21, 2), reference, RENDERER, Progress.silent(7));

    // Simulate a run killed while writing shard 1: shard 0 finished, shard 1 only a temporary
    // file, shard 2 and the index never started.
    Path killed = tmp.resolve("killed");
    SyntheticCorpus.run(settings(21, 2), killed, RENDERER, Progress.silent(7));
    Files.delete(killed.resolve("shard-000001.tar"));
    Files.delete(killed.resolve("shard-000002.tar"));
    Files.delete(killed.resolve("shard-000002_stats.json"));
    Files.delete(killed.resolve("index.jsonl"));
    Files.delete(killed.resolve("stats.json"));
    Path partial = killed.resolve(".gw-shard-000001.tar.4242.partial");
    Files.write(partial, "half a shard".getBytes(StandardCharsets.UTF_8));
    long shard0Modified = Files.getLastModifiedTime(killed.resolve("shard-000000.tar")).toMillis();

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Progress progress =
        new Progress(
            new PrintStream(log, true, StandardCharsets.UTF_8),
            "synth",
            7,
            false,
            1000,
            new AtomicLong()::incrementAndGet);
    CorpusStats stats = SyntheticCorpus.run(settings(21, 2), killed, RENDERER, progress);

    assertFalse(Files.exists(partial));
    assertSameFiles(reference, killed);
    assertEquals(
        shard0Modified, Files.getLastModifiedTime(killed.resolve("shard-000000.tar")).toMillis());
    assertEquals(2, stats.shardsWritten());
    assertEquals(1, stats.shardsSkipped());
    assertEquals(4, stats.inputsProcessed());
    String out = log.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("synth: shard 1/3 already written, skipped, 3/7"), out);
    assertTrue(out.contains("synth: shard 3/3 written, 7/7 (100%)"), out);
  }

  @Test
  void refusesAFolderHoldingAnotherCorpus() throws IOException {
    SyntheticCorpus.run(settings(1, 1), tmp, RENDERER, Progress.silent(7));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SyntheticCorpus.run(settings(2, 1), tmp, RENDERER, Progress.silent(7)));
    assertTrue(e.getMessage().contains("other settings"), e.getMessage());
  }

  @Test
  void settingsRejectNonsenseWithActionableMessages() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Lang.parseList("en,fr"));
    assertTrue(e.getMessage().contains("'fr'") && e.getMessage().contains("en,zh"));
    e = assertThrows(IllegalArgumentException.class, () -> settings(1, 1).withSize(20));
    assertTrue(e.getMessage().contains("--size"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> settings(1, 1).withFormat("gif"));
    assertTrue(e.getMessage().contains("png or jpg"), e.getMessage());
    assertEquals(3, settings(1, 1).shards());
  }
}
