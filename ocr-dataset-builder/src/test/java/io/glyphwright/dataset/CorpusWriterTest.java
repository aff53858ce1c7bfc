package io.glyphwright.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.ocr.Quad;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CorpusWriterTest {
  private static final ObjectNode MANIFEST =
      CorpusWriter.manifest("test", Map.of("seed", 7L, "count", 7));

  @TempDir Path tmp;

  /** Seven made-up samples; every third one is "rejected", the rest kept, three per shard. */
  private static List<CorpusRecord> records() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<CorpusRecord> out = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      String text = i % 2 == 0 ? "SALE " + i : "限时秒杀" + i;
      List<CharBox> chars = new ArrayList<>();
      int x = 10;
      for (int cp : text.replace(" ", "").codePoints().toArray()) {
        chars.add(new CharBox(new String(Character.toChars(cp)), new Box(x, 20, x + 8, 34)));
        x += 9;
      }
      Box box = new Box(10, 20, x - 1, 34);
      CorpusLine line = new CorpusLine(text, Quad.of(box), box, 0.5 + i / 20.0, chars);
      CorpusSample s =
          new CorpusSample(
              "k" + i,
              64,
              48,
              "A poster that says \"" + text + "\"",
              "test:" + i,
              new CorpusOcr("synthetic", List.of(line)),
              text + " 20,53,63,91\n",
              FilterVerdict.PASSED,
              i % 3 == 0 ? new BackgroundInfo("dark blue", "#1c2a4f", "flat") : null);
      byte[] image = new byte[100 + rnd.nextInt(900)];
      rnd.nextBytes(image);
      out.add(new CorpusRecord(s, i % 2 == 0 ? "png" : "jpg", image));
    }
    return out;
  }

  /** Writes shards 0..2 (inputs 0-2, 3-5, 6) of {@link #records}, rejecting inputs 2 and 5. */
  private static CorpusStats writeCorpus(Path dir, List<Integer> skipShards) throws IOException {
    List<CorpusRecord> all = records();
    try (CorpusWriter w = CorpusWriter.open(dir, MANIFEST)) {
      for (int shard = 0; shard < 3; shard++) {
        if (w.isShardComplete(shard) || skipShards.contains(shard)) {
          continue;
        }
        try (ShardWriter sw = w.openShard(shard)) {
          for (int i = shard * 3; i < Math.min(all.size(), shard * 3 + 3); i++) {
            if (i % 3 == 2) {
              sw.reject(i == 2 ? "too-small" : "no-text");
            } else {
              sw.add(all.get(i));
            }
          }
          sw.commit();
        }
      }
      return skipShards.isEmpty() ? w.finish(3) : null;
    }
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void samplesComeBackAsWrittenWithIndexAndStats() throws IOException {
    CorpusStats stats = writeCorpus(tmp, List.of());

    List<CorpusRecord> kept = records().stream().filter(r -> !r.key().matches("k[25]")).toList();
    List<CorpusRecord> read;
    try (CorpusReader reader = CorpusReader.open(tmp)) {
      read = reader.stream().toList();
    }
    assertEquals(kept.size(), read.size());
    for (int i = 0; i < kept.size(); i++) {
      assertEquals(kept.get(i).sample(), read.get(i).sample());
      assertEquals(kept.get(i).imageExtension(), read.get(i).imageExtension());
      assertArrayEquals(kept.get(i).image(), read.get(i).image());
    }

    List<String> index = Files.readAllLines(tmp.resolve("index.jsonl"), StandardCharsets.UTF_8);
    assertEquals(5, index.size());
    JsonNode first = LayoutJson.mapper().readTree(index.get(0));
    assertEquals("k0", first.get("key").stringValue());
    assertEquals("shard-000000.tar", first.get("shard").stringValue());
    assertEquals("SALE 0", first.get("texts").get(0).stringValue());
    assertEquals("dark blue", first.get("background").stringValue());
    assertEquals(
        "shard-000002.tar", LayoutJson.mapper().readTree(index.get(4)).get("shard").stringValue());

    assertEquals(7, stats.total());
    assertEquals(5, stats.kept());
    assertEquals(Map.of("no-text", 1L, "too-small", 1L), stats.rejects());
    JsonNode statsJson = LayoutJson.mapper().readTree(Files.readString(tmp.resolve("stats.json")));
    assertEquals(7, statsJson.get("total").intValue());
    assertEquals(2, statsJson.get("rejected").intValue());
    assertEquals(1, statsJson.get("rejects").get("too-small").intValue());
    assertEquals(3, statsJson.get("run").get("shardsWritten").intValue());
  }

  @Test
  void tarListsTheMembersWithPlainUstarHeaders() throws Exception {
    writeCorpus(tmp, List.of());
    Process p =
        new ProcessBuilder("tar", "-tvf", tmp.resolve("shard-000000.tar").toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> names = out.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    assertEquals(List.of("k0.json", "k0.png", "k0.txt", "k1.jpg", "k1.json", "k1.txt"), names, out);
    assertTrue(out.lines().allMatch(l -> l.startsWith("-rw-r--r-- 0/0")), out);

    List<String> ccNames = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(tmp.resolve("shard-000000.tar"));
        TarArchiveInputStream in = new TarArchiveInputStream(new BufferedInputStream(raw))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        ccNames.add(e.getName());
        if (e.getName().equals("k0.txt")) {
          assertEquals(
              "A poster that says \"SALE 0\"",
              new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(0L, e.getLastModifiedDate().getTime());
      }
    }
    assertEquals(names, ccNames);
  }

  @Test
  void sameSamplesGiveIdenticalBytes() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    writeCorpus(a, List.of());
    writeCorpus(b, List.of());
    for (String name :
        List.of(
            "shard-000000.tar",
            "shard-000001.tar",
            "shard-000002.tar",
            "shard-000001_stats.json",
            "index.jsonl",
            "manifest.json")) {
      assertArrayEquals(
          Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
    }
  }

  @Test
  void killedRunLeavesNoPartialShardAndRerunCompletesIdentically() throws IOException {
    Path reference = tmp.resolve("reference");
    writeCorpus(reference, List.of());

    Path dir = tmp.resolve("killed");
    // A run that wrote shard 0, then died while writing shard 1: its temporary file holds half a
    // shard, and no shard-000001.tar exists.
    writeCorpus(dir, List.of(1, 2));
    Path partial = dir.resolve(".gw-shard-000001.tar.123456.partial");
    Files.write(partial, new byte[] {1, 2, 3});
    try (CorpusWriter w = CorpusWriter.open(dir, MANIFEST)) {
      assertFalse(Files.exists(partial), "stale temporary file is cleaned up on open");
      assertTrue(w.isShardComplete(0));
      assertFalse(w.isShardComplete(1));
      // An abandoned shard writer publishes nothing.
      try (ShardWriter sw = w.openShard(1)) {
        sw.add(records().get(3));
      }
      assertFalse(w.isShardComplete(1));
      assertFalse(Files.exists(dir.resolve("shard-000001.tar")));
      assertThrows(IllegalStateException.class, () -> w.finish(3));
    }
    assertEquals(
        List.of(".gw-lock", "manifest.json", "shard-000000.tar", "shard-000000_stats.json"),
        listing(dir));

    writeCorpus(dir, List.of());
    for (String name : listing(reference)) {
      if (!name.equals("stats.json") && !name.equals(".gw-lock")) {
        assertArrayEquals(
            Files.readAllBytes(reference.resolve(name)),
            Files.readAllBytes(dir.resolve(name)),
            name);
      }
    }
    assertEquals(listing(reference), listing(dir));
  }

  @Test
  void rerunSkipsFinishedShards() throws IOException {
    writeCorpus(tmp, List.of());
    Path shard0 = tmp.resolve("shard-000000.tar");
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(shard0, old);
    Files.delete(tmp.resolve("shard-000002.tar"));

    CorpusStats again = writeCorpus(tmp, List.of());

    assertEquals(old, Files.getLastModifiedTime(shard0), "finished shard was not rewritten");
    assertEquals(1, again.shardsWritten());
    assertEquals(2, again.shardsSkipped());
    assertEquals(1, again.inputsProcessed());
    assertEquals(7, again.total());
  }

  @Test
  void refusesAFolderOfAnotherCorpusOrInUse() throws IOException {
    writeCorpus(tmp, List.of());
    ObjectNode other = CorpusWriter.manifest("test", Map.of("seed", 8L, "count", 7));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CorpusWriter.open(tmp, other));
    assertTrue(e.getMessage().contains("other settings"), e.getMessage());

    Path foreign = tmp.resolve("foreign");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("notes.txt"), "mine");
    e = assertThrows(IllegalArgumentException.class, () -> CorpusWriter.open(foreign, MANIFEST));
    assertTrue(e.getMessage().contains("not a corpus folder"), e.getMessage());

    try (CorpusWriter w = CorpusWriter.open(tmp, MANIFEST)) {
      assertTrue(w.isShardComplete(0));
      e = assertThrows(IllegalArgumentException.class, () -> CorpusWriter.open(tmp, MANIFEST));
      assertTrue(e.getMessage().contains("another run"), e.getMessage());
    }
  }

  @Test
  void rejectsBadKeysDuplicatesAndReasons() throws IOException {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new CorpusSample(
                "a.b",
                8,
                8,
                "",
                "",
                new CorpusOcr("x", List.of()),
                "",
                FilterVerdict.PASSED,
                null));
    try (CorpusWriter w = CorpusWriter.open(tmp, MANIFEST);
        ShardWriter sw = w.openShard(0)) {
      sw.add(records().get(0));
      assertThrows(IllegalArgumentException.class, () -> sw.add(records().get(0)));
      assertThrows(IllegalArgumentException.class, () -> sw.reject("Too Small"));
    }
  }

  @Test
  void sampleJsonRoundTripsExactly() {
    for (CorpusRecord r : records()) {
      String json = CorpusSampleJson.print(r.sample());
      assertEquals(r.sample(), CorpusSampleJson.parse(json));
      assertEquals(json, CorpusSampleJson.print(CorpusSampleJson.parse(json)));
    }
    String json = CorpusSampleJson.print(records().get(0).sample());
    assertTrue(
        json.startsWith(
            "{\"key\":\"k0\",\"width\":64,\"height\":48,\"caption\":\"A poster that says \\\"SALE"
                + " 0\\\"\",\"source\":\"test:0\",\"ocr\":{\"engine\":\"synthetic\",\"lines\":[{\"text\":"
                + "\"SALE 0\",\"quad\":[10,20,"),
        json);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CorpusSampleJson.parse("{\"key\":\"k\",\"width\":1}"));
    assertTrue(e.getMessage().contains("ocr"), e.getMessage());
  }
}
