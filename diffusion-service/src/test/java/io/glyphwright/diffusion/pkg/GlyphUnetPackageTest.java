package io.glyphwright.diffusion.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.diffusion.sampling.DenoiserSpec;
import io.glyphwright.diffusion.sampling.NoiseSchedule;
import io.glyphwright.diffusion.sampling.PromptText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class GlyphUnetPackageTest {

  @Test
  void aWrittenPackageLoadsWithTheSameSpecFilesAndRecords(@TempDir Path tmp) throws Exception {
    Path log = Files.writeString(tmp.resolve("train.log"), "step 1 loss 0.9\n");
    Path sample = Files.write(tmp.resolve("step-00000001.png"), new byte[] {(byte) 0x89, 'P'});
    Path out = tmp.resolve("models").resolve("glyph-unet-t");
    GlyphUnetPackage.write(
        out,
        TinyGlyphUnetPackage.onnx(),
        TinyGlyphUnetPackage.SPEC,
        TinyGlyphUnetPackage.training(),
        Map.of("ocrReadRate", 0.5),
        log,
        List.of(sample));

    GlyphUnetPackage pkg = GlyphUnetPackage.load(out);
    assertEquals("glyph-unet-t", pkg.name());
    assertEquals(TinyGlyphUnetPackage.SPEC, pkg.spec());
    assertEquals(TinyGlyphUnetPackage.RESOLUTION, pkg.resolution());
    assertEquals(out.resolve("unet.onnx"), pkg.onnx());
    assertEquals(
        List.of("unet.onnx", "training.log", "samples/step-00000001.png"),
        List.copyOf(pkg.files().keySet()));
    assertEquals(GlyphUnetPackage.sha256(TinyGlyphUnetPackage.onnx()), pkg.onnxSha256());
    assertEquals("step 1 loss 0.9\n", Files.readString(out.resolve("training.log")));

    JsonNode json = pkg.json();
    assertEquals("glyph-unet", json.path("kind").asString());
    assertEquals("onnx", json.path("format").asString());
    assertEquals(GlyphUnetPackage.LICENCE, json.path("licence").asString());
    assertEquals(0.5, json.path("metrics").path("ocrReadRate").asDouble());
    assertEquals(32, json.path("training").path("recipe").path("size").asInt());
    assertEquals("x", json.path("inputs").get(0).path("name").asString());
    assertEquals(48, json.path("inputs").get(0).path("shape").get(1).asInt()); // 3·4²
    assertEquals("v", json.path("outputs").get(0).path("name").asString());
    assertEquals(4, json.path("conditioning").path("glyphs").path("pixelUnshuffle").asInt());
    assertEquals("cosine", json.path("denoiser").path("schedule").path("kind").asString());
    assertNoTemporaryFolders(out.getParent());
  }

  @Test
  void aScheduleGivenByItsBetasRoundTrips(@TempDir Path tmp) throws Exception {
    DenoiserSpec spec =
        new DenoiserSpec(
            3,
            4,
            1,
            8,
            TinyGlyphUnetPackage.SPEC.textDim(),
            8,
            TinyGlyphUnetPackage.SPEC
                .scheduler()
                .withSchedule(NoiseSchedule.fromBetas(new double[] {0.1, 0.2, 0.3})));
    Path out = tmp.resolve("p");
    GlyphUnetPackage.write(
        out, TinyGlyphUnetPackage.onnx(), spec, TinyGlyphUnetPackage.training(), null, null);
    assertEquals(spec, GlyphUnetPackage.load(out).spec());
  }

  @Test
  void thePromptTextRoundTripsAndAnOlderPackageSeesTheWholePrompt(@TempDir Path tmp)
      throws Exception {
    DenoiserSpec spec = TinyGlyphUnetPackage.SPEC.withPromptText(PromptText.WITHOUT_QUOTED_TEXT);
    Path out = tmp.resolve("p");
    GlyphUnetPackage.write(
        out, TinyGlyphUnetPackage.onnx(), spec, TinyGlyphUnetPackage.training(), null, null);
    GlyphUnetPackage pkg = GlyphUnetPackage.load(out);
    assertEquals(PromptText.WITHOUT_QUOTED_TEXT, pkg.spec().promptText());
    assertEquals(
        "without-quoted-text",
        pkg.json().path("conditioning").path("prompt").path("text").asString());

    // model.json from before the setting: the denoiser section has no promptText
    ObjectNode denoiser = (ObjectNode) pkg.json().path("denoiser").deepCopy();
    denoiser.remove("promptText");
    assertEquals(PromptText.FULL, GlyphUnetPackage.specFromJson(denoiser).promptText());
    denoiser.put("promptText", "quotes only");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GlyphUnetPackage.specFromJson(denoiser));
    assertTrue(e.getMessage().contains("unknown prompt text"), e.getMessage());
  }

  @Test
  void aChangedByteIsRefusedNamingTheFileAndBothHashes(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Path onnx = out.resolve("unet.onnx");
    String expected = GlyphUnetPackage.sha256(onnx);
    byte[] bytes = Files.readAllBytes(onnx);
    bytes[bytes.length / 2] ^= 1;
    Files.write(onnx, bytes);
    String found = GlyphUnetPackage.sha256(onnx);

    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertEquals(
        onnx
            + ": sha256 mismatch (expected "
            + expected
            + ", found "
            + found
            + "): the file was changed or damaged; retrain or restore it",
        e.getMessage());
  }

  @Test
  void aTruncatedFileIsRefusedWithItsSize(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Path onnx = out.resolve("unet.onnx");
    long size = Files.size(onnx);
    byte[] bytes = Files.readAllBytes(onnx);
    Files.write(onnx, java.util.Arrays.copyOf(bytes, 1000));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertEquals(
        onnx
            + ": 1000 bytes, expected "
            + size
            + ": the file was truncated or changed; retrain or restore it",
        e.getMessage());
  }

  @Test
  void aMissingFileIsRefusedByName(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Files.delete(out.resolve("unet.onnx"));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertEquals(
        out.resolve("unet.onnx") + ": missing: the package is incomplete; retrain or restore it",
        e.getMessage());

    Files.delete(out.resolve("model.json"));
    e = assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertTrue(e.getMessage().startsWith(out.resolve("model.json") + ": missing"), e.getMessage());

    e =
        assertThrows(
            ModelPackageException.class, () -> GlyphUnetPackage.load(tmp.resolve("nowhere")));
    assertTrue(e.getMessage().contains("no such model package folder"), e.getMessage());
  }

  @Test
  void aTruncatedModelJsonIsRefusedAsInvalidJson(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Path json = out.resolve("model.json");
    String text = Files.readString(json);
    Files.writeString(json, text.substring(0, text.length() / 2));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertTrue(e.getMessage().startsWith(json + ": not valid JSON ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("retrain or restore it"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void anotherKindOfModelIsRefused(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Path json = out.resolve("model.json");
    Files.writeString(
        json,
        Files.readString(json).replace("\"kind\" : \"glyph-unet\"", "\"kind\" : \"layout-lm\""));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertEquals(
        json + ": kind is 'layout-lm', not 'glyph-unet': this folder holds another kind of model",
        e.getMessage());
  }

  @Test
  void aListedPathOutsideThePackageIsRefused(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Path json = out.resolve("model.json");
    Files.writeString(
        json,
        Files.readString(json)
            .replace("\"path\" : \"unet.onnx\"", "\"path\" : \"../y/unet.onnx\""));
    ModelPackageException e =
        assertThrows(ModelPackageException.class, () -> GlyphUnetPackage.load(out));
    assertTrue(e.getMessage().contains("leaves the package folder"), e.getMessage());
  }

  @Test
  void newMetricsKeepThePackageValid(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    GlyphUnetPackage pkg = GlyphUnetPackage.load(out);
    assertEquals(0, pkg.json().path("metrics").size());
    GlyphUnetPackage updated = pkg.withMetrics(Map.of("ocrReadRate", 0.75, "images", 40));
    assertEquals(0.75, updated.json().path("metrics").path("ocrReadRate").asDouble());
    GlyphUnetPackage reloaded = GlyphUnetPackage.load(out);
    assertEquals(40, reloaded.json().path("metrics").path("images").asInt());
    assertEquals(pkg.files(), reloaded.files());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(
          List.of("model.json", "unet.onnx"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void writingAgainReplacesThePackageWhole(@TempDir Path tmp) throws Exception {
    Path out = TinyGlyphUnetPackage.write(tmp, "x");
    Files.writeString(out.resolve("stray.txt"), "left from before");
    Path log = Files.writeString(tmp.resolve("log"), "second run\n");
    GlyphUnetPackage.write(
        out,
        TinyGlyphUnetPackage.onnx(),
        TinyGlyphUnetPackage.SPEC,
        TinyGlyphUnetPackage.training(),
        Map.of(),
        log);
    assertFalse(Files.exists(out.resolve("stray.txt")));
    assertTrue(GlyphUnetPackage.load(out).files().containsKey("training.log"));
    assertNoTemporaryFolders(out.getParent());
  }

  @Test
  void aNetworkThatDoesNotFitTheSpecIsNotPackaged(@TempDir Path tmp) throws Exception {
    DenoiserSpec wrong = new DenoiserSpec(3, 4, 1, 8, 16, 8, TinyGlyphUnetPackage.SPEC.scheduler());
    Path out = tmp.resolve("models").resolve("bad");
    ModelPackageException e =
        assertThrows(
            ModelPackageException.class,
            () ->
                GlyphUnetPackage.write(
                    out,
                    TinyGlyphUnetPackage.onnx(),
                    wrong,
                    TinyGlyphUnetPackage.training(),
                    Map.of(),
                    null));
    assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    assertFalse(Files.exists(out));

    IllegalArgumentException noSize =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                GlyphUnetPackage.write(
                    out,
                    TinyGlyphUnetPackage.onnx(),
                    TinyGlyphUnetPackage.SPEC,
                    Map.of("steps", 1),
                    Map.of(),
                    null));
    assertTrue(noSize.getMessage().contains("resolution"), noSize.getMessage());
  }

  @Test
  void findHonoursThePropertyAndSearchesUpForTheDefaultPackage(@TempDir Path tmp)
      throws IOException {
    Path pkg = tmp.resolve("models").resolve(GlyphUnetPackage.DEFAULT_PACKAGE);
    Files.createDirectories(pkg);
    Files.writeString(pkg.resolve("model.json"), "{}", StandardCharsets.UTF_8);
    Path deep = Files.createDirectories(tmp.resolve("a").resolve("b"));
    assertEquals(pkg, GlyphUnetPackage.searchUp(deep).orElseThrow());
    assertTrue(GlyphUnetPackage.searchUp(tmp.resolve("models")).isPresent());

    String before = System.getProperty(GlyphUnetPackage.PROPERTY);
    try {
      System.setProperty(GlyphUnetPackage.PROPERTY, tmp.resolve("elsewhere").toString());
      assertEquals(tmp.resolve("elsewhere"), GlyphUnetPackage.find().orElseThrow());
    } finally {
      if (before == null) {
        System.clearProperty(GlyphUnetPackage.PROPERTY);
      } else {
        System.setProperty(GlyphUnetPackage.PROPERTY, before);
      }
    }
  }

  private static void assertNoTemporaryFolders(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      List<String> hidden =
          s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
      assertEquals(List.of(), hidden);
    }
  }
}
