package io.glyphwright.ocr.ppocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.ocr.OcrSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PpOcrModelsTest {

  @Test
  void theHashListNamesTheFourFiles() {
    assertEquals(
        java.util.Set.of(
            PpOcrModels.DETECTOR,
            PpOcrModels.RECOGNIZER,
            PpOcrModels.CLASSIFIER,
            PpOcrModels.DICTIONARY),
        PpOcrModels.expectedSums().keySet());
  }

  @Test
  void missingModelsSayToRunSetup(@TempDir Path empty) {
    OcrException e =
        assertThrows(
            OcrException.class,
            () -> OcrEngines.open("ppocr", OcrSettings.defaults().withPpocrModels(empty)));
    assertTrue(e.getMessage().contains("run ./glyphwright setup"), e.getMessage());
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }

  @Test
  void alteredFilesAreRefused(@TempDir Path folder) throws IOException {
    for (String name : PpOcrModels.expectedSums().keySet()) {
      Files.writeString(folder.resolve(name), "not the model");
    }
    OcrException e = assertThrows(OcrException.class, () -> PpOcrModels.in(folder));
    assertTrue(e.getMessage().contains("sha256"), e.getMessage());
    assertTrue(e.getMessage().contains("./glyphwright setup"), e.getMessage());
  }
}
