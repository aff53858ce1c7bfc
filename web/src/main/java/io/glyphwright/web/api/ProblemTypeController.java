package io.glyphwright.web.api;

import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** Serves each problem type URI ({@code /problems/<slug>}) as a short page. */
@RestController
@Hidden
public class ProblemTypeController {
  @GetMapping(path = "/problems/{slug}", produces = MediaType.TEXT_HTML_VALUE)
  public String describe(@PathVariable String slug) {
    ProblemType type = ProblemType.bySlug(slug);
    if (type == null) {
      throw new ApiProblem(ProblemType.NOT_FOUND, "there is no problem type '" + slug + "'");
    }
    return "<!doctype html><html lang=en><meta charset=utf-8><title>"
        + HtmlUtils.htmlEscape(type.title())
        + "</title><link rel=stylesheet href=/app.css><main class=doc><h1>"
        + HtmlUtils.htmlEscape(type.title())
        + "</h1><p>HTTP status "
        + type.status().value()
        + ". The <code>detail</code> member of the problem says what to change; docs/API.md"
        + " lists every problem type. <a href=/swagger-ui.html>API reference</a></p></main></html>";
  }
}
