package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.LayoutJson;
import io.glyphwright.dataset.Progress;
import io.glyphwright.dataset.synth.SynthSettings;
import io.glyphwright.dataset.synth.SyntheticCorpus;
import io.glyphwright.glyph.GlyphRenderer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The local runner killed with SIGKILL in the middle of a real build (a separate JVM, PP-OCR), then
 * started again: the corpus it finishes is the one an uninterrupted run makes, byte for byte — no
 * sample lost, none written twice. Needs the PP-OCR models ({@code ./glyphwright setup}).
 */
class KillAndRerunTest {
  private static final int COUNT = 16;
  private static final int SHARD_SIZE = 4;
  private static final int SHARDS = COUNT / SHARD_SIZE;

  @TempDir Path tmp;

  private Process start(Path out, Path input, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BuildProcessMain.class.getName());
    cmd.addAll(List.of(out.toString(), "ppocr", "2", Integer.toString(SHARD_SIZE), "crop:256"));
    cmd.add(input.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.directory(new File(System.getProperty("user.dir")));
    pb.environment().put("OMP_THREAD_LIMIT", "1");
    return pb.start();
  }

  private static int finish(Process p, Path log) throws Exception {
    assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the build did not end in 4 minutes");
    return p.exitValue();
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  @Test
  void aBuildKilledWithSigkillFinishesOnRerunWithTheUninterruptedResult() throws Exception {
    Path input = tmp.resolve("posters");
    SyntheticCorpus.run(
        SynthSettings.defaults(COUNT, 404)
            .withSize(256)
            .withShardSize(10)
            .withPhotoRoots(List.of())
            .withWorkers(2),
        input,
        GlyphRenderer.system(),
        Progress.silent(COUNT));

    Path reference = tmp.resolve("reference");
    Path refLog = tmp.resolve("reference.log");
    assertEquals(0, finish(start(reference, input, refLog), refLog), () -> read(refLog));

    Path killed = tmp.resolve("killed");
    Path killLog = tmp.resolve("killed.log");
    Process p = start(killed, input, killLog);
    Path firstShard = killed.resolve("shard-000000.tar");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(firstShard) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(Files.exists(firstShard), () -> "no first shard; log:\n" + read(killLog));
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
    assertEquals(137, finish(p, killLog), "killed by signal 9");
    assertFalse(Files.exists(killed.resolve("index.jsonl")), "the run was cut short");
    assertFalse(
        Files.exists(killed.resolve(String.format("shard-%06d.tar", SHARDS - 1))),
        "the last shard was not written before the kill");

    Path rerunLog = tmp.resolve("rerun.log");
    assertEquals(0, finish(start(killed, input, rerunLog), rerunLog), () -> read(rerunLog));
    assertTrue(read(rerunLog).contains("already written, skipped"), () -> read(rerunLog));

    assertEquals(files(reference), files(killed));
    for (String name : files(reference)) {
      if (!name.equals("stats.json")) {
        assertArrayEquals(
            Files.readAllBytes(reference.resolve(name)),
            Files.readAllBytes(killed.resolve(name)),
            name);
      }
    }
    List<String> keys = new ArrayList<>();
    for (String line : Files.readAllLines(killed.resolve("index.jsonl"))) {
      keys.add(LayoutJson.mapper().readTree(line).get("key").asString());
    }
    assertEquals(keys.size(), keys.stream().distinct().count(), "no key twice");
    JsonNode stats = LayoutJson.mapper().readTree(Files.readString(killed.resolve("stats.json")));
    assertEquals(COUNT, stats.get("total").asInt(), "every input accounted for");
    assertEquals(keys.size(), stats.get("kept").asInt());
    assertTrue(keys.size() >= COUNT / 2, "most posters are kept: " + keys.size());
  }

  private static String read(Path log) {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
