package io.glyphwright.web.api;

import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.web.http.RequestIds;
import io.glyphwright.web.jobs.JobQueue;
import io.glyphwright.web.jobs.JobView;
import io.glyphwright.web.ocr.ImageUploads;
import io.glyphwright.web.ocr.OcrCheckWork;
import io.glyphwright.web.ocr.OcrService;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * {@code POST /v1/ocr}: an OCR check job on an uploaded image. The image is checked (format by its
 * bytes, size, decodable) before the job is queued; the job reads it with PP-OCR (or Tesseract)
 * and, when {@code expect} lists texts, says which were read.
 */
@RestController
@Tag(name = "ocr", description = "OCR checks of images")
public class OcrController {
  private final RequestReader reader;
  private final OcrService ocr;
  private final JobQueue jobs;
  private final Scheduler renderScheduler;
  private final MeterRegistry meters;

  public OcrController(
      RequestReader reader,
      OcrService ocr,
      JobQueue jobs,
      Scheduler renderScheduler,
      MeterRegistry meters) {
    this.reader = reader;
    this.ocr = ocr;
    this.jobs = jobs;
    this.renderScheduler = renderScheduler;
    this.meters = meters;
  }

  @Operation(
      summary = "Queue an OCR check of an uploaded image",
      description =
          "multipart/form-data: image (file: PNG, JPEG, GIF or BMP), engine (optional: ppocr-v4 or"
              + " tesseract), expect (optional: the texts the image should show, one per line)."
              + " Answers 202 with the job; follow /v1/jobs/{id}/events.")
  @PostMapping(
      path = "/v1/ocr",
      consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<ResponseEntity<JobView>> check(
      @RequestBody Mono<MultiValueMap<String, Part>> body, ServerWebExchange exchange) {
    String requestId = RequestIds.of(exchange);
    return body.switchIfEmpty(
            Mono.error(
                new ApiProblem(
                    ProblemType.MISSING_FIELD,
                    "the form is empty: send the image as a file part named 'image'")))
        .flatMap(
            parts -> {
              Multipart form = Multipart.of(parts, "image", "engine", "expect");
              OcrEngines.Kind kind = ocr.kind(form.field("engine"));
              List<String> expected = expected(form.field("expect"));
              ocr.requireAvailable(kind);
              return form.file("image", "the image to read (PNG, JPEG, GIF or BMP)")
                  .publishOn(renderScheduler)
                  .map(
                      bytes -> {
                        ImageUploads.CheckedImage checked =
                            ImageUploads.check(bytes, reader.limits().maxUploadSide());
                        String input = "input." + checked.extension();
                        JobView view =
                            Jobs.submit(
                                jobs,
                                OcrCheckWork.KIND,
                                requestId,
                                folder -> Files.write(folder.resolve(input), bytes),
                                new OcrCheckWork(ocr, kind, input, expected, meters));
                        return ResponseEntity.status(HttpStatus.ACCEPTED)
                            .location(java.net.URI.create(view.links().get("self")))
                            .body(view);
                      });
            });
  }

  private List<String> expected(String field) {
    if (field == null) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    for (String line : field.split("\r?\n")) {
      String t = line.strip();
      if (t.isEmpty()) {
        continue;
      }
      int length = t.codePointCount(0, t.length());
      if (length > reader.limits().maxTextLength()) {
        throw ApiProblem.field(
            ProblemType.TEXT_TOO_LONG,
            "expect",
            "expected text '"
                + t.substring(0, Math.min(t.length(), 30))
                + "…' has "
                + length
                + " characters, more than the limit of "
                + reader.limits().maxTextLength()
                + " (glyphwright.limits.max-text-length)");
      }
      texts.add(t);
    }
    if (texts.size() > reader.limits().maxLines()) {
      throw ApiProblem.field(
          ProblemType.TOO_MANY_LINES,
          "expect",
          "expect lists "
              + texts.size()
              + " texts, more than the limit of "
              + reader.limits().maxLines()
              + " (glyphwright.limits.max-lines)");
    }
    return texts;
  }
}
