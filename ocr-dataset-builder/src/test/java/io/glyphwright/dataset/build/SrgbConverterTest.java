package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SrgbConverterTest {
  private static BufferedImage decodeToSrgb(byte[] bytes) throws SampleRejectedException {
    BufferedImage rgb =
        SrgbConverter.toIntRgb(ImageDecoder.decode(bytes, PipelineSettings.DEFAULT_MAX_PIXELS, 1));
    assertEquals(BufferedImage.TYPE_INT_RGB, rgb.getType());
    return rgb;
  }

  private static void assertNear(int[] expected, int[] actual, int tolerance) {
    for (int i = 0; i < 3; i++) {
      int e = expected[i];
      int a = actual[i];
      assertTrue(
          Math.abs(e - a) <= tolerance,
          () ->
              "expected "
                  + java.util.Arrays.toString(expected)
                  + " ± "
                  + tolerance
                  + ", got "
                  + java.util.Arrays.toString(actual));
    }
  }

  /**
   * Adobe-style CMYK (APP14 marker, inverted storage, as Photoshop and Pillow write it) and raw
   * CMYK without the marker both come out as the colours the inks make: cyan and yellow.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void cmykJpegIsConvertedToTheRightColours(boolean adobe) throws Exception {
    byte[] jpeg = TestImages.cmykJpeg(64, 32, adobe);
    BufferedImage decoded = ImageDecoder.decode(jpeg, PipelineSettings.DEFAULT_MAX_PIXELS, 1);
    assertEquals(ColorSpace.TYPE_CMYK, decoded.getColorModel().getColorSpace().getType());
    BufferedImage rgb = SrgbConverter.toIntRgb(decoded);
    assertNear(new int[] {0, 255, 255}, TestImages.rgb(rgb, 8, 16), 12);
    assertNear(new int[] {255, 255, 0}, TestImages.rgb(rgb, 56, 16), 12);
  }

  @Test
  void sixteenBitRgbPngIsScaledToEightBits() throws Exception {
    BufferedImage rgb = decodeToSrgb(TestImages.png16Rgb(8, 8, 0xffff, 0x8080, 0x0101));
    assertArrayEquals(new int[] {255, 128, 1}, TestImages.rgb(rgb, 3, 3));
  }

  @Test
  void sixteenBitGrayPngKeepsItsGreyLevel() throws Exception {
    BufferedImage rgb = decodeToSrgb(TestImages.png16Gray(8, 8, 0x4040));
    assertArrayEquals(new int[] {64, 64, 64}, TestImages.rgb(rgb, 2, 5));
  }

  /** Java's own grey-to-RGB path treats grey as linear and would turn 100 into about 170. */
  @Test
  void eightBitGrayIsNotBrightened() throws Exception {
    BufferedImage rgb = decodeToSrgb(TestImages.pngGray(8, 8, 100));
    assertArrayEquals(new int[] {100, 100, 100}, TestImages.rgb(rgb, 1, 1));
  }

  @Test
  void grayWithAlphaIsCompositedOverWhite() throws Exception {
    BufferedImage opaque = decodeToSrgb(TestImages.pngGrayAlpha(8, 8, 40, 255));
    assertArrayEquals(new int[] {40, 40, 40}, TestImages.rgb(opaque, 0, 0));
    BufferedImage half = decodeToSrgb(TestImages.pngGrayAlpha(8, 8, 40, 128));
    int expected = (40 * 128 + 255 * 127 + 127) / 255;
    assertArrayEquals(new int[] {expected, expected, expected}, TestImages.rgb(half, 4, 4));
    BufferedImage clear = decodeToSrgb(TestImages.pngGrayAlpha(8, 8, 0, 0));
    assertArrayEquals(new int[] {255, 255, 255}, TestImages.rgb(clear, 7, 7));
  }

  @Test
  void paletteTransparencyBecomesWhite() throws Exception {
    BufferedImage rgb = decodeToSrgb(TestImages.palettePng(16, 4));
    assertArrayEquals(new int[] {255, 255, 255}, TestImages.rgb(rgb, 2, 2));
    assertArrayEquals(new int[] {255, 0, 0}, TestImages.rgb(rgb, 12, 2));
  }

  @Test
  void argbIsCompositedOverWhite() throws Exception {
    BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x00123456);
    argb.setRGB(1, 0, 0xff123456);
    BufferedImage rgb = SrgbConverter.toIntRgb(argb);
    assertArrayEquals(new int[] {255, 255, 255}, TestImages.rgb(rgb, 0, 0));
    assertArrayEquals(new int[] {0x12, 0x34, 0x56}, TestImages.rgb(rgb, 1, 0));
  }

  @Test
  void anRgbImageIsReturnedAsItIs() throws Exception {
    BufferedImage rgb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    assertEquals(rgb, SrgbConverter.toIntRgb(rgb));
  }

  @Test
  void jpegBgrKeepsItsColours() throws Exception {
    BufferedImage src = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        src.setRGB(x, y, 0x2080c0);
      }
    }
    BufferedImage rgb = SrgbConverter.toIntRgb(src);
    assertArrayEquals(new int[] {0x20, 0x80, 0xc0}, TestImages.rgb(rgb, 5, 5));
  }
}
