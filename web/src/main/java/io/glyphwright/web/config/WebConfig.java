package io.glyphwright.web.config;

import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.web.http.RequestIds;
import io.micrometer.context.ContextRegistry;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Codecs with the configured body limits, the bounded scheduler, CORS and log context. */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebFluxConfigurer {
  static {
    // The request id travels in the Reactor context; this puts it in the MDC of whichever thread
    // runs an operator, so that every log line of a request carries it.
    ContextRegistry.getInstance()
        .registerThreadLocalAccessor(
            RequestIds.LOG_KEY,
            () -> MDC.get(RequestIds.LOG_KEY),
            value -> MDC.put(RequestIds.LOG_KEY, value),
            () -> MDC.remove(RequestIds.LOG_KEY));
  }

  private final GlyphwrightProperties props;

  public WebConfig(GlyphwrightProperties props) {
    this.props = props;
  }

  @Override
  public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
    int maxBody = (int) Math.min(Integer.MAX_VALUE, props.limits().maxBodySize().toBytes());
    configurer.defaultCodecs().maxInMemorySize(maxBody);
    // Uploads (multipart) are bounded by spring.webflux.multipart.*, set from
    // glyphwright.limits.max-upload-size in application.yaml.
  }

  /**
   * Where synchronous heavy work (planning, glyph rendering, image decoding) runs: a bounded pool,
   * never the Netty event loop. Past its queue, requests get 429.
   */
  @Bean(destroyMethod = "dispose")
  public Scheduler renderScheduler() {
    return Schedulers.newBoundedElastic(
        props.jobs().syncThreads(), props.jobs().syncQueue(), "glyphwright-render", 60, true);
  }

  @Bean
  public GlyphRenderer glyphRenderer() {
    return GlyphRenderer.system();
  }

  /** CORS for {@code /v1/**}, only when origins are configured. */
  @Bean
  @ConditionalOnExpression("!'${glyphwright.cors.allowed-origins:}'.isEmpty()")
  public CorsWebFilter corsWebFilter() {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(props.cors().allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "DELETE"));
    cors.setAllowedHeaders(List.of("Content-Type", "X-API-Key", RequestIds.HEADER));
    cors.setExposedHeaders(List.of(RequestIds.HEADER, "Retry-After", "Location"));
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/v1/**", cors);
    return new CorsWebFilter(source);
  }
}
