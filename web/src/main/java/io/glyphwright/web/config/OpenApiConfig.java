package io.glyphwright.web.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's title, and the optional API key as a security scheme. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
  @Bean
  public OpenAPI glyphwrightOpenApi(GlyphwrightProperties props) {
    OpenAPI api =
        new OpenAPI()
            .info(
                new Info()
                    .title("Glyphwright API")
                    .version("v1")
                    .description(
                        "Text-in-image generation (TextDiffuser-2 recipe): layouts, glyph masks, OCR"
                            + " checks, batches, and image generation once a diffusion model is"
                            + " installed. Errors are RFC 9457 problem JSON; docs/API.md lists them."));
    if (props.security().apiKeyRequired()) {
      api.components(
              new Components()
                  .addSecuritySchemes(
                      "apiKey",
                      new SecurityScheme()
                          .type(SecurityScheme.Type.APIKEY)
                          .in(SecurityScheme.In.HEADER)
                          .name("X-API-Key")))
          .security(List.of(new SecurityRequirement().addList("apiKey")));
    }
    return api;
  }
}
