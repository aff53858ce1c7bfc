package io.glyphwright.web.http;

import io.glyphwright.web.config.GlyphwrightProperties;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemResponses;
import io.glyphwright.web.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * When {@code glyphwright.security.api-key} is set, every {@code /v1} request must carry it in the
 * {@code X-API-Key} header; others get a 401 problem. Off by default. The web UI, OpenAPI and
 * Actuator paths stay open (CORS preflights too), so that a browser can load the UI and ask the
 * user for the key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter implements WebFilter {
  public static final String HEADER = "X-API-Key";

  private final byte[] key;
  private final ProblemResponses problems;

  public ApiKeyFilter(GlyphwrightProperties props, ProblemResponses problems) {
    this.key =
        props.security().apiKeyRequired()
            ? props.security().apiKey().getBytes(StandardCharsets.UTF_8)
            : null;
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (key == null
        || !exchange.getRequest().getPath().value().startsWith("/v1/")
        || exchange.getRequest().getMethod() == HttpMethod.OPTIONS) {
      return chain.filter(exchange);
    }
    String given = exchange.getRequest().getHeaders().getFirst(HEADER);
    if (given != null && MessageDigest.isEqual(key, given.getBytes(StandardCharsets.UTF_8))) {
      return chain.filter(exchange);
    }
    return problems.write(
        exchange,
        new ApiProblem(
            ProblemType.UNAUTHORIZED,
            given == null
                ? "this service requires an API key: send it in the X-API-Key header"
                : "the API key in X-API-Key is not the one this service was configured with"));
  }
}
