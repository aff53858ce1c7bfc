package io.glyphwright.eval;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The small input files under {@code src/test/resources/io/glyphwright/eval}. */
public final class TestFiles {
  private TestFiles() {}

  public static Path resource(String name) {
    URL url = TestFiles.class.getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
