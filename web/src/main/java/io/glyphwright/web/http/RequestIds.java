package io.glyphwright.web.http;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The request id every request carries: the client's {@code X-Request-Id}, or a new one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

  /** The MDC and Reactor context key under which logs carry the id. */
  public static final String LOG_KEY = "requestId";

  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestIds() {}

  /** The id of an exchange ({@code -} before {@link RequestIdFilter} has run). */
  public static String of(ServerWebExchange exchange) {
    Object id = exchange.getAttribute(ATTRIBUTE);
    return id == null ? "-" : id.toString();
  }

  /** The client's id when it is a safe token of at most 64 characters, else a new one. */
  static String accept(String fromClient) {
    if (fromClient != null && ACCEPTED.matcher(fromClient).matches()) {
      return fromClient;
    }
    return UUID.randomUUID().toString();
  }
}
