package io.glyphwright.web.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything the service can be configured with, under {@code glyphwright.*}. The defaults live in
 * {@code application.yaml}; docs/API.md lists them.
 *
 * @param dataDir where jobs, uploads and results are stored; empty for {@code
 *     $XDG_DATA_HOME/glyphwright} (else {@code $HOME/.local/share/glyphwright})
 * @param modelsDir where model packages ({@code <name>/model.json}) are looked for; empty for the
 *     {@code models} folder of the Glyphwright checkout the service runs in, else {@code
 *     <dataDir>/models}
 */
@ConfigurationProperties("glyphwright")
public record GlyphwrightProperties(
    String dataDir,
    String modelsDir,
    Limits limits,
    Jobs jobs,
    Ocr ocr,
    Unet unet,
    Security security,
    Cors cors) {

  public GlyphwrightProperties {
    Objects.requireNonNull(limits, "glyphwright.limits");
    Objects.requireNonNull(jobs, "glyphwright.jobs");
    Objects.requireNonNull(ocr, "glyphwright.ocr");
    security = security == null ? new Security("") : security;
    cors = cors == null ? new Cors(List.of()) : cors;
    unet = unet == null ? new Unet("", 0) : unet;
  }

  /** The data folder, resolved as {@link #dataDir} documents. */
  public Path dataPath() {
    if (dataDir != null && !dataDir.isBlank()) {
      return Path.of(dataDir).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    String home = System.getenv("HOME");
    if (home == null || home.isBlank()) {
      home = System.getProperty("user.home");
    }
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share");
    return base.resolve("glyphwright").toAbsolutePath();
  }

  /** The model packages folder, resolved as {@link #modelsDir} documents. */
  public Path modelsPath() {
    if (modelsDir != null && !modelsDir.isBlank()) {
      return Path.of(modelsDir).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("glyphwright"))
          && Files.isDirectory(dir.resolve("setup"))) {
        return dir.resolve("models");
      }
    }
    return dataPath().resolve("models");
  }

  /**
   * What a request may ask for. Every limit is enforced with a 400 (or 413 for bodies) problem that
   * names the limit.
   *
   * @param minSide smallest canvas width or height, in pixels
   * @param maxSide largest canvas width or height, in pixels
   * @param maxLines most text lines in one layout
   * @param maxTextLength most characters in one line
   * @param maxPromptLength most characters in one prompt
   * @param maxBodySize largest JSON body
   * @param maxUploadSize largest uploaded file (image or CSV)
   * @param maxUploadSide largest width or height of an uploaded image
   * @param maxBatchItems most items in one batch
   * @param maxSteps most sampling steps in one image request
   * @param maxImages most images ({@code n}) in one image request
   * @param maxGuidance largest guidance scale
   * @param maxBestOf most candidates per image ({@code bestOf}) in one image request
   * @param schedulers the scheduler names an image request may use
   */
  public record Limits(
      int minSide,
      int maxSide,
      int maxLines,
      int maxTextLength,
      int maxPromptLength,
      DataSize maxBodySize,
      DataSize maxUploadSize,
      int maxUploadSide,
      int maxBatchItems,
      int maxSteps,
      int maxImages,
      double maxGuidance,
      int maxBestOf,
      List<String> schedulers) {
    public Limits {
      if (minSide < 1 || maxSide < minSide) {
        throw new IllegalArgumentException(
            "glyphwright.limits: need 1 <= min-side <= max-side, got " + minSide + ", " + maxSide);
      }
      Objects.requireNonNull(maxBodySize, "glyphwright.limits.max-body-size");
      Objects.requireNonNull(maxUploadSize, "glyphwright.limits.max-upload-size");
      schedulers = schedulers == null ? List.of() : List.copyOf(schedulers);
      maxBestOf = maxBestOf < 1 ? 1 : maxBestOf;
    }
  }

  /**
   * The job queue.
   *
   * @param concurrency jobs running at once (each on its own worker thread)
   * @param queueDepth jobs waiting beyond those running; past it a submission gets 429
   * @param retainJobs most finished jobs kept on disk; the oldest go first
   * @param retainFor how long a finished job is kept on disk
   * @param syncThreads threads for synchronous heavy work (planning, glyph rendering)
   * @param syncQueue synchronous tasks waiting for those threads; past it a request gets 429
   */
  public record Jobs(
      int concurrency,
      int queueDepth,
      int retainJobs,
      Duration retainFor,
      int syncThreads,
      int syncQueue) {
    public Jobs {
      if (concurrency < 1 || queueDepth < 0 || retainJobs < 1 || syncThreads < 1 || syncQueue < 1) {
        throw new IllegalArgumentException(
            "glyphwright.jobs: concurrency, retain-jobs, sync-threads and sync-queue must be"
                + " positive and queue-depth at least 0");
      }
      Objects.requireNonNull(retainFor, "glyphwright.jobs.retain-for");
    }
  }

  /**
   * OCR checks.
   *
   * @param engine the engine used when a request names none ({@code ppocr-v4} or {@code tesseract})
   * @param onnxThreads ONNX Runtime threads per PP-OCR model run; 0 lets ONNX Runtime choose
   */
  public record Ocr(String engine, int onnxThreads) {}

  /**
   * The diffusion model (a {@code glyph-unet} package, see docs/GENERATION.md), loaded once at
   * start.
   *
   * @param model the package folder; empty to look for {@code <models-dir>/glyph-unet-s}, else
   *     where {@code GlyphUnetPackage.find()} looks ({@code GLYPHWRIGHT_UNET_MODEL}, {@code
   *     models/glyph-unet-s} above the working folder or the jar)
   * @param onnxThreads ONNX Runtime threads per UNet and prompt-encoder run; 0 for one per core
   *     (the generator's default)
   */
  public record Unet(String model, int onnxThreads) {
    public Unet {
      model = model == null ? "" : model;
    }
  }

  /**
   * @param apiKey when set, every {@code /v1} request must carry it in {@code X-API-Key}; empty
   *     (the default) turns the check off
   */
  public record Security(String apiKey) {
    public boolean apiKeyRequired() {
      return apiKey != null && !apiKey.isBlank();
    }
  }

  /**
   * @param allowedOrigins origins allowed to call {@code /v1} from a browser; empty = CORS off
   */
  public record Cors(List<String> allowedOrigins) {
    public Cors {
      allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
  }
}
