package io.glyphwright.web.api;

import io.glyphwright.core.Canvas;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.web.batch.BatchItem;
import io.glyphwright.web.batch.BatchWork;
import io.glyphwright.web.batch.ProductCsv;
import io.glyphwright.web.generation.Generators;
import io.glyphwright.web.http.RequestIds;
import io.glyphwright.web.jobs.JobQueue;
import io.glyphwright.web.jobs.JobStatus;
import io.glyphwright.web.jobs.JobStore;
import io.glyphwright.web.jobs.JobView;
import io.glyphwright.web.planning.Planners;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/batches}: a layout + glyph mask job over many items, from JSON items or from an
 * e-commerce CSV (product, slogan, price); {@code GET /v1/batches/{id}/result.zip} downloads the
 * masks, {@code layouts.csv} and {@code layouts.jsonl}, and with a diffusion model also each item's
 * generated image and {@code ocr.csv}.
 */
@RestController
@Tag(name = "batches", description = "Layouts and glyph masks for many items")
public class BatchController {
  private final RequestReader reader;
  private final Planners planners;
  private final GlyphRenderer renderer;
  private final JobQueue jobs;
  private final JobStore store;
  private final Scheduler renderScheduler;
  private final Generators generators;
  private final java.security.SecureRandom seeds = new java.security.SecureRandom();

  public BatchController(
      RequestReader reader,
      Planners planners,
      GlyphRenderer renderer,
      JobQueue jobs,
      JobStore store,
      Scheduler renderScheduler,
      Generators generators) {
    this.reader = reader;
    this.planners = planners;
    this.renderer = renderer;
    this.jobs = jobs;
    this.store = store;
    this.renderScheduler = renderScheduler;
    this.generators = generators;
  }

  @Operation(
      summary = "Queue a batch of prompts",
      description =
          "{items:[{prompt,width,height}], planner?, seed?, steps?, guidance?, scheduler?,"
              + " guidanceMode?, promptGuidance?}; every item and field is checked before the job"
              + " is queued (the sampling fields as for POST /v1/images, also without a model)."
              + " With a model, item k is generated from seed + k - 1 (seed random when absent)."
              + " Answers 202 with the job (batchId = job id).")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = ApiSchemas.BatchRequest.class)))
  @PostMapping(
      path = "/v1/batches",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<JobView>> batchJson(
      @RequestBody JsonNode body, ServerWebExchange exchange) {
    JsonRequest r =
        JsonRequest.of(
            body,
            "{\"items\":[{\"prompt\":\"A poster that says 'SALE'\",\"width\":512,\"height\":512}]}",
            fields("items", "planner"));
    List<JsonNode> nodes = r.requiredArray("items", "the items, each {prompt,width,height}");
    checkCount(nodes.size(), "items");
    LayoutPlanner planner = planners.resolve(r.optionalString("planner", "auto or heuristic"));
    Sampling sampling = sampling(Sampling.read(r, reader.limits()));
    List<BatchItem> items = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        JsonRequest item =
            JsonRequest.of(
                nodes.get(i),
                "{\"prompt\":\"A poster that says 'SALE'\",\"width\":512,\"height\":512}",
                "prompt",
                "width",
                "height");
        String prompt = reader.prompt(item);
        Canvas canvas = reader.canvas(item);
        items.add(new BatchItem(prompt, canvas.width(), canvas.height(), List.of()));
      } catch (ApiProblem p) {
        throw ApiProblem.field(p.type(), "items[" + i + "]", "items[" + i + "]: " + p.detail());
      }
    }
    return submit(items, planner, sampling, false, exchange);
  }

  @Operation(
      summary = "Queue a batch from an e-commerce CSV",
      description =
          "multipart/form-data: file (CSV of product,slogan,price; a header row is optional),"
              + " width, height (default 512), planner, seed, steps, guidance, scheduler,"
              + " guidanceMode, promptGuidance (optional; checked as for POST /v1/images, also"
              + " without a model).")
  @PostMapping(
      path = "/v1/batches",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<JobView>> batchCsv(
      @RequestBody Mono<MultiValueMap<String, Part>> body, ServerWebExchange exchange) {
    return body.switchIfEmpty(
            Mono.error(
                new ApiProblem(
                    ProblemType.MISSING_FIELD,
                    "the form is empty: send the CSV as a file part named 'file'")))
        .flatMap(
            parts -> {
              Multipart form = Multipart.of(parts, fields("file", "width", "height", "planner"));
              Integer w = form.intField("width", "the image width in " + reader.sideHint());
              Integer h = form.intField("height", "the image height in " + reader.sideHint());
              Canvas canvas = reader.canvas(w == null ? 512 : w, h == null ? 512 : h);
              LayoutPlanner planner = planners.resolve(form.field("planner"));
              Sampling sampling = sampling(Sampling.read(form, reader.limits()));
              return form.file("file", "a CSV of product,slogan,price rows")
                  .flatMap(
                      bytes -> {
                        List<List<String>> rows =
                            ProductCsv.rows(utf8(bytes), reader.limits().maxBatchItems());
                        List<BatchItem> items = new ArrayList<>();
                        for (int i = 0; i < rows.size(); i++) {
                          String prompt = ProductCsv.prompt(rows.get(i));
                          try {
                            reader.prompt(prompt);
                          } catch (ApiProblem p) {
                            throw ApiProblem.field(
                                ProblemType.INVALID_CSV,
                                "file",
                                "CSV item " + (i + 1) + ": " + p.detail());
                          }
                          items.add(
                              new BatchItem(prompt, canvas.width(), canvas.height(), rows.get(i)));
                        }
                        return submit(items, planner, sampling, true, exchange);
                      });
            });
  }

  /** The batch's own fields followed by the sampling fields. */
  private static String[] fields(String... own) {
    List<String> all = new ArrayList<>(List.of(own));
    all.addAll(Sampling.FIELDS);
    return all.toArray(String[]::new);
  }

  /**
   * The checked sampling fields, the step count also against the model when one is installed (each
   * item's canvas is checked against it as the item comes, failing that item only).
   */
  private Sampling sampling(Sampling sampling) {
    generators.get().ifPresent(g -> g.checkSteps(sampling.steps()));
    return sampling;
  }

  private Mono<ResponseEntity<JobView>> submit(
      List<BatchItem> items,
      LayoutPlanner planner,
      Sampling sampling,
      boolean fromCsv,
      ServerWebExchange exchange) {
    String requestId = RequestIds.of(exchange);
    return Mono.fromCallable(
            () -> {
              JobView view =
                  Jobs.submit(
                      jobs,
                      BatchWork.KIND,
                      requestId,
                      folder -> {},
                      new BatchWork(
                          items,
                          planner,
                          renderer,
                          reader.layoutLimits(),
                          fromCsv,
                          generators
                              .get()
                              .map(
                                  g ->
                                      new BatchWork.Generation(
                                          g,
                                          sampling.steps(),
                                          sampling.guidance(),
                                          sampling.scheduler(),
                                          // drawn: room for seed + item - 1 below MAX_SEED
                                          sampling.seedOr(
                                              () -> seeds.nextLong(Sampling.MAX_SEED / 2)),
                                          sampling.guidanceMode(),
                                          sampling.promptGuidance()))
                              .orElse(null)));
              return ResponseEntity.status(HttpStatus.ACCEPTED)
                  .location(java.net.URI.create(view.links().get("self")))
                  .body(view);
            })
        .subscribeOn(renderScheduler);
  }

  @Operation(summary = "Download a finished batch: masks/, layouts.csv, layouts.jsonl")
  @GetMapping(path = "/v1/batches/{id}/result.zip", produces = "application/zip")
  public Mono<ResponseEntity<Resource>> download(@PathVariable String id) {
    return Mono.fromCallable(() -> downloadNow(id)).subscribeOn(renderScheduler);
  }

  private ResponseEntity<Resource> downloadNow(String id) {
    JobController.requireWellFormed(id);
    JobView view = jobs.view(id).orElseThrow(() -> JobController.unknownJob(id));
    if (!view.kind().equals(BatchWork.KIND)) {
      throw new ApiProblem(
          ProblemType.UNKNOWN_JOB, "job " + id + " is not a batch but a " + view.kind() + " job");
    }
    if (view.status() != JobStatus.DONE) {
      throw new ApiProblem(
          ProblemType.JOB_NOT_FINISHED,
          "batch "
              + id
              + " is "
              + view.status().wire()
              + (view.status().finished()
                  ? ", so it has no result: submit it again"
                  : ": wait for its done event (GET /v1/jobs/" + id + "/events)"));
    }
    Path zip = store.folder(id).resolve(BatchWork.RESULT);
    if (!Files.isRegularFile(zip)) {
      throw new ApiProblem(
          ProblemType.UNKNOWN_JOB, "the result of batch " + id + " is no longer stored");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("glyphwright-batch-" + id.substring(0, 8) + ".zip")
                .build()
                .toString())
        .body(new FileSystemResource(zip));
  }

  private void checkCount(int n, String field) {
    int max = reader.limits().maxBatchItems();
    if (n < 1 || n > max) {
      throw ApiProblem.field(
          ProblemType.OUT_OF_RANGE,
          field,
          "the batch has "
              + n
              + " items: send 1 to "
              + max
              + " (glyphwright.limits.max-batch-items); split larger batches");
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiProblem.field(
          ProblemType.INVALID_CSV,
          "file",
          "the CSV is not UTF-8 text: save it as UTF-8 and send it again");
    }
  }
}
