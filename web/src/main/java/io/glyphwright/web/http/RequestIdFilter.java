package io.glyphwright.web.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id (the client's {@code X-Request-Id} when it is a safe token, else a new
 * UUID), echoes it in the response, puts it in the Reactor context (and so, through context
 * propagation, in the logging MDC), and logs one structured line per API request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {
  private static final Logger LOG = LoggerFactory.getLogger("io.glyphwright.web.access");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    String id = RequestIds.accept(request.getHeaders().getFirst(RequestIds.HEADER));
    exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
    exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
    long start = System.nanoTime();
    String path = request.getPath().value();
    return chain
        .filter(exchange)
        .doFinally(
            signal -> {
              if (path.startsWith("/v1/")) {
                var status = exchange.getResponse().getStatusCode();
                // The id goes through the MDC (a key-value pair of the same name would clash).
                LogContext.with(
                    RequestIds.LOG_KEY,
                    id,
                    () ->
                        LOG.atInfo()
                            .addKeyValue("method", request.getMethod().name())
                            .addKeyValue("path", path)
                            .addKeyValue("status", status == null ? 0 : status.value())
                            .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                            .addKeyValue("signal", signal.toString())
                            .log(
                                "{} {} -> {}",
                                request.getMethod().name(),
                                path,
                                status == null ? "-" : status.value()));
              }
            })
        .contextWrite(ctx -> ctx.put(RequestIds.LOG_KEY, id));
  }
}
