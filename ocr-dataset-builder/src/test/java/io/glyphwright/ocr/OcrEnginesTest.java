package io.glyphwright.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OcrEnginesTest {

  @Test
  void namesAreTheCorpusEngineNames() {
    assertEquals(List.of("ppocr-v4", "tesseract"), OcrEngines.names());
  }

  @Test
  void lookupForgivesCaseSpacesAndShortNames() {
    assertEquals(OcrEngines.Kind.PPOCR_V4, OcrEngines.Kind.lookup(" PPOCR "));
    assertEquals(OcrEngines.Kind.PPOCR_V4, OcrEngines.Kind.lookup("ppocr-v4"));
    assertEquals(OcrEngines.Kind.TESSERACT, OcrEngines.Kind.lookup("Tesseract"));
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OcrEngines.open("easyocr"));
    assertTrue(e.getMessage().contains("'easyocr'"), e.getMessage());
    assertTrue(e.getMessage().contains("ppocr-v4"), e.getMessage());
    assertTrue(e.getMessage().contains("tesseract"), e.getMessage());
  }

  @Test
  void missingTesseractLanguageSaysWhatToInstall() {
    OcrException e =
        assertThrows(
            OcrException.class,
            () ->
                OcrEngines.open(
                    "tesseract",
                    OcrSettings.defaults()
                        .withTesseract(
                            Path.of("/usr/share/tesseract-ocr/5/tessdata"), "eng+klingon", 3)));
    assertTrue(e.getMessage().contains("tesseract-ocr-klingon"), e.getMessage());
  }

  @Test
  void defaultCacheIsTheCheckoutsCacheFolder() {
    Path cache = OcrSettings.defaultCache();
    assertTrue(
        System.getenv("GLYPHWRIGHT_CACHE") != null
            || System.getProperty("glyphwright.cache") != null
            || cache.getParent().resolve("glyphwright").toFile().isFile(),
        () -> "cache " + cache + " is not beside the launcher");
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void aClosedEngineRefusesToRead(OcrEngines.Kind kind) {
    OcrEngine engine = OcrEngines.open(kind.engineName());
    assertEquals(kind.engineName(), engine.name());
    engine.close();
    engine.close();
    assertThrows(IllegalStateException.class, () -> engine.read(TextImages.white(64, 64)));
  }
}
