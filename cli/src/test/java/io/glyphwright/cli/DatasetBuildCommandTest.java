package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.build.PipelineSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DatasetBuildCommandTest {
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

  /** Synth → build → index, as the README shows, with Tesseract (the quicker engine to open). */
  @Test
  void buildsACorpusFromSyntheticShardsAndARerunSkipsIt() throws IOException {
    Path posters = dir.resolve("posters");
    Run synth =
        run(
            "dataset",
            "synth",
            "--count",
            "4",
            "--out",
            posters.toString(),
            "--seed",
            "5",
            "--lang",
            "en",
            "--size",
            "512",
            "--shard-size",
            "2",
            "--photos",
            "none");
    assertEquals(0, synth.code(), synth.err());
    Path corpus = dir.resolve("corpus");
    String[] args = {
      "dataset",
      "build",
      "--input",
      posters.toString(),
      "--out",
      corpus.toString(),
      "--engine",
      "tesseract",
      "--workers",
      "2",
      "--shard-size",
      "3",
      "--min-conf",
      "0.5"
    };
    Run first = run(args);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().contains(" of 4 inputs"), first.out());
    assertTrue(first.out().contains("2 shards written now, 0 shards already there"), first.out());
    List<CorpusRecord> records;
    try (CorpusReader reader = CorpusReader.open(corpus)) {
      records = reader.stream().toList();
    }
    assertTrue(records.size() >= 2, "most English posters are kept: " + first.out());
    for (CorpusRecord r : records) {
      assertEquals("tesseract", r.sample().ocr().engine());
      assertEquals(512, r.sample().width());
      assertTrue(r.sample().source().startsWith("posters/shard-00000"), r.sample().source());
    }
    assertEquals(records.size(), Files.readAllLines(corpus.resolve("index.jsonl")).size());

    Run again = run(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("0 shards written now, 2 shards already there"), again.out());
  }

  @Test
  void theCommandLineDefaultsAreTheLibraryDefaults() {
    CommandLine cli = Glyphwright.commandLine();
    CommandLine.ParseResult parsed =
        cli.parseArgs("dataset", "build", "--input", "x", "--out", "y");
    DatasetBuildCommand build =
        (DatasetBuildCommand) parsed.subcommand().subcommand().commandSpec().userObject();
    assertEquals(PipelineSettings.defaults("ppocr"), build.pipelineSettings());
  }

  @Test
  void badInputsAndSettingsEndInOneActionableLine() {
    Run missing =
        run(
            "dataset",
            "build",
            "--input",
            dir.resolve("nope").toString(),
            "--out",
            dir.resolve("o").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("does not exist"), missing.err());
    Run resize =
        run(
            "dataset",
            "build",
            "--input",
            dir.toString(),
            "--out",
            dir.resolve("o").toString(),
            "--resize",
            "zoom");
    assertEquals(2, resize.code());
    assertTrue(resize.err().contains("--resize 'zoom' is not understood"), resize.err());
    Run engine =
        run(
            "dataset",
            "build",
            "--input",
            dir.toString(),
            "--out",
            dir.resolve("o").toString(),
            "--engine",
            "abbyy");
    assertEquals(2, engine.code());
    assertTrue(engine.err().contains("unknown OCR engine"), engine.err());
  }
}
