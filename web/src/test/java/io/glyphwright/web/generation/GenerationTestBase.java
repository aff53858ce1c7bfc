package io.glyphwright.web.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One service with a diffusion model, shared by the generation tests and the browser test: the tiny
 * random glyph-unet package built at test time ({@link TinyGlyphUnet}), a fresh data folder, one
 * job at a time with 2 waiting.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "glyphwright.jobs.concurrency=1",
      "glyphwright.jobs.queue-depth=2",
      "glyphwright.ocr.onnx-threads=1",
      "logging.structured.format.console=",
    })
@AutoConfigureWebTestClient(timeout = "PT120S")
public abstract class GenerationTestBase {
  protected static final Path DATA = tempDir();

  @DynamicPropertySource
  static void unet(DynamicPropertyRegistry registry) {
    registry.add("glyphwright.data-dir", DATA::toString);
    registry.add("glyphwright.models-dir", () -> DATA.resolve("models").toString());
    registry.add("glyphwright.unet.model", () -> TinyGlyphUnet.packageDir().toString());
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("glyphwright-web-generate-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
