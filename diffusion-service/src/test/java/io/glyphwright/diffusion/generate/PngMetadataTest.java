package io.glyphwright.diffusion.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PngMetadataTest {

  private static BufferedImage gradient() {
    BufferedImage image = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 24; x++) {
        image.setRGB(x, y, (x * 10) << 16 | (y * 15) << 8 | (x + y));
      }
    }
    return image;
  }

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  @Test
  void aGenerationResultRoundTripsThroughThePngIncludingChinese(@TempDir Path tmp)
      throws Exception {
    Layout layout =
        new Layout(
            64,
            64,
            128,
            List.of(
                new TextLine("夏日特卖", new Box(10, 10, 118, 50)),
                new TextLine("SALE 50%", new Box(10, 70, 118, 110))));
    GenerationRequest request =
        GenerationRequest.of("夏日特卖海报，红色背景", layout, 42)
            .withSteps(12)
            .withGuidance(4.5)
            .withScheduler("euler a")
            .withN(2)
            .withBestOf(3)
            .withPromptGuidance(1.5);
    BufferedImage pixels = gradient();
    GeneratedImage image =
        new GeneratedImage(
            1,
            request.seedOf(2, 1),
            2,
            pixels,
            List.of(
                new LineVerdict("夏日特卖", true, 0.93, "夏日特卖"),
                new LineVerdict("SALE 50%", false, 0.41, "SAlE 5O")),
            request.withSeed(request.seedOf(2, 1)).withN(1).withBestOf(1));
    GenerationResult result =
        new GenerationResult(request, "glyph-unet-s", "ab".repeat(32), List.of(image, image));

    Path png = tmp.resolve("out").resolve("poster.png");
    PngMetadata.write(png, result, 1);

    String json = PngMetadata.read(png).orElseThrow();
    assertEquals(PngMetadata.describe(result, 1), json);
    assertTrue(!json.contains("\n"), "compact JSON");
    JsonNode j = JsonMapper.builder().build().readTree(json);
    assertEquals("夏日特卖海报，红色背景", j.path("prompt").asString());
    assertEquals("夏日特卖 10,10,118,50\nSALE 50% 10,70,118,110\n", j.path("layout").asString());
    assertEquals(42 + 2 * 2 + 1, j.path("seed").asLong());
    assertEquals(12, j.path("steps").asInt());
    assertEquals(4.5, j.path("guidance").asDouble());
    assertEquals("glyphs", j.path("guidanceMode").asString());
    assertEquals(1.5, j.path("promptGuidance").asDouble());
    assertEquals("euler_a", j.path("scheduler").asString());
    assertEquals(2, j.path("candidate").asInt());
    assertEquals(3, j.path("bestOf").asInt());
    assertEquals("glyph-unet-s", j.path("model").path("name").asString());
    assertEquals("ab".repeat(32), j.path("model").path("sha256").asString());
    assertEquals("夏日特卖", j.path("verdicts").get(0).path("readAs").asString());
    assertEquals(false, j.path("verdicts").get(1).path("read").asBoolean());

    assertArrayEquals(pixels(pixels), pixels(ImageIO.read(png.toFile())));
    try (Stream<Path> s = Files.list(png.getParent())) {
      assertEquals(List.of(png), s.toList(), "no temporary file left");
    }
  }

  @Test
  void writingAgainReplacesTheFile(@TempDir Path tmp) throws IOException {
    Path png = tmp.resolve("a.png");
    PngMetadata.write(png, gradient(), "{\"seed\":1}");
    PngMetadata.write(png, gradient(), "{\"seed\":2}");
    assertEquals(Optional.of("{\"seed\":2}"), PngMetadata.read(png));
  }

  /** The files under {@code dir} (at any depth) whose names end in {@code .partial}. */
  private static List<Path> partials(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".partial")).toList();
    }
  }

  @Test
  void anImageThePngWriterRefusesLeavesTheOldFileAndNoTemporaryFile(@TempDir Path tmp)
      throws IOException {
    Path png = tmp.resolve("a.png");
    PngMetadata.write(png, gradient(), "{\"seed\":1}");
    byte[] before = Files.readAllBytes(png);
    // 32-bit float samples: PNG holds at most 16 bits a sample, so the writer refuses the image.
    ColorModel floats =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_FLOAT);
    BufferedImage unwritable =
        new BufferedImage(floats, floats.createCompatibleWritableRaster(24, 16), false, null);

    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> PngMetadata.write(png, unwritable, "{\"seed\":2}"));

    assertTrue(String.valueOf(e.getMessage()).contains("bitDepth"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(png), "the old PNG is left as it was");
    assertEquals(Optional.of("{\"seed\":1}"), PngMetadata.read(png));
    assertEquals(List.of(), partials(tmp), "no temporary file left");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(png), s.toList());
    }
  }

  @Test
  void aFailedRenameLeavesWhatIsAtTheTargetAndNoTemporaryFile(@TempDir Path tmp)
      throws IOException {
    // The target is a folder holding a file: the PNG is written whole to its temporary file, and
    // then the rename over the target fails.
    Path png = tmp.resolve("taken.png");
    Path inside = Files.writeString(Files.createDirectories(png).resolve("keep.txt"), "kept");

    assertThrows(IOException.class, () -> PngMetadata.write(png, gradient(), "{\"seed\":3}"));

    assertTrue(Files.isDirectory(png), "the folder is still there");
    assertEquals("kept", Files.readString(inside));
    assertEquals(List.of(), partials(tmp), "no temporary file left");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(png), s.toList());
    }
  }

  @Test
  void theWrittenPngIsPublishedReadableByAll(@TempDir Path tmp) throws IOException {
    Path png = tmp.resolve("shared.png");
    PngMetadata.write(png, gradient(), "{}");
    if (Files.getFileStore(png).supportsFileAttributeView(PosixFileAttributeView.class)) {
      assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(png)));
    }
  }

  @Test
  void aPngWithoutMetadataHasNone(@TempDir Path tmp) throws IOException {
    Path png = tmp.resolve("plain.png");
    ImageIO.write(gradient(), "png", png.toFile());
    assertEquals(Optional.empty(), PngMetadata.read(png));
  }

  @Test
  void aFileThatIsNoPngIsRefused(@TempDir Path tmp) throws IOException {
    Path notPng = Files.writeString(tmp.resolve("x.png"), "not an image");
    assertThrows(IOException.class, () -> PngMetadata.read(notPng));
  }
}
