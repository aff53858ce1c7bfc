package io.glyphwright.web.api;

import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.diffusion.sampling.SamplingLimits;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.web.generation.Generators;
import io.glyphwright.web.generation.ImageGenerator;
import io.glyphwright.web.models.ModelCatalog;
import io.glyphwright.web.ocr.OcrService;
import io.glyphwright.web.planning.Planners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** {@code GET /v1/models}: what is installed, and so what the service can do. */
@RestController
@Tag(name = "models", description = "Installed models, planners, fonts and OCR engines")
public class ModelController {
  private final ModelCatalog catalog;
  private final Generators generators;
  private final Planners planners;
  private final OcrService ocr;
  private final GlyphRenderer renderer;
  private final RequestReader reader;
  private final Scheduler renderScheduler;

  public ModelController(
      ModelCatalog catalog,
      Generators generators,
      Planners planners,
      OcrService ocr,
      GlyphRenderer renderer,
      RequestReader reader,
      Scheduler renderScheduler) {
    this.catalog = catalog;
    this.generators = generators;
    this.planners = planners;
    this.ocr = ocr;
    this.renderer = renderer;
    this.reader = reader;
    this.renderScheduler = renderScheduler;
  }

  /**
   * @param available whether {@code POST /v1/images} can generate
   * @param model the diffusion model in use, or null
   * @param detail why generation is or is not available (the loader's message for a damaged
   *     package)
   * @param info the model's name, sha256 (of {@code unet.onnx}), resolution, size multiple, sides
   *     and training timesteps; empty without a model
   */
  public record Diffusion(
      boolean available, String model, String detail, Map<String, Object> info) {}

  public record Models(
      Diffusion diffusion,
      List<ModelCatalog.ModelPackage> packages,
      String modelsFolder,
      List<Planners.PlannerInfo> planners,
      List<OcrService.EngineInfo> ocr,
      List<String> fonts,
      Map<String, Object> limits) {}

  @Operation(summary = "What is installed: diffusion models, planners, OCR engines, fonts, limits")
  @GetMapping(path = "/v1/models", produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<Models> models() {
    // Reads the models folder and checks OCR model hashes: file I/O, so off the event loop.
    return Mono.fromCallable(this::describe).subscribeOn(renderScheduler);
  }

  private Models describe() {
    ImageGenerator generator = generators.get().orElse(null);
    List<ModelCatalog.ModelPackage> packages = catalog.packages();
    Diffusion diffusion =
        generator != null
            ? new Diffusion(true, generator.modelName(), generators.detail(), generator.describe())
            : new Diffusion(false, null, generators.detail(), Map.of());
    var l = reader.limits();
    Map<String, Object> limits =
        Map.ofEntries(
            Map.entry("minSide", l.minSide()),
            Map.entry("maxSide", l.maxSide()),
            Map.entry("maxLines", l.maxLines()),
            Map.entry("maxTextLength", l.maxTextLength()),
            Map.entry("maxPromptLength", l.maxPromptLength()),
            Map.entry("maxBodyBytes", l.maxBodySize().toBytes()),
            Map.entry("maxUploadBytes", l.maxUploadSize().toBytes()),
            Map.entry("maxUploadSide", l.maxUploadSide()),
            Map.entry("maxBatchItems", l.maxBatchItems()),
            Map.entry("maxSteps", l.maxSteps()),
            Map.entry("maxImages", l.maxImages()),
            Map.entry("maxGuidance", l.maxGuidance()),
            Map.entry("maxBestOf", l.maxBestOf()),
            Map.entry("schedulers", l.schedulers()),
            Map.entry("guidanceModes", GuidanceMode.ids()),
            Map.entry("maxPromptGuidance", SamplingLimits.MAX_GUIDANCE));
    return new Models(
        diffusion,
        packages,
        catalog.folder().toString(),
        planners.describe(),
        ocr.describe(),
        renderer.registry().ids(),
        limits);
  }
}
