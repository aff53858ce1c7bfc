package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private static final long LIMIT = PipelineSettings.DEFAULT_MAX_PIXELS;

  private static RejectReason rejection(byte[] bytes) {
    return assertThrows(SampleRejectedException.class, () -> ImageDecoder.decode(bytes, LIMIT, 16))
        .reason();
  }

  @Test
  void decodesAGoodJpegAndPng() throws Exception {
    BufferedImage jpg = ImageDecoder.decode(TestImages.jpeg(300, 200, "HELLO"), LIMIT, 16);
    assertEquals(300, jpg.getWidth());
    assertEquals(200, jpg.getHeight());
    BufferedImage png = ImageDecoder.decode(TestImages.png(64, 80, "A"), LIMIT, 16);
    assertEquals(80, png.getHeight());
  }

  @Test
  void zeroBytesAreAnEmptyFile() {
    assertEquals(RejectReason.EMPTY_FILE, rejection(new byte[0]));
  }

  @Test
  void aTextFileNamedJpgIsNotAnImage() {
    byte[] text = "this is not a picture, just words\n".getBytes(StandardCharsets.UTF_8);
    assertEquals(RejectReason.NOT_AN_IMAGE, rejection(text));
  }

  @Test
  void webpAndAvifAreRecognisedAsUnsupportedFormats() {
    byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
    byte[] avif = "\0\0\0\u001cftypavif\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(RejectReason.UNSUPPORTED_FORMAT, rejection(webp));
    assertEquals(RejectReason.UNSUPPORTED_FORMAT, rejection(avif));
  }

  @Test
  void aTruncatedJpegIsCorruptNotHalfGrey() {
    byte[] full = TestImages.jpeg(400, 300, "TRUNCATED");
    byte[] half = Arrays.copyOf(full, full.length / 2);
    SampleRejectedException e =
        assertThrows(SampleRejectedException.class, () -> ImageDecoder.decode(half, LIMIT, 16));
    assertEquals(RejectReason.CORRUPT_IMAGE, e.reason());
    assertTrue(e.getMessage().toLowerCase().contains("premature end"), e.getMessage());
  }

  @Test
  void aTruncatedPngIsCorrupt() {
    byte[] full = TestImages.png(400, 300, "TRUNCATED");
    assertEquals(RejectReason.CORRUPT_IMAGE, rejection(Arrays.copyOf(full, full.length / 2)));
  }

  @Test
  void aJpegCutInsideItsHeaderIsCorrupt() {
    byte[] full = TestImages.jpeg(400, 300, "X");
    assertEquals(RejectReason.CORRUPT_IMAGE, rejection(Arrays.copyOf(full, 40)));
  }

  /**
   * The header says 20000×20000 RGBA but the data is 64 bytes: a decoder that went ahead would
   * allocate 1.6 GB and then fail with corrupt data. The reason proves the header check came first.
   */
  @Test
  void aHugePngIsRefusedFromItsHeaderBeforeDecoding() {
    SampleRejectedException e =
        assertThrows(
            SampleRejectedException.class,
            () -> ImageDecoder.decode(TestImages.pngHeaderOnly(20000, 20000), LIMIT, 16));
    assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
    assertTrue(e.getMessage().contains("20000x20000"), e.getMessage());
  }

  /** A real, valid 20000×20000 PNG (all black, about 50 KB) is refused too, and quickly. */
  @Test
  void aValidDecompressionBombIsRefusedQuickly() {
    byte[] bomb = TestImages.pngAllZero1Bit(20000, 20000);
    assertTrue(bomb.length < 200_000, "the bomb is small: " + bomb.length);
    long start = System.nanoTime();
    assertEquals(RejectReason.TOO_MANY_PIXELS, rejection(bomb));
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "refusing took over a second");
  }

  @Test
  void theLimitIsWidthTimesHeight() throws Exception {
    byte[] img = TestImages.png(100, 50, "A");
    assertEquals(100, ImageDecoder.decode(img, 5000, 16).getWidth());
    SampleRejectedException e =
        assertThrows(SampleRejectedException.class, () -> ImageDecoder.decode(img, 4999, 16));
    assertEquals(RejectReason.TOO_MANY_PIXELS, e.reason());
  }

  @Test
  void aShortSideBelowTheMinimumIsTooSmall() throws Exception {
    byte[] img = TestImages.png(400, 200, "A");
    assertEquals(200, ImageDecoder.decode(img, LIMIT, 200).getHeight());
    SampleRejectedException e =
        assertThrows(SampleRejectedException.class, () -> ImageDecoder.decode(img, LIMIT, 201));
    assertEquals(RejectReason.TOO_SMALL, e.reason());
  }
}
