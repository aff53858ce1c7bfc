package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptionsTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static RejectReason reason(byte[] txt, byte[] json) {
    return assertThrows(SampleRejectedException.class, () -> Captions.read(txt, json)).reason();
  }

  @Test
  void theTextSidecarIsTheCaptionTrimmedWithoutBom() throws Exception {
    assertEquals("a red poster 限时特惠", Captions.read(utf8("\uFEFF a red poster 限时特惠\n"), null));
  }

  @Test
  void withoutTextTheMetadataCaptionIsUsed() throws Exception {
    assertEquals(
        "from json", Captions.read(null, utf8("{\"url\":\"u\",\"caption\":\"from json\"}")));
  }

  @Test
  void missingCaption() {
    assertEquals(RejectReason.MISSING_CAPTION, reason(null, null));
    assertEquals(RejectReason.MISSING_CAPTION, reason(null, utf8("{\"url\":\"u\"}")));
    assertEquals(RejectReason.MISSING_CAPTION, reason(null, utf8("not json")));
  }

  @Test
  void invalidUtf8IsRejectedNotReplaced() {
    byte[] latin1 = "caf\u00e9 poster".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(RejectReason.CAPTION_NOT_UTF8, reason(latin1, null));
    assertEquals(RejectReason.CAPTION_NOT_UTF8, reason(new byte[] {'a', (byte) 0xC3}, null));
  }

  @Test
  void blankCaption() {
    assertEquals(RejectReason.EMPTY_CAPTION, reason(utf8("  \n\t"), null));
  }
}
