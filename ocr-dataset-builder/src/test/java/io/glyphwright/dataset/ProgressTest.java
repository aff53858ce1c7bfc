package io.glyphwright.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void plainLinesPerShardAndEveryIntervalInsideAShard() {
    AtomicLong clock = new AtomicLong();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p =
        new Progress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "synth",
            400,
            false,
            10 * SECOND,
            clock::get);
    p.shardDone(0, 4, 100, true);
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(SECOND / 4); // 4 samples a second
      p.advance(1);
    }
    p.shardDone(1, 4, 100, false);
    p.finish();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(
        List.of(
            "synth: shard 1/4 already written, skipped, 100/400 (25%), 0.0/s",
            "synth: 140/400 (35%), 4.0/s, eta 1m05s",
            "synth: 180/400 (45%), 4.0/s, eta 55s",
            "synth: shard 2/4 written, 200/400 (50%), 4.0/s, eta 50s"),
        lines);
  }

  @Test
  void barRedrawsInPlaceAtMostTenTimesASecond() {
    AtomicLong clock = new AtomicLong();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress p =
        new Progress(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            "synth",
            10,
            true,
            SECOND,
            clock::get);
    for (int i = 0; i < 10; i++) {
      clock.addAndGet(SECOND / 100);
      p.advance(1);
    }
    p.finish();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, out.chars().filter(c -> c == '\r').count(), out);
    assertTrue(out.contains("[##############################] 10/10 (100%), 100.0/s"), out);
    assertTrue(out.endsWith(System.lineSeparator()), out);
  }
}
