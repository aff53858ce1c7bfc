package io.glyphwright.web.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the API refuses, with a detail a person can act on. Thrown anywhere in request
 * handling; {@link ProblemResponses} turns it into RFC 9457 problem JSON.
 */
public class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final transient Map<String, Object> extensions;
  private final long retryAfterSeconds;

  public ApiProblem(ProblemType type, String detail) {
    this(type, detail, Map.of(), 0);
  }

  private ApiProblem(
      ProblemType type, String detail, Map<String, Object> extensions, long retryAfterSeconds) {
    super(detail);
    this.type = Objects.requireNonNull(type, "type");
    this.extensions = Map.copyOf(extensions);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A problem about one field of the request body (named in the {@code field} member). */
  public static ApiProblem field(ProblemType type, String field, String detail) {
    return new ApiProblem(type, detail, Map.of("field", field), 0);
  }

  /** A 429 that tells the client when to try again ({@code Retry-After}). */
  public static ApiProblem retryLater(ProblemType type, String detail, long retryAfterSeconds) {
    long seconds = Math.max(1, retryAfterSeconds);
    return new ApiProblem(type, detail, Map.of("retryAfter", seconds), seconds);
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra members of the problem object ({@code field}, {@code retryAfter}). */
  public Map<String, Object> extensions() {
    return new LinkedHashMap<>(extensions);
  }

  /** Seconds for {@code Retry-After}, or 0 for none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
