package io.glyphwright.web.models;

import io.glyphwright.web.config.GlyphwrightProperties;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model packages installed under the models folder ({@code <name>/model.json}, see DESIGN.md),
 * read at each call so that a package dropped in is seen without a restart.
 */
@Component
public class ModelCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);

  /** The package kind of a diffusion model. */
  public static final String GLYPH_UNET = "glyph-unet";

  private final Path folder;
  private final JsonMapper mapper;

  public ModelCatalog(GlyphwrightProperties props, JsonMapper mapper) {
    this.folder = props.modelsPath();
    this.mapper = mapper;
  }

  /**
   * One installed package.
   *
   * @param name the package's name
   * @param kind {@code glyph-unet}, {@code layout-lm}, {@code text-encoder}, ...
   * @param format the weights' format ({@code onnx}, ...)
   * @param folder the package's folder name
   */
  public record ModelPackage(String name, String kind, String format, String folder) {}

  public Path folder() {
    return folder;
  }

  public List<ModelPackage> packages() {
    List<ModelPackage> found = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return found;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(folder, Files::isDirectory)) {
      for (Path dir : dirs) {
        Path json = dir.resolve("model.json");
        if (!Files.isRegularFile(json)) {
          continue;
        }
        try {
          JsonNode node = mapper.readTree(Files.readString(json));
          found.add(
              new ModelPackage(
                  text(node, "name", dir.getFileName().toString()),
                  text(node, "kind", "unknown"),
                  text(node, "format", "unknown"),
                  dir.getFileName().toString()));
        } catch (IOException | JacksonException e) {
          LOG.warn("skipping {}: {}", json, e.toString());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot list {}: {}", folder, e.toString());
    }
    found.sort((a, b) -> a.name().compareTo(b.name()));
    return found;
  }

  /** The installed diffusion model packages. */
  public List<ModelPackage> diffusionPackages() {
    return packages().stream().filter(p -> p.kind().equals(GLYPH_UNET)).toList();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v != null && v.isString() ? v.stringValue() : fallback;
  }
}
