package io.glyphwright.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Glyphwright service: REST API v1, jobs with SSE progress, the web UI, OpenAPI and metrics.
 * {@code ./glyphwright serve} runs it on embedded defaults.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GlyphwrightWebApplication {
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    SpringApplication.run(GlyphwrightWebApplication.class, args);
  }
}
