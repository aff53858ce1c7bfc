package io.glyphwright.web.api;

import io.glyphwright.core.Layout;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/glyphs}: a layout to its glyph mask or character segmentation map. */
@RestController
@Tag(name = "glyphs", description = "Render glyph masks from a layout")
public class GlyphController {
  private final RequestReader reader;
  private final GlyphRenderer renderer;
  private final Scheduler renderScheduler;

  public GlyphController(RequestReader reader, GlyphRenderer renderer, Scheduler renderScheduler) {
    this.reader = reader;
    this.renderer = renderer;
    this.renderScheduler = renderScheduler;
  }

  @Operation(
      summary = "Render a layout's glyph mask",
      description =
          "kind=mask (default): 8-bit gray PNG, 255 = ink. kind=charseg: 16-bit gray PNG, value k ="
              + " index of the character in reading order + 1. The response header"
              + " X-Glyph-Characters gives the number of characters drawn.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = ApiSchemas.GlyphRequest.class)))
  @PostMapping(
      path = "/v1/glyphs",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.IMAGE_PNG_VALUE)
  public Mono<ResponseEntity<byte[]>> render(
      @RequestBody JsonNode body,
      @Parameter(description = "mask or charseg") @RequestParam(defaultValue = "mask")
          String kind) {
    boolean charseg;
    switch (kind) {
      case "mask" -> charseg = false;
      case "charseg" -> charseg = true;
      default ->
          throw new ApiProblem(
              ProblemType.UNKNOWN_PARAMETER,
              "kind '" + kind + "' is unknown: use kind=mask or kind=charseg");
    }
    JsonRequest r =
        JsonRequest.of(body, "{\"layout\":{\"width\":512,\"height\":512,\"lines\":[]}}", "layout");
    Layout layout =
        reader.layout(r.requiredObject("layout", "the layout JSON that /v1/layouts returns"));
    return Mono.fromCallable(
            () -> {
              GlyphRendering rendering = renderer.render(layout);
              byte[] png = GlyphImages.pngBytes(charseg ? rendering.charseg() : rendering.mask());
              int chars = rendering.layout().lines().stream().mapToInt(l -> l.chars().size()).sum();
              return ResponseEntity.ok()
                  .contentType(MediaType.IMAGE_PNG)
                  .cacheControl(CacheControl.noStore())
                  .header("X-Glyph-Characters", Integer.toString(chars))
                  .body(png);
            })
        .subscribeOn(renderScheduler);
  }
}
