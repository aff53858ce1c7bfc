package io.glyphwright.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Td2Format;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

class OcrCommandTest {
  @TempDir Path dir;

  private static String[] run(String... args) {
    CommandLine cli = Glyphwright.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  /** Dark text on white, as a person would photograph a sign. */
  private Path poster(String td2) throws IOException {
    BufferedImage mask =
        GlyphRenderer.system().render(Td2Format.parse(td2, new Canvas(512, 256))).mask();
    BufferedImage inverted = new BufferedImage(512, 256, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 512; x++) {
        int v = 255 - (mask.getRaster().getSample(x, y, 0));
        inverted.getRaster().setSample(x, y, 0, v);
      }
    }
    Path file = dir.resolve("poster.png");
    GlyphImages.writePng(inverted, file);
    return file;
  }

  @Test
  void readsRenderedTextWithBothEngines() throws IOException {
    Path file = poster("SUMMER SALE 10,20,118,60\n新年快乐 30,76,98,116\n");
    String[] ppocr = run("ocr", file.toString(), "--json");
    assertEquals("0", ppocr[0], ppocr[2]);
    JsonNode tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(ppocr[1]);
    assertEquals("ppocr-v4", tree.get("engine").stringValue());
    assertEquals("SUMMER SALE", tree.get("lines").get(0).get("text").stringValue());
    assertEquals("新年快乐", tree.get("lines").get(1).get("text").stringValue());
    assertEquals(4, tree.get("lines").get(1).get("chars").size());

    String[] tesseract = run("ocr", file.toString(), "--engine", "tesseract");
    assertEquals("0", tesseract[0], tesseract[2]);
    assertTrue(tesseract[1].startsWith("SUMMER SALE\t"), tesseract[1]);
  }

  @Test
  void badImagesAreOneClearLine() throws IOException {
    Path text = dir.resolve("notes.jpg");
    Files.writeString(text, "this is not a picture");
    String[] r = run("ocr", text.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("is not an image this tool can read"), r[2]);
    assertFalse(r[2].contains("\tat "));

    Path truncated = dir.resolve("cut.png");
    byte[] png = GlyphImages.pngBytes(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY));
    Files.write(truncated, java.util.Arrays.copyOf(png, png.length / 2));
    r = run("ocr", truncated.toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("could not be decoded"), r[2]);

    r = run("ocr", dir.resolve("missing.png").toString());
    assertTrue(r[2].contains("does not exist"), r[2]);

    Path blank = dir.resolve("blank.png");
    GlyphImages.writePng(new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY), blank);
    r = run("ocr", blank.toString(), "--engine", "abbyy");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("abbyy"), r[2]);
  }
}
