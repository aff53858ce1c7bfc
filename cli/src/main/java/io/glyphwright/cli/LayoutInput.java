package io.glyphwright.cli;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.Td2Format;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a layout file (TD2 text or JSON, told apart by the first character) or stdin. */
final class LayoutInput {
  /** Refuse layout files larger than this: a layout is a few lines. */
  static final int MAX_BYTES = 1 << 20;

  private LayoutInput() {}

  static String read(String source, InputStream stdin) throws IOException {
    byte[] bytes;
    if ("-".equals(source)) {
      bytes = stdin.readNBytes(MAX_BYTES + 1);
    } else {
      Path path = Path.of(source);
      try {
        if (Files.size(path) > MAX_BYTES) {
          throw new IllegalArgumentException(
              "layout file " + source + " is larger than 1 MiB; a layout is a few lines of text");
        }
        bytes = Files.readAllBytes(path);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("layout file " + source + " does not exist");
      }
    }
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("the layout on standard input is larger than 1 MiB");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "the layout is not UTF-8 text: save it as UTF-8 (TD2 lines or JSON)");
    }
  }

  /**
   * Parses TD2 or JSON. A JSON layout carries its own canvas; {@code width}/{@code height} given on
   * the command line replace it.
   */
  static Layout parse(String text, Integer width, Integer height, LayoutLimits limits) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(
          "the layout is empty: write one line per text, e.g. 'SALE 12,20,60,44'");
    }
    if (trimmed.startsWith("{")) {
      Layout layout = LayoutJson.parse(trimmed, limits);
      if (width == null && height == null) {
        return layout;
      }
      Canvas canvas =
          new Canvas(
              width == null ? layout.width() : width, height == null ? layout.height() : height);
      return new Layout(canvas.width(), canvas.height(), layout.grid(), layout.lines());
    }
    Canvas canvas = new Canvas(width == null ? 512 : width, height == null ? 512 : height);
    return Td2Format.parse(trimmed, canvas, limits);
  }
}
