package io.glyphwright.cli;

import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.glyph.FontRegistry;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./glyphwright render}: a layout to its glyph mask, character map and character boxes. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Draw a layout's glyph mask (8-bit PNG, 255 = ink).",
      "The layout is TD2 text ('<text> l,t,r,b' per line, 0..128 grid) or layout JSON."
    })
final class RenderCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--layout",
      required = true,
      paramLabel = "FILE|-",
      description = "layout file, or - for standard input")
  String layoutSource;

  @Option(names = "--width", paramLabel = "W", description = "canvas width in pixels (default 512)")
  Integer width;

  @Option(
      names = "--height",
      paramLabel = "H",
      description = "canvas height in pixels (default 512)")
  Integer height;

  @Option(names = "--out", required = true, paramLabel = "MASK.png", description = "glyph mask")
  Path out;

  @Option(
      names = "--charseg",
      paramLabel = "F.png",
      description = "character map (16-bit PNG, k = character index + 1)")
  Path charseg;

  @Option(
      names = "--chars",
      paramLabel = "F.json",
      description = "layout JSON with per-character pixel boxes")
  Path chars;

  @Override
  public Integer call() throws IOException {
    String text = LayoutInput.read(layoutSource, System.in);
    Layout layout = LayoutInput.parse(text, width, height, LayoutLimits.DEFAULT);
    GlyphRendering rendering = new GlyphRenderer(FontRegistry.system()).render(layout);
    createParent(out);
    GlyphImages.writePng(rendering.mask(), out);
    if (charseg != null) {
      createParent(charseg);
      GlyphImages.writePng(rendering.charseg(), charseg);
    }
    if (chars != null) {
      createParent(chars);
      Files.writeString(chars, LayoutJson.print(rendering.layout()) + "\n", StandardCharsets.UTF_8);
    }
    spec.commandLine()
        .getOut()
        .printf(
            "rendered %d lines, %d characters, %dx%d -> %s%n",
            layout.lines().size(),
            rendering.layout().lines().stream().mapToInt(l -> l.chars().size()).sum(),
            layout.width(),
            layout.height(),
            out);
    return 0;
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
