package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.generate.PngMetadata;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.pkg.TinyGlyphUnetPackage;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code generate} on a tiny random UNet package made at test time (not a trained model). */
class GenerateCommandTest {
  @TempDir static Path dir;
  static Path model;
  static String sha;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    CommandLine cli = Glyphwright.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void makeModel() throws Exception {
    model = TinyGlyphUnetPackage.write(dir, "tiny-unet");
    sha = GlyphUnetPackage.load(model).onnxSha256();
  }

  private static String[] generate(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "generate",
                "--prompt",
                "A poster that says 'SALE'",
                "--model",
                model.toString(),
                "--steps",
                "2"));
    args.addAll(Arrays.asList(extra));
    return args.toArray(String[]::new);
  }

  private static void assertOneLineError(Run run, String expected) {
    assertEquals(2, run.code(), run.err());
    String[] lines = run.err().strip().split("\n");
    assertTrue(lines.length <= 2, () -> "expected a short error, got:\n" + run.err());
    assertTrue(lines[0].startsWith("glyphwright generate: "), lines[0]);
    assertTrue(lines[0].contains(expected), () -> "error was: " + run.err());
    assertFalse(run.err().contains("\tat "), "stack trace printed");
  }

  @Test
  void makesNImagesWithMetadataVerdictsAndAMetaFile() throws Exception {
    Path out = dir.resolve("out/poster.png");
    Path meta = dir.resolve("out/poster.json");
    Run r =
        run(
            generate(
                "--seed",
                "7",
                "--n",
                "2",
                "--scheduler",
                "DDIM",
                "--out",
                out.toString(),
                "--meta",
                meta.toString()));
    assertEquals(0, r.code(), r.err());
    Path first = dir.resolve("out/poster-1.png");
    Path second = dir.resolve("out/poster-2.png");
    assertFalse(Files.exists(out), "n > 1 numbers the files");
    String[] lines = r.out().strip().split("\n");
    assertEquals(2, lines.length, r.out());
    assertTrue(lines[0].startsWith(first + "  seed 7  read "), lines[0]);
    assertTrue(lines[0].contains("/1: 'SALE' "), lines[0]);
    assertTrue(lines[1].startsWith(second + "  seed 8  read "), lines[1]);
    assertTrue(r.err().contains("generate: model tiny-unet"), r.err());
    assertTrue(r.err().contains("generate: sampler run 2/2 step 2/2"), r.err());

    BufferedImage img = ImageIO.read(first.toFile());
    assertEquals(32, img.getWidth(), "the model's training size by default");
    JsonNode png = JsonMapper.builder().build().readTree(PngMetadata.read(second).orElseThrow());
    assertEquals(8, png.get("seed").longValue());
    assertEquals("ddim", png.get("scheduler").stringValue());
    assertEquals("glyphs", png.get("guidanceMode").stringValue(), "the default mode");
    assertEquals(3.0, png.get("guidance").doubleValue(), "the generator's default guidance");
    assertEquals(2.0, png.get("promptGuidance").doubleValue(), "the glyphs mode's default");
    assertEquals(sha, png.get("model").get("sha256").stringValue());
    assertEquals(1, png.get("verdicts").size());

    JsonNode m =
        JsonMapper.builder().build().readTree(Files.readString(meta, StandardCharsets.UTF_8));
    assertEquals(sha, m.get("model").get("sha256").stringValue());
    assertEquals("tiny-unet", m.get("model").get("name").stringValue());
    assertEquals("ppocr-v4", m.get("parameters").get("judge").stringValue());
    assertEquals(7, m.get("parameters").get("seed").longValue());
    assertEquals("glyphs", m.get("parameters").get("guidanceMode").stringValue());
    assertTrue(m.get("layout").stringValue().startsWith("SALE "), m.toString());
    assertFalse(m.get("planner").stringValue().isBlank());
    assertEquals(2, m.get("images").size());
    assertEquals(8, m.get("images").get(1).get("seed").longValue());
    assertEquals(0, m.get("images").get(1).get("candidate").intValue());
    assertEquals("SALE", m.get("images").get(1).get("verdicts").get(0).get("text").stringValue());
  }

  @Test
  void takesALayoutFileBestOfAndNoJudge() throws Exception {
    Path layout = Files.writeString(dir.resolve("l.td2"), "OPEN 10,20,118,60\nNOW 10,70,118,110\n");
    Path out = dir.resolve("best.png");
    Run r =
        run(
            generate(
                "--layout",
                layout.toString(),
                "--seed",
                "3",
                "--best-of",
                "2",
                "--out",
                out.toString()));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("read ") && r.out().contains("'OPEN' "), r.out());
    assertTrue(r.out().contains("'NOW' "), r.out());
    assertTrue(r.err().contains("2 line(s) planned by layout file"), r.err());
    assertTrue(Files.isRegularFile(out));

    Path plain = dir.resolve("plain.png");
    Run none =
        run(
            generate(
                "--seed",
                "3",
                "--judge",
                "none",
                "--guidance-mode",
                "text",
                "--threads",
                "1",
                "--out",
                plain.toString()));
    assertEquals(0, none.code(), none.err());
    assertEquals(plain + "  seed 3  not read back (--judge none)", none.out().strip());
    JsonNode png = JsonMapper.builder().build().readTree(PngMetadata.read(plain).orElseThrow());
    assertEquals("text", png.get("guidanceMode").stringValue());
    assertEquals(1.0, png.get("promptGuidance").doubleValue(), "the text mode's only value");

    Path pushed = dir.resolve("pushed.png");
    Run prompt =
        run(
            generate(
                "--seed",
                "3",
                "--judge",
                "none",
                "--prompt-guidance",
                "2",
                "--threads",
                "1",
                "--out",
                pushed.toString()));
    assertEquals(0, prompt.code(), prompt.err());
    assertTrue(prompt.err().contains("(glyphs, prompt 2.0)"), prompt.err());
    JsonNode pushedPng =
        JsonMapper.builder().build().readTree(PngMetadata.read(pushed).orElseThrow());
    assertEquals(2.0, pushedPng.get("promptGuidance").doubleValue());
  }

  @Test
  void badValuesAndAMissingModelAreOneLineErrors() {
    Path out = dir.resolve("x.png");
    assertOneLineError(
        run(
            "generate",
            "--prompt",
            "hi",
            "--model",
            model.toString(),
            "--steps",
            "0",
            "--out",
            out.toString()),
        "--steps must be 1..200, got 0");
    assertOneLineError(
        run(generate("--scheduler", "plms", "--out", out.toString())),
        "unknown --scheduler 'plms'");
    assertOneLineError(
        run(generate("--guidance-mode", "letters", "--out", out.toString())),
        "unknown --guidance-mode 'letters'; known: text, text+glyphs, glyphs");
    assertOneLineError(
        run(generate("--prompt-guidance", "31", "--out", out.toString())),
        "--prompt-guidance must be 0.0..30.0, got 31.0");
    assertOneLineError(
        run(generate("--prompt-guidance", "2", "--guidance-mode", "text", "--out", out.toString())),
        "--prompt-guidance applies to guidance mode glyphs only");
    assertOneLineError(
        run(generate("--best-of", "2", "--judge", "none", "--out", out.toString())),
        "--best-of 2 needs a judge");
    assertOneLineError(
        run(generate("--threads", "0", "--out", out.toString())), "--threads must be at least 1");
    // found by the generator, after the progress line that names model and layout
    Run canvas = run(generate("--width", "36", "--height", "36", "--out", out.toString()));
    assertEquals(2, canvas.code(), canvas.err());
    String[] lines = canvas.err().strip().split("\n");
    assertTrue(lines[lines.length - 1].startsWith("glyphwright generate: "), canvas.err());
    assertTrue(lines[lines.length - 1].contains("multiples of 8"), canvas.err());
    assertOneLineError(
        run(generate("--judge", "abbyy", "--out", out.toString())), "unknown OCR engine 'abbyy'");
    assertOneLineError(run(generate("--out", dir.resolve("x.jpg").toString())), "must name a .png");
    Run missing =
        run(
            "generate",
            "--prompt",
            "A sign that says 'OPEN'",
            "--model",
            dir.resolve("nothing-here").toString(),
            "--out",
            out.toString());
    assertOneLineError(missing, "no diffusion model at ");
    assertTrue(missing.err().contains("./glyphwright train unet"), missing.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void withoutModelOptionTheConfiguredPackageIsUsed() {
    String before = System.getProperty(GlyphUnetPackage.PROPERTY);
    System.setProperty(GlyphUnetPackage.PROPERTY, dir.resolve("not-installed").toString());
    try {
      Run r = run("generate", "--prompt", "hi", "--out", dir.resolve("y.png").toString());
      assertOneLineError(r, "no diffusion model at ");
      assertTrue(r.err().contains("train one with ./glyphwright train unet"), r.err());
    } finally {
      if (before == null) {
        System.clearProperty(GlyphUnetPackage.PROPERTY);
      } else {
        System.setProperty(GlyphUnetPackage.PROPERTY, before);
      }
    }
  }
}
