package io.glyphwright.web.api;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PromptException;
import io.glyphwright.web.generation.GenerationRequest;
import io.glyphwright.web.generation.GenerationWork;
import io.glyphwright.web.generation.Generators;
import io.glyphwright.web.generation.ImageGenerator;
import io.glyphwright.web.http.RequestIds;
import io.glyphwright.web.jobs.JobQueue;
import io.glyphwright.web.jobs.JobView;
import io.glyphwright.web.ocr.OcrService;
import io.glyphwright.web.planning.Planners;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.SecureRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/images}: checks the whole request (fields, limits, layout, fonts; the layout is
 * planned and rendered once), then queues a {@code generate} job when an {@link ImageGenerator} is
 * installed (a loaded glyph-unet package), and otherwise answers 503 {@code model-unavailable} with
 * why (none installed, or the loader's message for a damaged one). With a generator, the canvas,
 * steps and best-of are also checked against the model before the job is queued.
 */
@RestController
@Tag(name = "images", description = "Generate images (needs a diffusion model package)")
public class ImageController {
  private final RequestReader reader;
  private final Planners planners;
  private final GlyphRenderer renderer;
  private final Scheduler renderScheduler;
  private final Generators generators;
  private final JobQueue jobs;
  private final OcrService ocr;
  private final MeterRegistry meters;
  private final SecureRandom seeds = new SecureRandom();

  public ImageController(
      RequestReader reader,
      Planners planners,
      GlyphRenderer renderer,
      Scheduler renderScheduler,
      Generators generators,
      JobQueue jobs,
      OcrService ocr,
      MeterRegistry meters) {
    this.reader = reader;
    this.planners = planners;
    this.renderer = renderer;
    this.renderScheduler = renderScheduler;
    this.generators = generators;
    this.jobs = jobs;
    this.ocr = ocr;
    this.meters = meters;
  }

  @Operation(
      summary = "Generate images from a prompt and a layout",
      description =
          "Checks the request fully (400 with what to change). Without an installed diffusion"
              + " model it answers 503 model-unavailable; with one, 202 {jobId} and the job's"
              + " events stream progress and preview frames.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = ApiSchemas.ImageRequest.class)))
  @PostMapping(
      path = "/v1/images",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<JobView>> generate(
      @RequestBody JsonNode body, ServerWebExchange exchange) {
    var limits = reader.limits();
    JsonRequest r =
        JsonRequest.of(
            body,
            "{\"prompt\":\"A poster that says 'OPEN'\",\"width\":512,\"height\":512}",
            "prompt",
            "layout",
            "width",
            "height",
            "planner",
            "steps",
            "seed",
            "guidance",
            "scheduler",
            "guidanceMode",
            "promptGuidance",
            "n",
            "bestOf");
    String prompt = reader.prompt(r);
    Canvas canvas = reader.canvas(r);
    Sampling sampling = Sampling.read(r, limits);
    int steps = sampling.steps();
    int n = orDefault(r.optionalInt("n", "how many images"), 1);
    JsonRequest.inRange("n", n, 1, limits.maxImages(), "images", "glyphwright.limits.max-images");
    int bestOf = orDefault(r.optionalInt("bestOf", "candidates per image"), 1);
    JsonRequest.inRange(
        "bestOf", bestOf, 1, limits.maxBestOf(), "candidates", "glyphwright.limits.max-best-of");
    long seed = sampling.seedOr(() -> seeds.nextLong(Sampling.MAX_SEED + 1));
    JsonNode layoutNode = r.optionalObject("layout", "the layout JSON that /v1/layouts returns");
    Layout given = layoutNode == null ? null : reader.layout(layoutNode);
    if (given != null && (given.width() != canvas.width() || given.height() != canvas.height())) {
      throw ApiProblem.field(
          ProblemType.INVALID_LAYOUT,
          "layout",
          "the layout is "
              + given.width()
              + "×"
              + given.height()
              + " but width and height ask for "
              + canvas.width()
              + "×"
              + canvas.height()
              + ": make them equal");
    }
    String plannerName = r.optionalString("planner", "auto or heuristic");
    LayoutPlanner planner = given == null ? planners.resolve(plannerName) : null;
    ImageGenerator generator = generators.get().orElse(null);
    if (generator != null) {
      generator.check(canvas.width(), canvas.height(), steps, bestOf);
    }

    return Mono.fromCallable(
            () -> {
              Layout layout = given;
              String madeBy = "given";
              if (layout == null) {
                try {
                  var plan = planner.plan(new PlanRequest(prompt, canvas, reader.layoutLimits()));
                  layout = plan.layout();
                  madeBy = plan.planner();
                } catch (PromptException e) {
                  throw RequestReader.promptProblem(e);
                }
              }
              renderer.render(layout); // fonts and characters: refused here, not mid-job
              return new GenerationRequest(
                  prompt,
                  layout,
                  madeBy,
                  steps,
                  seed,
                  sampling.guidance(),
                  sampling.scheduler(),
                  n,
                  bestOf,
                  sampling.guidanceMode(),
                  sampling.promptGuidance());
            })
        .subscribeOn(renderScheduler)
        .map(request -> submit(generator, request, RequestIds.of(exchange)));
  }

  private ResponseEntity<JobView> submit(
      ImageGenerator generator, GenerationRequest request, String requestId) {
    if (generator == null) {
      throw new ApiProblem(ProblemType.MODEL_UNAVAILABLE, generators.unavailableDetail());
    }
    JobView view =
        Jobs.submit(
            jobs,
            GenerationWork.KIND,
            requestId,
            folder -> {},
            new GenerationWork(generator, request, ocr, meters));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .location(java.net.URI.create(view.links().get("self")))
        .body(view);
  }

  private static int orDefault(Integer v, int fallback) {
    return v == null ? fallback : v;
  }
}
