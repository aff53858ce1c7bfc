package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.pkg.TinyGlyphUnetPackage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalCommandTest {
  private static final String PROMPT =
      "{\"id\":\"p1\",\"prompt\":\"A sign that says 'OPEN'\",\"texts\":[\"OPEN\"],\"lang\":\"en\"}\n";

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Glyphwright.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path prompts(String content) throws IOException {
    return Files.writeString(dir.resolve("prompts.jsonl"), content, StandardCharsets.UTF_8);
  }

  private static void assertOneLineError(Run run, String expected) {
    assertOneLineError(run, "glyphwright eval: ", expected);
  }

  private static void assertOneLineError(Run run, String prefix, String expected) {
    assertEquals(2, run.code(), run.err());
    String[] lines = run.err().strip().split("\n");
    assertTrue(lines.length <= 2, () -> "expected a short error, got:\n" + run.err());
    assertTrue(lines[0].startsWith(prefix), lines[0]);
    assertTrue(lines[0].contains(expected), () -> "error was: " + run.err());
    assertFalse(run.err().contains("\tat "), "stack trace printed");
  }

  @Test
  void diffusionSourceWithoutAModelSaysHowToGetOne() throws IOException {
    Run run =
        run(
            "eval",
            "--prompts",
            prompts(PROMPT).toString(),
            "--out",
            dir.resolve("o").toString(),
            "--source",
            "diffusion",
            "--model",
            dir.resolve("no-model").toString());
    assertOneLineError(run, "no diffusion model at ");
    assertTrue(run.err().contains("./glyphwright train unet"), run.err());
    assertFalse(Files.exists(dir.resolve("o")), "nothing was written");
    assertOneLineError(
        run(
            "eval",
            "--prompts",
            prompts(PROMPT).toString(),
            "--out",
            dir.resolve("o").toString(),
            "--source",
            "diffusion",
            "--steps",
            "0"),
        "--steps must be 1..200");
    assertOneLineError(
        run(
            "eval",
            "--prompts",
            prompts(PROMPT).toString(),
            "--out",
            dir.resolve("o").toString(),
            "--source",
            "diffusion",
            "--guidance-mode",
            "text+glyphs",
            "--prompt-guidance",
            "2"),
        "--prompt-guidance applies to guidance mode glyphs only");
  }

  @Test
  void diffusionSourceGeneratesAndTheReportNamesTheModel() throws Exception {
    Path model = TinyGlyphUnetPackage.write(dir, "tiny-unet");
    Path out = dir.resolve("diff");
    Run run =
        run(
            "eval",
            "--prompts",
            prompts(PROMPT).toString(),
            "--out",
            out.toString(),
            "--source",
            "diffusion",
            "--model",
            model.toString(),
            "--steps",
            "2",
            "--scheduler",
            "ddim",
            "--best-of",
            "2",
            "--prompt-guidance",
            "1.5",
            "--planner",
            "heuristic");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("1 samples, 0 errors"), run.out());
    assertTrue(run.err().contains("source diffusion (model tiny-unet sha256 "), run.err());
    assertTrue(run.err().contains(", 32x32"), "the model's size by default: " + run.err());
    String metrics = Files.readString(out.resolve("metrics.json"));
    String sha = io.glyphwright.diffusion.pkg.GlyphUnetPackage.load(model).onnxSha256();
    assertTrue(metrics.contains("\"source\" : \"diffusion\""), metrics);
    assertTrue(metrics.contains("\"model_sha256\" : \"" + sha + "\""), metrics);
    assertTrue(metrics.contains("\"best_of\" : 2"), metrics);
    assertTrue(metrics.contains("\"scheduler\" : \"ddim\""), metrics);
    assertTrue(metrics.contains("\"prompt_guidance\" : 1.5"), metrics);
    assertTrue(metrics.contains("\"generate\""), "generate latency recorded: " + metrics);
    assertTrue(Files.readString(out.resolve("report.html")).contains(sha));
  }

  @Test
  void badPromptLinesAreNamedByNumber() throws IOException {
    Run run =
        run(
            "eval",
            "--prompts",
            prompts(PROMPT + "{\"id\":\"p2\"}\n").toString(),
            "--out",
            dir.resolve("o").toString());
    assertOneLineError(run, "line 2: missing or blank 'prompt'");
  }

  @Test
  void missingPromptsSizeAndJudgeAreExplained() throws IOException {
    assertOneLineError(run("eval", "--out", dir.toString()), "give --prompts FILE.jsonl");
    Path p = prompts(PROMPT);
    assertOneLineError(
        run("eval", "--prompts", p.toString(), "--out", dir.toString(), "--size", "big"),
        "is not WIDTHxHEIGHT");
    assertOneLineError(
        run("eval", "--prompts", p.toString(), "--out", dir.toString(), "--source", "gan"),
        "unknown --source 'gan'");
    assertOneLineError(
        run("eval", "--prompts", p.toString(), "--out", dir.toString(), "--size", "8x8"),
        "out of range");
    assertOneLineError(
        run("eval", "--prompts", p.toString(), "--out", dir.toString(), "--judge", "abbyy"),
        "unknown OCR engine 'abbyy'");
    assertOneLineError(
        run("eval", "--prompts", p.toString(), "--out", dir.toString(), "--planner", "gpt"),
        "unknown planner 'gpt'");
  }

  @Test
  void evaluatesAPromptFileAndWritesTheOutputs() throws IOException {
    Path out = dir.resolve("out");
    Run run =
        run(
            "eval",
            "--prompts",
            prompts(PROMPT).toString(),
            "--out",
            out.toString(),
            "--judge",
            "tesseract",
            "--size",
            "384x256",
            "--seeds",
            "2");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("OCR accuracy 100.0%"), run.out());
    assertTrue(run.out().contains("2 samples, 0 errors"), run.out());
    assertTrue(run.err().contains("eval: [2/2] p1 seed 1: 1/1 texts read exactly"), run.err());
    assertTrue(Files.isRegularFile(out.resolve("metrics.json")));
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"width\" : 384"));
    assertEquals(2, Files.readAllLines(out.resolve("samples.jsonl")).size());
  }

  @Test
  void layoutsNeedsACorpus() {
    Run run =
        run("eval", "layouts", "--data", dir.resolve("none").toString(), "--out", dir.toString());
    // the shared error handler names the innermost command
    assertOneLineError(run, "glyphwright eval layouts: ", "does not exist");
    Run empty = run("eval", "layouts", "--data", dir.toString(), "--out", dir.toString());
    assertOneLineError(empty, "glyphwright eval layouts: ", "holds no shard-NNNNNN.tar files");
  }
}
