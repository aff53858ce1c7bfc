package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
  @TempDir static Path dir;
  static Path corpus;

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

  @BeforeAll
  static void makeCorpus() {
    corpus = dir.resolve("corpus");
    Run synth =
        run(
            "dataset",
            "synth",
            "--count",
            "6",
            "--out",
            corpus.toString(),
            "--seed",
            "5",
            "--size",
            "128",
            "--photos",
            "none",
            "--workers",
            "1");
    assertEquals(0, synth.code(), synth.err());
  }

  @Test
  void trainLayoutWritesAPackageAndResumesOnlyWhenAsked() throws Exception {
    Path out = dir.resolve("lm");
    Run first =
        run(
            "train",
            "layout",
            "--data",
            corpus.toString(),
            "--out",
            out.toString(),
            "--steps",
            "2",
            "--validation",
            "2");
    assertEquals(0, first.code(), first.err());
    assertTrue(first.err().contains("read 6 (caption, layout) pairs"), first.err());
    assertTrue(first.out().startsWith("trained 2 steps (2 in this run"), first.out());
    assertTrue(Files.isRegularFile(out.resolve("model.json")));
    assertTrue(Files.isRegularFile(out.resolve("weights.bin")));
    assertTrue(Files.readString(out.resolve("model.json")).contains("train layout --data"));

    Run again =
        run(
            "train",
            "layout",
            "--data",
            corpus.toString(),
            "--out",
            out.toString(),
            "--steps",
            "3",
            "--validation",
            "2");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("\nglyphwright train layout: "), again.err());
    assertTrue(again.err().contains("pass --resume"), again.err());

    Run resumed =
        run(
            "train",
            "layout",
            "--data",
            corpus.toString(),
            "--out",
            out.toString(),
            "--steps",
            "3",
            "--validation",
            "2",
            "--resume");
    assertEquals(0, resumed.code(), resumed.err());
    assertTrue(resumed.out().startsWith("trained 3 steps (1 in this run"), resumed.out());
  }

  @Test
  void aCorpusTooSmallForTheValidationSplitIsRefusedInOneLine() {
    Run r =
        run(
            "train",
            "layout",
            "--data",
            corpus.toString(),
            "--out",
            dir.resolve("x").toString(),
            "--validation",
            "6");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("holds 6 samples, not more than the 6 held out"), r.err());
    Run missing =
        run("train", "layout", "--data", dir.resolve("nope").toString(), "--out", dir.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());
  }
}
