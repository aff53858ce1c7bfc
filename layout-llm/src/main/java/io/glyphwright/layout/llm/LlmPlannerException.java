package io.glyphwright.layout.llm;

import java.util.Objects;

/**
 * The LLM endpoint gave no usable layout: it could not be reached, did not answer in time, refused
 * the request, or answered with something that is not a layout. The message names the endpoint,
 * what happened and what to change; it never holds the API key.
 */
public class LlmPlannerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, for callers that map failures (a service: 502 or 504). */
  public enum Kind {
    /** No connection could be made (refused, unknown host, reset). */
    UNREACHABLE,
    /** No complete answer within the configured time. */
    TIMEOUT,
    /** An HTTP error status (401, 404, 429, 500…), after any retries it allows. */
    REFUSED,
    /** An answer that is not a chat response, or whose text holds no readable layout. */
    BAD_REPLY
  }

  private final Kind kind;

  public LlmPlannerException(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public LlmPlannerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
