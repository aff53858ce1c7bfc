package io.glyphwright.web.problem;

import org.springframework.http.HttpStatus;

/**
 * The kinds of problem the API answers with. Each is an RFC 9457 problem type: its URI is {@code
 * /problems/<slug>}, which the service serves as a short page saying what the problem means.
 */
public enum ProblemType {
  INVALID_JSON("invalid-json", HttpStatus.BAD_REQUEST, "The body is not valid JSON"),
  MISSING_FIELD("missing-field", HttpStatus.BAD_REQUEST, "A required field is missing"),
  WRONG_TYPE("wrong-type", HttpStatus.BAD_REQUEST, "A field has the wrong type"),
  UNKNOWN_FIELD(
      "unknown-field", HttpStatus.BAD_REQUEST, "The body has a field the API does not know"),
  OUT_OF_RANGE("out-of-range", HttpStatus.BAD_REQUEST, "A value is out of range"),
  INVALID_PROMPT("invalid-prompt", HttpStatus.BAD_REQUEST, "The prompt cannot be used"),
  INVALID_LAYOUT("invalid-layout", HttpStatus.BAD_REQUEST, "The layout breaks a rule"),
  TOO_MANY_LINES("too-many-lines", HttpStatus.BAD_REQUEST, "The layout has too many lines"),
  TEXT_TOO_LONG("text-too-long", HttpStatus.BAD_REQUEST, "A line's text is too long"),
  UNKNOWN_FONT("unknown-font", HttpStatus.BAD_REQUEST, "A font is not installed"),
  UNKNOWN_PLANNER("unknown-planner", HttpStatus.BAD_REQUEST, "No planner has that name"),
  UNKNOWN_SCHEDULER("unknown-scheduler", HttpStatus.BAD_REQUEST, "No scheduler has that name"),
  UNKNOWN_GUIDANCE_MODE(
      "unknown-guidance-mode", HttpStatus.BAD_REQUEST, "No guidance mode has that name"),
  UNKNOWN_ENGINE("unknown-engine", HttpStatus.BAD_REQUEST, "No OCR engine has that name"),
  UNKNOWN_PARAMETER("unknown-parameter", HttpStatus.BAD_REQUEST, "A query parameter is wrong"),
  INVALID_IMAGE("invalid-image", HttpStatus.BAD_REQUEST, "The upload is not an image"),
  IMAGE_TOO_LARGE("image-too-large", HttpStatus.BAD_REQUEST, "The image is too large"),
  INVALID_CSV("invalid-csv", HttpStatus.BAD_REQUEST, "The CSV cannot be used"),
  INVALID_UPLOAD("invalid-upload", HttpStatus.BAD_REQUEST, "The upload is incomplete"),
  BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE(
      "unsupported-media-type",
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      "The body's type is not accepted"),
  NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "No response in the asked type"),
  UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "An API key is needed"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Nothing is here"),
  METHOD_NOT_ALLOWED(
      "method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "The method is not allowed"),
  UNKNOWN_JOB("unknown-job", HttpStatus.NOT_FOUND, "No such job"),
  UNKNOWN_IMAGE("unknown-image", HttpStatus.NOT_FOUND, "No such image"),
  JOB_FINISHED("job-finished", HttpStatus.CONFLICT, "The job has finished"),
  JOB_NOT_FINISHED("job-not-finished", HttpStatus.CONFLICT, "The job has not finished"),
  QUEUE_FULL("queue-full", HttpStatus.TOO_MANY_REQUESTS, "The job queue is full"),
  BUSY("busy", HttpStatus.TOO_MANY_REQUESTS, "The service is busy"),
  MODEL_UNAVAILABLE(
      "model-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "No diffusion model is installed"),
  PLANNER_UNAVAILABLE(
      "planner-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The planner is not available"),
  PLANNER_FAILED("planner-failed", HttpStatus.BAD_GATEWAY, "The external planner failed"),
  PLANNER_TIMEOUT(
      "planner-timeout", HttpStatus.GATEWAY_TIMEOUT, "The external planner did not answer in time"),
  OCR_UNAVAILABLE(
      "ocr-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The OCR engine is not available"),
  INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong");

  private final String slug;
  private final HttpStatus status;
  private final String title;

  ProblemType(String slug, HttpStatus status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public String slug() {
    return slug;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The problem type URI, relative to the service. */
  public String uri() {
    return "/problems/" + slug;
  }

  /** The type with this slug, or null. */
  public static ProblemType bySlug(String slug) {
    for (ProblemType t : values()) {
      if (t.slug.equals(slug)) {
        return t;
      }
    }
    return null;
  }
}
