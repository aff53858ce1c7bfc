package io.glyphwright.dataset.build;

import io.glyphwright.core.LayoutJson;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A sample's caption: the {@code KEY.txt} sidecar, strictly UTF-8 (a byte-order mark is dropped,
 * surrounding whitespace trimmed); without one, the {@code caption} field of img2dataset's {@code
 * KEY.json}.
 */
public final class Captions {
  private Captions() {}

  /**
   * The caption.
   *
   * @throws SampleRejectedException {@code missing-caption}, {@code caption-not-utf8} or {@code
   *     empty-caption}
   */
  public static String read(byte[] txt, byte[] metadata) throws SampleRejectedException {
    String caption;
    if (txt != null) {
      try {
        caption =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(txt))
                .toString();
      } catch (CharacterCodingException e) {
        throw new SampleRejectedException(
            RejectReason.CAPTION_NOT_UTF8, "the caption file is not valid UTF-8", e);
      }
    } else {
      caption = fromMetadata(metadata);
      if (caption == null) {
        throw new SampleRejectedException(
            RejectReason.MISSING_CAPTION, "no caption: neither KEY.txt nor a caption in KEY.json");
      }
    }
    if (caption.startsWith("\uFEFF")) {
      caption = caption.substring(1);
    }
    caption = caption.strip();
    if (caption.isEmpty()) {
      throw new SampleRejectedException(RejectReason.EMPTY_CAPTION, "the caption is empty");
    }
    return caption;
  }

  private static String fromMetadata(byte[] metadata) {
    if (metadata == null || metadata.length == 0) {
      return null;
    }
    try {
      JsonNode c = LayoutJson.mapper().readTree(metadata).get("caption");
      return c != null && c.isString() ? c.stringValue() : null;
    } catch (JacksonException | IllegalArgumentException e) {
      return null;
    }
  }
}
