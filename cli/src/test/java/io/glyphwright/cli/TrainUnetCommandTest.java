package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code train unet}: a 2-step run of the default UNet at 64 px on a 6-poster corpus. */
class TrainUnetCommandTest {
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

  private static Run train(Path out, String... extra) {
    String[] base = {
      "train",
      "unet",
      "--data",
      corpus.toString(),
      "--out",
      out.toString(),
      "--steps",
      "2",
      "--batch",
      "2",
      "--size",
      "64",
      "--sample-every",
      "2",
      "--checkpoint-every",
      "1"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return run(args);
  }

  @Test
  void trainsWritesALoadablePackageKeepsRunFilesApartAndRefusesToOverwrite() throws Exception {
    Path out = dir.resolve("models/unet-t");
    Path runDir = dir.resolve("models/unet-t.run");
    Run first = train(out);
    assertEquals(0, first.code(), first.err());
    assertTrue(first.out().startsWith("packaged unet-t: 2 steps, batch 2, loss "), first.out());
    assertTrue(first.err().contains("train unet: exported the EMA weights"), first.err());

    GlyphUnetPackage pkg = GlyphUnetPackage.load(out);
    assertEquals(64, pkg.resolution());
    JsonNode training = pkg.json().get("training");
    assertTrue(training.get("command").stringValue().startsWith("./glyphwright train unet --data"));
    assertEquals(2, training.get("steps").intValue());
    assertEquals(2, training.get("batch").intValue());
    assertEquals(corpus.toString(), training.get("data").stringValue());
    assertEquals(64, training.get("recipe").get("size").intValue());
    assertTrue(training.get("firstLoss").doubleValue() > 0);
    assertTrue(training.get("lastLoss").doubleValue() > 0);
    assertTrue(training.get("seconds").doubleValue() >= 0);
    assertTrue(training.has("samplesPerSecond"));
    assertTrue(Files.readString(out.resolve("training.log")).contains("exported the EMA weights"));
    assertTrue(Files.isRegularFile(out.resolve("samples/step-00000002.png")));
    // the package folder holds the package alone; the run's files are next to it
    for (String f : new String[] {"checkpoints", "cache", "loss.csv", "unet.json"}) {
      assertFalse(Files.exists(out.resolve(f)), f);
      assertTrue(Files.exists(runDir.resolve(f)), f);
    }

    // A new run can start from this run's weights.
    Path step2 = runDir.resolve("checkpoints/step-00000002");
    Run warm = train(dir.resolve("models/unet-w"), "--init-from", step2.toString());
    assertEquals(0, warm.code(), warm.err());
    assertTrue(
        warm.err().matches("(?s).*initialised (\\d+) of \\1 parameter arrays from .*"), warm.err());
    assertTrue(
        GlyphUnetPackage.load(dir.resolve("models/unet-w"))
            .json()
            .get("training")
            .get("command")
            .stringValue()
            .contains("--init-from " + step2),
        "the command names the warm start");
    Run noSuch = train(dir.resolve("models/unet-x"), "--init-from", dir.resolve("nope").toString());
    assertEquals(2, noSuch.code());
    assertTrue(noSuch.err().contains("is not a folder"), noSuch.err());

    Run again = train(out);
    assertEquals(2, again.code());
    assertTrue(again.err().strip().startsWith("glyphwright train unet: "), again.err());
    assertTrue(again.err().contains("already holds a model package: give --resume"), again.err());
    assertFalse(again.err().contains("\tat "));

    Run repack =
        run(
            "train",
            "unet",
            "--package-only",
            "--run",
            runDir.toString(),
            "--out",
            dir.resolve("models/repacked").toString());
    assertEquals(0, repack.code(), repack.err());
    GlyphUnetPackage re = GlyphUnetPackage.load(dir.resolve("models/repacked"));
    assertEquals(pkg.onnxSha256(), re.onnxSha256());
    assertEquals(2, re.json().get("training").get("steps").intValue());
    assertEquals(
        training.get("lastLoss").doubleValue(),
        re.json().get("training").get("lastLoss").doubleValue());

    // Measured metrics and the real training command go into model.json when packaging again.
    Path metrics = dir.resolve("metrics.json");
    Files.writeString(metrics, "{\"sentenceAccuracy\":{\"en\":0.5,\"zh\":0.25}}");
    Run withMetrics =
        run(
            "train",
            "unet",
            "--package-only",
            "--run",
            runDir.toString(),
            "--out",
            dir.resolve("models/repacked").toString(),
            "--metrics",
            metrics.toString(),
            "--trained-with",
            "./glyphwright train unet --data C --out D --steps 2");
    assertEquals(0, withMetrics.code(), withMetrics.err());
    GlyphUnetPackage measured = GlyphUnetPackage.load(dir.resolve("models/repacked"));
    assertEquals(
        0.25, measured.json().get("metrics").get("sentenceAccuracy").get("zh").doubleValue());
    assertEquals(
        "./glyphwright train unet --data C --out D --steps 2",
        measured.json().get("training").get("command").stringValue());
    Files.writeString(metrics, "[1, 2]");
    Run notAnObject =
        run(
            "train",
            "unet",
            "--package-only",
            "--run",
            runDir.toString(),
            "--out",
            dir.resolve("models/repacked").toString(),
            "--metrics",
            metrics.toString());
    assertEquals(2, notAnObject.code());
    assertTrue(notAnObject.err().contains("must hold a JSON object"), notAnObject.err());
    Run metricsWhileTraining =
        run(
            "train",
            "unet",
            "--data",
            corpus.toString(),
            "--out",
            dir.resolve("x").toString(),
            "--metrics",
            metrics.toString());
    assertEquals(2, metricsWhileTraining.code());
    assertTrue(
        metricsWhileTraining.err().contains("go with --package-only"), metricsWhileTraining.err());
  }

  @Test
  void packageOnlyNeedsAFinishedRun() throws Exception {
    Run noRun = run("train", "unet", "--package-only", "--out", dir.resolve("p").toString());
    assertEquals(2, noRun.code());
    assertTrue(noRun.err().contains("--package-only needs --run DIR"), noRun.err());
    Path unfinished = Files.createDirectories(dir.resolve("unfinished/checkpoints"));
    Run r =
        run(
            "train",
            "unet",
            "--package-only",
            "--run",
            unfinished.getParent().toString(),
            "--out",
            dir.resolve("p").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("holds no exported network"), r.err());
    Run noData = run("train", "unet", "--out", dir.resolve("p").toString());
    assertEquals(2, noData.code());
    assertTrue(noData.err().contains("give --data DIR"), noData.err());
  }
}
