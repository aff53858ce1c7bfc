package io.glyphwright.web.http;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ends every exchange off the Netty event loop, so that no response can end re-entrantly while
 * Reactor Netty dispatches a keep-alive request it had held back.
 *
 * <p>Reactor Netty 1.3.6 holds back a request that arrives on a keep-alive connection before the
 * previous request's response has ended (which happens whenever a handler ends on another thread,
 * as every handler that works on the render scheduler does). When the previous response ends it
 * dispatches the held request; if that request's response then ends at once, on the event loop,
 * nobody asks the connection for more input, and the next request on it is never read: the client
 * waits until its timeout (reactor/reactor-netty#4347, #4361). Handing the end of every exchange to
 * another thread makes Reactor Netty finish it in a later event-loop task, after the dispatch,
 * where it asks for more input again. The hop costs one task per request; remove this filter once
 * the service runs on a Reactor Netty with that fix.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class OffLoopCompletionFilter implements WebFilter {
  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return chain.filter(exchange).publishOn(Schedulers.parallel());
  }
}
