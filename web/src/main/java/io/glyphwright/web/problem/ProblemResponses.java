package io.glyphwright.web.problem;

import io.glyphwright.core.LayoutException;
import io.glyphwright.glyph.UnknownFontException;
import io.glyphwright.layout.PromptException;
import io.glyphwright.layout.llm.LlmPlannerException;
import io.glyphwright.web.http.LogContext;
import io.glyphwright.web.http.RequestIds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns every error of request handling, ours and the framework's, into RFC 9457 problem JSON
 * ({@code application/problem+json}) with {@code type}, {@code title}, {@code status}, {@code
 * detail}, {@code instance} and the request id. Runs before Spring Boot's own error handler.
 */
@Component
@Order(-2)
public class ProblemResponses implements WebExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

  private final JsonMapper mapper;
  private final long maxBodyBytes;

  public ProblemResponses(
      JsonMapper mapper, io.glyphwright.web.config.GlyphwrightProperties props) {
    this.mapper = mapper;
    this.maxBodyBytes = props.limits().maxBodySize().toBytes();
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.error(ex);
    }
    ApiProblem problem = toProblem(ex, exchange);
    if (problem.type().status().is5xxServerError()
        && problem.type() != ProblemType.MODEL_UNAVAILABLE
        && problem.type() != ProblemType.OCR_UNAVAILABLE
        && problem.type() != ProblemType.PLANNER_UNAVAILABLE
        && problem.type() != ProblemType.PLANNER_FAILED
        && problem.type() != ProblemType.PLANNER_TIMEOUT) {
      LogContext.with(
          RequestIds.LOG_KEY,
          RequestIds.of(exchange),
          () ->
              LOG.atError()
                  .setCause(ex)
                  .log(
                      "request failed: {} {}",
                      exchange.getRequest().getMethod(),
                      exchange.getRequest().getPath()));
    }
    return write(exchange, problem);
  }

  /** Writes a problem as the response. */
  public Mono<Void> write(ServerWebExchange exchange, ApiProblem problem) {
    ServerHttpResponse response = exchange.getResponse();
    response.setStatusCode(problem.type().status());
    HttpHeaders headers = response.getHeaders();
    headers.setContentType(PROBLEM_JSON);
    headers.setCacheControl("no-store");
    if (problem.retryAfterSeconds() > 0) {
      headers.set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()));
    }
    byte[] body = mapper.writeValueAsBytes(body(problem, exchange));
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  /** The problem object's members, in the RFC's order, then the extensions. */
  public static Map<String, Object> body(ApiProblem problem, ServerWebExchange exchange) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type().uri());
    body.put("title", problem.type().title());
    body.put("status", problem.type().status().value());
    body.put("detail", problem.detail());
    body.put("instance", exchange.getRequest().getPath().value());
    body.putAll(problem.extensions());
    body.put("requestId", RequestIds.of(exchange));
    return body;
  }

  ApiProblem toProblem(Throwable ex, ServerWebExchange exchange) {
    if (ex instanceof ApiProblem p) {
      return p;
    }
    DataBufferLimitException limit = find(ex, DataBufferLimitException.class);
    if (limit != null) {
      boolean multipart =
          MediaType.MULTIPART_FORM_DATA.isCompatibleWith(
              exchange.getRequest().getHeaders().getContentType());
      return new ApiProblem(
          ProblemType.BODY_TOO_LARGE,
          multipart
              ? "the upload is larger than the limit (glyphwright.limits.max-upload-size): send a"
                  + " smaller file"
              : "the request body is larger than the limit of "
                  + maxBodyBytes
                  + " bytes (glyphwright.limits.max-body-size): send a smaller body");
    }
    if (ex instanceof LlmPlannerException e) {
      return new ApiProblem(
          e.kind() == LlmPlannerException.Kind.TIMEOUT
              ? ProblemType.PLANNER_TIMEOUT
              : ProblemType.PLANNER_FAILED,
          e.getMessage() + " (or use planner 'auto' or 'heuristic')");
    }
    if (ex instanceof PromptException) {
      return new ApiProblem(ProblemType.INVALID_PROMPT, ex.getMessage());
    }
    if (ex instanceof UnknownFontException) {
      return new ApiProblem(ProblemType.UNKNOWN_FONT, ex.getMessage());
    }
    if (ex instanceof LayoutException) {
      return new ApiProblem(ProblemType.INVALID_LAYOUT, ex.getMessage());
    }
    if (ex instanceof RejectedExecutionException) {
      return ApiProblem.retryLater(
          ProblemType.BUSY, "the service is busy with other requests: try again in a moment", 1);
    }
    if (ex instanceof UnsupportedMediaTypeStatusException e) {
      String got = e.getContentType() == null ? "none" : e.getContentType().toString();
      return new ApiProblem(
          ProblemType.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type "
              + got
              + " is not accepted here: send "
              + String.join(
                  " or ", e.getSupportedMediaTypes().stream().map(MediaType::toString).toList()));
    }
    if (ex instanceof NotAcceptableStatusException e) {
      return new ApiProblem(
          ProblemType.NOT_ACCEPTABLE,
          "this endpoint answers "
              + String.join(
                  ", ", e.getSupportedMediaTypes().stream().map(MediaType::toString).toList())
              + ": change the Accept header");
    }
    if (ex instanceof MethodNotAllowedException e) {
      return new ApiProblem(
          ProblemType.METHOD_NOT_ALLOWED,
          e.getHttpMethod()
              + " is not allowed on "
              + exchange.getRequest().getPath().value()
              + ": use "
              + e.getSupportedMethods());
    }
    if (ex instanceof MissingRequestValueException e) {
      return ApiProblem.field(
          ProblemType.MISSING_FIELD,
          e.getName(),
          "the request needs a "
              + e.getLabel()
              + " named '"
              + e.getName()
              + "'"
              + (e.getLabel().equals("part")
                  ? ": send it as a field of a multipart/form-data body"
                  : ""));
    }
    if (ex instanceof ServerWebInputException e) {
      return inputProblem(e);
    }
    if (ex instanceof ResponseStatusException e) {
      if (e.getStatusCode().value() == 404) {
        return new ApiProblem(
            ProblemType.NOT_FOUND,
            "nothing is at "
                + exchange.getRequest().getPath().value()
                + ": /swagger-ui.html lists the API's endpoints");
      }
      if (e.getStatusCode().value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
        return new ApiProblem(ProblemType.BODY_TOO_LARGE, String.valueOf(e.getReason()));
      }
      if (e.getStatusCode().is4xxClientError()) {
        return new ApiProblem(ProblemType.INVALID_UPLOAD, String.valueOf(e.getReason()));
      }
    }
    return new ApiProblem(
        ProblemType.INTERNAL_ERROR,
        "the service failed on this request: it is logged under request id "
            + RequestIds.of(exchange)
            + "; try again, and report it if it keeps failing");
  }

  private static ApiProblem inputProblem(ServerWebInputException e) {
    JacksonException jackson = find(e, JacksonException.class);
    if (jackson != null) {
      String where =
          jackson.getLocation() == null
              ? ""
              : " (line "
                  + jackson.getLocation().getLineNr()
                  + ", column "
                  + jackson.getLocation().getColumnNr()
                  + ")";
      String what =
          jackson instanceof StreamReadException
              ? jackson.getOriginalMessage()
              : "a value does not fit its field: " + jackson.getOriginalMessage();
      return new ApiProblem(
          ProblemType.INVALID_JSON,
          "the body is not valid JSON" + where + ": " + what + "; send one JSON object");
    }
    String reason = e.getReason() == null ? "" : e.getReason();
    if (reason.contains("No request body")) {
      return new ApiProblem(
          ProblemType.INVALID_JSON,
          "the request has no body: send a JSON object (see docs/API.md)");
    }
    DecodingException decoding = find(e, DecodingException.class);
    if (decoding != null) {
      return new ApiProblem(
          ProblemType.INVALID_UPLOAD,
          "the body could not be read: "
              + decoding.getMessage()
              + "; send a well-formed body of the documented type");
    }
    if (e.getMethodParameter() != null) {
      return new ApiProblem(
          ProblemType.UNKNOWN_PARAMETER, reason + ": check the query parameters in docs/API.md");
    }
    return new ApiProblem(
        ProblemType.INVALID_UPLOAD, reason.isEmpty() ? "the request cannot be read" : reason);
  }

  private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
