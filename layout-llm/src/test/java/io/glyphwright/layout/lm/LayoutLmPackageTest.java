package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.lm.TensorFile.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutLmPackageTest {
  private static Path writePackage(Path dir) throws IOException {
    LayoutLmConfig c = TinyModels.config(32);
    Map<String, Tensor> w = LayoutLmWeights.initial(c, 9);
    LayoutLmPackage.writeWeights(dir.resolve("weights.bin"), c, TinyModels.TOKENIZER, w);
    LayoutLmPackage.writeModelJson(
        dir,
        "tiny",
        c,
        TinyModels.TOKENIZER,
        LayoutLmPackage.json().createObjectNode(),
        LayoutLmPackage.json().createObjectNode());
    return dir;
  }

  @Test
  void aPackageLoadsWithItsVocabularyAndWeights(@TempDir Path dir) throws IOException {
    LayoutLmPackage.Contents c = LayoutLmPackage.load(writePackage(dir));
    assertEquals(TinyModels.config(32), c.config());
    assertEquals(TinyModels.TOKENIZER.codePoints(), c.tokenizer().codePoints());
    Map<String, Tensor> expected = LayoutLmWeights.initial(TinyModels.config(32), 9);
    assertEquals(expected.keySet(), c.weights().keySet());
    for (String name : expected.keySet()) {
      assertTrue(
          java.util.Arrays.equals(expected.get(name).data(), c.weights().get(name).data()), name);
    }
  }

  @Test
  void aTamperedWeightsFileIsRefusedByName(@TempDir Path dir) throws IOException {
    writePackage(dir);
    Path weights = dir.resolve("weights.bin");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length - 3] ^= 0x01; // one bit of the last weight
    Files.write(weights, bytes);
    IOException e =
        assertThrows(IOException.class, () -> LayoutLmPlanner.load(dir, GlyphRenderer.system()));
    assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    assertTrue(e.getMessage().contains("damaged or was changed"), e.getMessage());
  }

  @Test
  void missingOrForeignPackagesSayWhatToDo(@TempDir Path dir) throws IOException {
    IOException none = assertThrows(IOException.class, () -> LayoutLmPackage.load(dir));
    assertTrue(none.getMessage().contains("./glyphwright train layout"), none.getMessage());

    writePackage(dir);
    Files.delete(dir.resolve("weights.bin"));
    IOException missing = assertThrows(IOException.class, () -> LayoutLmPackage.load(dir));
    assertTrue(missing.getMessage().contains("is missing"), missing.getMessage());

    Files.writeString(dir.resolve("model.json"), "{\"kind\":\"glyph-unet\",\"files\":[]}");
    IOException foreign = assertThrows(IOException.class, () -> LayoutLmPackage.load(dir));
    assertTrue(foreign.getMessage().contains("not a layout-lm"), foreign.getMessage());

    Files.writeString(
        dir.resolve("model.json"),
        "{\"kind\":\"layout-lm\",\"files\":[{\"path\":\"../x.bin\",\"sha256\":\"00\"}]}");
    IOException outside = assertThrows(IOException.class, () -> LayoutLmPackage.load(dir));
    assertTrue(outside.getMessage().contains("outside the package"), outside.getMessage());
  }

  @Test
  void aTruncatedTensorFileIsReportedAsCutShort(@TempDir Path dir) throws IOException {
    writePackage(dir);
    Path weights = dir.resolve("weights.bin");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IOException e = assertThrows(IOException.class, () -> TensorFile.read(weights));
    assertTrue(e.getMessage().contains("cut short"), e.getMessage());
  }
}
