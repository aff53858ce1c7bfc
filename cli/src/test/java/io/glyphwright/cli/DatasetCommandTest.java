package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetCommandTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Glyphwright.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void synthWritesACorpusAndARerunSkipsIt() throws IOException {
    Path out = dir.resolve("corpus");
    String[] args = {
      "dataset",
      "synth",
      "--count",
      "3",
      "--out",
      out.toString(),
      "--seed",
      "3",
      "--lang",
      "zh",
      "--size",
      "128",
      "--shard-size",
      "2",
      "--photos",
      "none",
      "--workers",
      "2"
    };
    Run first = run(args);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains("wrote 3 samples in 2 shards"), first.out());
    assertTrue(Files.isRegularFile(out.resolve("shard-000001.tar")));
    assertTrue(Files.isRegularFile(out.resolve("index.jsonl")));
    List<CorpusRecord> records;
    try (CorpusReader reader = CorpusReader.open(out)) {
      records = reader.stream().toList();
    }
    assertEquals(
        List.of("synth-3-000000000", "synth-3-000000001", "synth-3-000000002"),
        records.stream().map(CorpusRecord::key).toList());

    Run again = run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("wrote 0 samples in 0 shards"), again.out());
    assertTrue(again.out().contains("(2 shards already there)"), again.out());
  }

  @Test
  void badSettingsEndInOneActionableLine() {
    Run run = run("dataset", "synth", "--count", "2", "--out", dir.toString(), "--lang", "en,fr");
    assertEquals(2, run.code());
    String[] lines = run.err().strip().split("\n");
    assertEquals(1, lines.length, run.err());
    assertTrue(lines[0].startsWith("glyphwright dataset synth: unknown language 'fr'"), lines[0]);
    assertFalse(run.err().contains("\tat "));

    run =
        run(
            "dataset",
            "synth",
            "--count",
            "2",
            "--out",
            dir.resolve("x").toString(),
            "--photos",
            dir.resolve("nowhere").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("is not a folder"), run.err());
  }

  @Test
  void datasetAloneListsItsSubcommands() {
    Run run = run("dataset");
    assertEquals(0, run.code());
    assertTrue(run.out().contains("synth"), run.out());
  }
}
