package io.glyphwright.dataset.build;

import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that shapes what {@link SamplePipeline} makes of one input: the OCR engine and its
 * data, the limits on input files, the resize policy, the filters and the stored image format. Made
 * of strings and numbers only, so that it serialises as it is (a Spark job ships it to executors);
 * paths are strings because {@link Path} is not serialisable.
 *
 * @param engine the canonical OCR engine name ({@code ppocr-v4} or {@code tesseract}); any name
 *     {@link OcrEngines.Kind#lookup} accepts is turned into it
 * @param ppocrModels the folder with the PP-OCRv4 files ({@code ./glyphwright setup} fills it)
 * @param tessdata Tesseract's language data folder
 * @param tesseractLanguages Tesseract's languages ({@code eng+chi_sim})
 * @param tesseractPageSegMode Tesseract's page segmentation mode (3 = automatic)
 * @param maxPixels images whose header says width × height is more are refused before decoding
 * @param maxFileBytes images and sidecars bigger than this are refused without being read
 * @param resize how images are sized before OCR
 * @param filters which samples are kept
 * @param imageFormat the stored image format, {@code jpg} or {@code png}
 * @param jpegQuality JPEG quality 1..100 when {@code imageFormat} is {@code jpg}
 */
public record PipelineSettings(
    String engine,
    String ppocrModels,
    String tessdata,
    String tesseractLanguages,
    int tesseractPageSegMode,
    long maxPixels,
    long maxFileBytes,
    ResizePolicy resize,
    FilterSettings filters,
    String imageFormat,
    int jpegQuality)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** 40 megapixels, as {@code ./glyphwright ocr} refuses: about 160 MB once decoded to RGB. */
  public static final long DEFAULT_MAX_PIXELS = 40_000_000L;

  /** 32 MiB per file. */
  public static final long DEFAULT_MAX_FILE_BYTES = 32L << 20;

  public PipelineSettings {
    engine = OcrEngines.Kind.lookup(engine).engineName();
    Objects.requireNonNull(ppocrModels, "ppocrModels");
    Objects.requireNonNull(tessdata, "tessdata");
    Objects.requireNonNull(tesseractLanguages, "tesseractLanguages");
    if (maxPixels < 1) {
      throw new IllegalArgumentException("--max-pixels must be at least 1, got " + maxPixels);
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException(
          "--max-file-bytes must be at least 1, got " + maxFileBytes);
    }
    Objects.requireNonNull(resize, "resize");
    Objects.requireNonNull(filters, "filters");
    imageFormat = imageFormat == null ? "" : imageFormat.strip().toLowerCase(Locale.ROOT);
    if (imageFormat.equals("jpeg")) {
      imageFormat = "jpg";
    }
    if (!imageFormat.equals("jpg") && !imageFormat.equals("png")) {
      throw new IllegalArgumentException("--format must be jpg or png, got " + imageFormat);
    }
    if (jpegQuality < 1 || jpegQuality > 100) {
      throw new IllegalArgumentException("--quality must lie in 1..100, got " + jpegQuality);
    }
  }

  /**
   * The defaults for an engine: models and tessdata where {@link OcrSettings#defaults()} finds
   * them, {@code eng+chi_sim} with automatic page segmentation, 40 MP and 32 MiB limits, {@code
   * crop:512}, {@link FilterSettings#DEFAULT}, JPEG quality 95 (as img2dataset stores).
   */
  public static PipelineSettings defaults(String engine) {
    OcrSettings ocr = OcrSettings.defaults();
    return new PipelineSettings(
        engine,
        ocr.ppocrModels().toString(),
        ocr.tessdata().toString(),
        ocr.tesseractLanguages(),
        ocr.tesseractPageSegMode(),
        DEFAULT_MAX_PIXELS,
        DEFAULT_MAX_FILE_BYTES,
        ResizePolicy.DEFAULT,
        FilterSettings.DEFAULT,
        "jpg",
        95);
  }

  /** The engine settings for an engine using {@code onnxThreads} ONNX Runtime threads. */
  public OcrSettings ocrSettings(int onnxThreads) {
    return OcrSettings.defaults()
        .withPpocrModels(Path.of(ppocrModels))
        .withOnnxThreads(onnxThreads)
        .withTesseract(Path.of(tessdata), tesseractLanguages, tesseractPageSegMode);
  }

  /**
   * The settings that change the corpus's bytes, for its manifest: not the model folder's location,
   * but the engine and everything the pipeline does with its result.
   */
  public Map<String, Object> manifestEntries() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("engine", engine);
    if (engine.equals(OcrEngines.Kind.TESSERACT.engineName())) {
      m.put("tesseractLanguages", tesseractLanguages);
      m.put("tesseractPageSegMode", tesseractPageSegMode);
    }
    m.put("maxPixels", maxPixels);
    m.put("maxFileBytes", maxFileBytes);
    m.put("resize", resize.toString());
    m.put("minSide", filters.minSide());
    m.put("maxLines", filters.maxLines());
    m.put("minTextArea", filters.minTextArea());
    m.put("maxTextArea", filters.maxTextArea());
    m.put("minConfidence", filters.minConfidence());
    m.put("captionMatch", filters.captionMatch());
    m.put("imageFormat", imageFormat);
    if (imageFormat.equals("jpg")) {
      m.put("jpegQuality", jpegQuality);
    }
    return m;
  }

  public PipelineSettings withEngine(String name) {
    return new PipelineSettings(
        name,
        ppocrModels,
        tessdata,
        tesseractLanguages,
        tesseractPageSegMode,
        maxPixels,
        maxFileBytes,
        resize,
        filters,
        imageFormat,
        jpegQuality);
  }

  public PipelineSettings withLimits(long newMaxPixels, long newMaxFileBytes) {
    return new PipelineSettings(
        engine,
        ppocrModels,
        tessdata,
        tesseractLanguages,
        tesseractPageSegMode,
        newMaxPixels,
        newMaxFileBytes,
        resize,
        filters,
        imageFormat,
        jpegQuality);
  }

  public PipelineSettings withResize(ResizePolicy policy) {
    return new PipelineSettings(
        engine,
        ppocrModels,
        tessdata,
        tesseractLanguages,
        tesseractPageSegMode,
        maxPixels,
        maxFileBytes,
        policy,
        filters,
        imageFormat,
        jpegQuality);
  }

  public PipelineSettings withFilters(FilterSettings newFilters) {
    return new PipelineSettings(
        engine,
        ppocrModels,
        tessdata,
        tesseractLanguages,
        tesseractPageSegMode,
        maxPixels,
        maxFileBytes,
        resize,
        newFilters,
        imageFormat,
        jpegQuality);
  }

  public PipelineSettings withImageFormat(String format, int quality) {
    return new PipelineSettings(
        engine,
        ppocrModels,
        tessdata,
        tesseractLanguages,
        tesseractPageSegMode,
        maxPixels,
        maxFileBytes,
        resize,
        filters,
        format,
        quality);
  }

  public PipelineSettings withPpocrModels(String folder) {
    return new PipelineSettings(
        engine,
        folder,
        tessdata,
        tesseractLanguages,
        tesseractPageSegMode,
        maxPixels,
        maxFileBytes,
        resize,
        filters,
        imageFormat,
        jpegQuality);
  }
}
