package io.glyphwright.ocr;

import io.glyphwright.ocr.tesseract.TesseractEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the engines find their data and how they use the cores.
 *
 * @param ppocrModels the folder {@code ./glyphwright setup} fills with the PP-OCRv4 files
 * @param onnxThreads ONNX Runtime intra-op threads per model run; 0 = all cores (one engine serving
 *     everything), 1 = one engine per worker thread
 * @param tessdata Tesseract's language data folder
 * @param tesseractLanguages Tesseract's language list
 * @param tesseractPageSegMode Tesseract's page segmentation mode (3 = automatic, 11 = sparse text)
 */
public record OcrSettings(
    Path ppocrModels,
    int onnxThreads,
    Path tessdata,
    String tesseractLanguages,
    int tesseractPageSegMode) {

  public OcrSettings {
    Objects.requireNonNull(ppocrModels, "ppocrModels");
    Objects.requireNonNull(tessdata, "tessdata");
    Objects.requireNonNull(tesseractLanguages, "tesseractLanguages");
    if (onnxThreads < 0) {
      throw new IllegalArgumentException("onnxThreads must be at least 0, got " + onnxThreads);
    }
  }

  /**
   * The defaults: models under {@link #defaultCache()}{@code /models/ppocr-v4}, ONNX Runtime
   * choosing its thread count, Debian's tessdata with {@code eng+chi_sim}, automatic page
   * segmentation.
   */
  public static OcrSettings defaults() {
    return new OcrSettings(
        defaultCache().resolve("models").resolve("ppocr-v4"),
        0,
        TesseractEngine.DEBIAN_TESSDATA,
        TesseractEngine.DEFAULT_LANGUAGES,
        3);
  }

  public OcrSettings withPpocrModels(Path folder) {
    return new OcrSettings(folder, onnxThreads, tessdata, tesseractLanguages, tesseractPageSegMode);
  }

  public OcrSettings withOnnxThreads(int threads) {
    return new OcrSettings(
        ppocrModels, threads, tessdata, tesseractLanguages, tesseractPageSegMode);
  }

  public OcrSettings withTesseract(Path tessdata, String languages, int pageSegMode) {
    return new OcrSettings(ppocrModels, onnxThreads, tessdata, languages, pageSegMode);
  }

  /**
   * The cache {@code ./glyphwright setup} writes to: the system property {@code glyphwright.cache},
   * else the environment variable {@code GLYPHWRIGHT_CACHE}, else {@code .cache} in the Glyphwright
   * checkout that holds the working directory (the launcher's default), else {@code .cache} in the
   * working directory.
   */
  public static Path defaultCache() {
    String property = System.getProperty("glyphwright.cache");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("GLYPHWRIGHT_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("glyphwright"))
          && Files.isDirectory(dir.resolve("setup"))) {
        return dir.resolve(".cache");
      }
    }
    return cwd.resolve(".cache");
  }
}
