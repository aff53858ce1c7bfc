package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.CharBox;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
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

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  /** A failure is one line on stderr, naming the command, and no stack trace. */
  private static void assertOneLineError(Run run, String expected) {
    assertTrue(run.code() != 0, "exit code was 0");
    String[] lines = run.err().strip().split("\n");
    assertTrue(lines.length <= 2, () -> "expected a short error, got:\n" + run.err());
    assertTrue(lines[0].startsWith("glyphwright "), lines[0]);
    assertTrue(lines[0].contains(expected), () -> "error was: " + run.err());
    assertFalse(run.err().contains("\tat "), "stack trace printed");
  }

  @Test
  void layoutPrintsExactlyTheQuotedTextsAsTd2Lines() {
    Run run =
        run(
            "layout",
            "--prompt",
            "A poster that says 'SUMMER SALE' and '50% OFF'",
            "--planner",
            "heuristic");
    assertEquals(0, run.code(), run.err());
    Layout layout = Td2Format.parse(run.out(), new io.glyphwright.core.Canvas(512, 512));
    assertEquals(
        List.of("SUMMER SALE", "50% OFF"), layout.lines().stream().map(TextLine::text).toList());
  }

  @Test
  void layoutAsJsonParsesBack() {
    Run run = run("layout", "--prompt", "一张写着“新年快乐”的红色海报", "--json", "--width", "384");
    assertEquals(0, run.code(), run.err());
    Layout layout = LayoutJson.parse(run.out().strip());
    assertEquals(384, layout.width());
    assertEquals("新年快乐", layout.lines().get(0).text());
  }

  @Test
  void renderWritesMaskCharsegAndOneBoxPerNonSpaceCharacter() throws IOException {
    Path layoutFile =
        write("l.td2", "EXIT 出口 10,10,118,40\nSUMMER SALE 10,50,118,80\n新年快乐 10,90,118,120\n");
    Path mask = dir.resolve("out/m.png");
    Path charseg = dir.resolve("out/c.png");
    Path chars = dir.resolve("out/c.json");
    Run run =
        run(
            "render",
            "--layout",
            layoutFile.toString(),
            "--width",
            "512",
            "--height",
            "512",
            "--out",
            mask.toString(),
            "--charseg",
            charseg.toString(),
            "--chars",
            chars.toString());
    assertEquals(0, run.code(), run.err());
    BufferedImage m = ImageIO.read(mask.toFile());
    assertEquals(512, m.getWidth());
    assertEquals(BufferedImage.TYPE_BYTE_GRAY, m.getType());
    BufferedImage c = ImageIO.read(charseg.toFile());
    assertEquals(BufferedImage.TYPE_USHORT_GRAY, c.getType());
    Layout rendered = LayoutJson.parse(Files.readString(chars));
    List<String> expected = List.of("E", "X", "I", "T", "出", "口");
    assertEquals(expected, rendered.lines().get(0).chars().stream().map(CharBox::c).toList());
    assertEquals(10, rendered.lines().get(1).chars().size());
    assertEquals(4, rendered.lines().get(2).chars().size());
  }

  @Test
  void renderReadsStandardInputWhenTheLayoutIsADash() {
    java.io.InputStream original = System.in;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream("SALE 12,20,60,44\n".getBytes(StandardCharsets.UTF_8)));
      Run run = run("render", "--layout", "-", "--out", dir.resolve("m.png").toString());
      assertEquals(0, run.code(), run.err());
      assertTrue(Files.exists(dir.resolve("m.png")));
    } finally {
      System.setIn(original);
    }
  }

  @Test
  void malformedLayoutIsOneClearLine() throws IOException {
    Path bad = write("bad.td2", "SALE 12,20,x,44\n");
    assertOneLineError(
        run("render", "--layout", bad.toString(), "--out", dir.resolve("m.png").toString()),
        "line 1: box '12,20,x,44' has 'x', which is not an integer");
  }

  @Test
  void unknownFontIsOneClearLine() throws IOException {
    Path bad =
        write(
            "bad.json",
            "{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"A\",\"box\":[1,2,30,40],"
                + "\"font\":\"comic-sans-xyz\"}]}");
    assertOneLineError(
        run("render", "--layout", bad.toString(), "--out", dir.resolve("m.png").toString()),
        "comic-sans-xyz");
  }

  @Test
  void characterNoFontHasIsOneClearLine() throws IOException {
    Path bad = write("bad.td2", "A\uDB80\uDC01B 1,2,60,40\n");
    assertOneLineError(
        run("render", "--layout", bad.toString(), "--out", dir.resolve("m.png").toString()),
        "U+F0001");
  }

  @Test
  void canvasOfZeroOrHugeSizeIsOneClearLine() throws IOException {
    Path ok = write("ok.td2", "SALE 12,20,60,44\n");
    assertOneLineError(
        run(
            "render",
            "--layout",
            ok.toString(),
            "--width",
            "0",
            "--out",
            dir.resolve("m.png").toString()),
        "canvas width 0 is out of range");
    assertOneLineError(
        run(
            "render",
            "--layout",
            ok.toString(),
            "--height",
            "100000",
            "--out",
            dir.resolve("m.png").toString()),
        "canvas height 100000 is out of range");
    assertOneLineError(
        run("layout", "--prompt", "a sign that says 'OPEN'", "--width", "100000"),
        "canvas width 100000 is out of range");
  }

  @Test
  void missingLayoutFileIsOneClearLine() {
    assertOneLineError(
        run("render", "--layout", dir.resolve("nope.td2").toString(), "--out", "m.png"),
        "does not exist");
  }

  @Test
  void emptyPromptIsOneClearLine() {
    assertOneLineError(run("layout", "--prompt", ""), "prompt is empty");
    assertOneLineError(run("layout", "--prompt", "   "), "prompt is empty");
  }

  @Test
  void unknownPlannerIsOneClearLine() {
    assertOneLineError(
        run("layout", "--prompt", "a 'SALE' sign", "--planner", "gpt"), "unknown planner 'gpt'");
  }

  @Test
  void missingOptionsPointToHelp() {
    Run run = run("render", "--out", "m.png");
    assertEquals(2, run.code());
    assertTrue(run.err().contains("Missing required option: '--layout=FILE|-'"), run.err());
    assertTrue(run.err().contains("./glyphwright render --help"), run.err());
  }
}
