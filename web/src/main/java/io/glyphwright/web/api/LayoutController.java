package io.glyphwright.web.api;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.Td2Format;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.PromptException;
import io.glyphwright.web.planning.Planners;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/** {@code POST /v1/layouts}: a prompt to a layout. */
@RestController
@Tag(name = "layouts", description = "Plan where each requested text goes")
public class LayoutController {
  private final RequestReader reader;
  private final Planners planners;
  private final Scheduler renderScheduler;

  public LayoutController(RequestReader reader, Planners planners, Scheduler renderScheduler) {
    this.reader = reader;
    this.planners = planners;
    this.renderScheduler = renderScheduler;
  }

  /**
   * @param layout the layout in its canonical JSON form
   * @param td2 the same layout in TextDiffuser-2's text form
   * @param planner the planner that made it
   * @param requestedTexts the texts the prompt asks for, as placed
   * @param repairs what the validator changed in the planner's raw output
   * @param notes what else the user should know (texts left out, empty layout)
   */
  public record LayoutResponse(
      JsonNode layout,
      String td2,
      String planner,
      List<String> requestedTexts,
      List<String> repairs,
      List<String> notes) {}

  @Operation(
      summary = "Plan a layout for a prompt",
      description = "Texts to draw come from quotes in the prompt. Errors are problem+json.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content = @Content(schema = @Schema(implementation = ApiSchemas.LayoutRequest.class)))
  @PostMapping(
      path = "/v1/layouts",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public Mono<LayoutResponse> plan(@RequestBody JsonNode body) {
    JsonRequest r =
        JsonRequest.of(
            body,
            "{\"prompt\":\"A poster that says 'SALE'\",\"width\":512,\"height\":768}",
            "prompt",
            "width",
            "height",
            "planner");
    String prompt = reader.prompt(r);
    Canvas canvas = reader.canvas(r);
    LayoutPlanner planner = planners.resolve(r.optionalString("planner", "auto or heuristic"));
    return Mono.fromCallable(() -> plan(planner, prompt, canvas)).subscribeOn(renderScheduler);
  }

  private LayoutResponse plan(LayoutPlanner planner, String prompt, Canvas canvas) {
    PlanResult result;
    try {
      result = planner.plan(new PlanRequest(prompt, canvas, reader.layoutLimits()));
    } catch (PromptException e) {
      throw RequestReader.promptProblem(e);
    }
    return new LayoutResponse(
        LayoutJson.toTree(result.layout()),
        Td2Format.print(result.layout()),
        result.planner(),
        result.requestedTexts(),
        result.repairs(),
        result.notes());
  }
}
