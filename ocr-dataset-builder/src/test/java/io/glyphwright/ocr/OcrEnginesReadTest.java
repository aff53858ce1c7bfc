package io.glyphwright.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both real engines read text drawn with installed fonts. The PP-OCR models must be in the cache
 * ({@code ./glyphwright setup}, which {@code ./glyphwright test} runs first); without them these
 * tests fail with the setup message.
 */
class OcrEnginesReadTest {
  private static final Map<OcrEngines.Kind, OcrEngine> ENGINES =
      new EnumMap<>(OcrEngines.Kind.class);

  @BeforeAll
  static void open() {
    for (OcrEngines.Kind kind : OcrEngines.Kind.values()) {
      ENGINES.put(kind, OcrEngines.open(kind.engineName()));
    }
  }

  @AfterAll
  static void close() {
    ENGINES.values().forEach(OcrEngine::close);
  }

  private static OcrResult read(OcrEngines.Kind kind, BufferedImage image) {
    OcrResult result = ENGINES.get(kind).read(image);
    assertEquals(kind.engineName(), result.engine());
    assertEquals(image.getWidth(), result.width());
    assertEquals(image.getHeight(), result.height());
    result.lines().forEach(line -> assertLineConsistent(line, image));
    return result;
  }

  /** What every line must satisfy: boxes inside the image, one char box per visible char. */
  static void assertLineConsistent(OcrLine line, BufferedImage image) {
    Box frame = new Box(0, 0, image.getWidth(), image.getHeight());
    assertTrue(frame.contains(line.box()), () -> "line box outside the image: " + line);
    assertTrue(line.confidence() >= 0 && line.confidence() <= 1, () -> "confidence " + line);
    String visible = line.text().replaceAll("\\s", "");
    assertEquals(visible.codePointCount(0, visible.length()), line.chars().size(), line::toString);
    StringBuilder fromChars = new StringBuilder();
    double previousCentre = Double.NEGATIVE_INFINITY;
    for (CharBox c : line.chars()) {
      fromChars.append(c.c());
      assertTrue(line.box().contains(c.box()), () -> c + " outside its line " + line.box());
      double centre = (c.box().left() + c.box().right()) / 2.0;
      double before = previousCentre;
      assertTrue(centre > before, () -> "characters out of left-to-right order in " + line);
      previousCentre = centre;
    }
    assertEquals(visible, fromChars.toString());
    assertEquals(
        visible, String.join("", line.words().stream().map(OcrWord::text).toList()), "words");
  }

  private static BufferedImage oneLine(String text, Font font, BufferedImage canvas) {
    TextImages.draw(canvas, text, font, Color.BLACK, 40, canvas.getHeight() / 2 + 20, 0);
    return canvas;
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void readsLatinWordsExactly(OcrEngines.Kind kind) {
    BufferedImage image =
        oneLine(
            "SUMMER SALE",
            TextImages.font(TextImages.LATIN, Font.BOLD, 56),
            TextImages.white(512, 160));
    OcrResult result = read(kind, image);
    assertEquals("SUMMER SALE", result.text());
    assertEquals(2, result.lines().get(0).words().size());
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void readsChineseExactly(OcrEngines.Kind kind) {
    BufferedImage image =
        oneLine(
            "新年快乐",
            TextImages.font(TextImages.CHINESE, Font.PLAIN, 64),
            TextImages.white(384, 160));
    assertEquals("新年快乐", read(kind, image).text());
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void readsPriceExactly(OcrEngines.Kind kind) {
    BufferedImage image =
        oneLine(
            "$99", TextImages.font(TextImages.LATIN, Font.BOLD, 64), TextImages.white(256, 160));
    assertEquals("$99", read(kind, image).text());
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void readsMixedLineExactly(OcrEngines.Kind kind) {
    BufferedImage image =
        oneLine(
            "限时 50% OFF",
            TextImages.font(TextImages.CHINESE, Font.PLAIN, 52), TextImages.white(512, 160));
    assertEquals("限时 50% OFF", read(kind, image).text());
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void readsLinesOnANoisyBackgroundInReadingOrder(OcrEngines.Kind kind) {
    BufferedImage image = TextImages.noisy(512, 512, 7);
    Color ink = new Color(30, 20, 60);
    TextImages.draw(
        image, "FRESH COFFEE", TextImages.font(TextImages.LATIN, Font.BOLD, 50), ink, 40, 110, 0);
    TextImages.draw(
        image, "新年快乐", TextImages.font(TextImages.CHINESE, Font.BOLD, 60), ink, 60, 260, 0);
    TextImages.draw(
        image,
        "Only $99 today",
        TextImages.font(TextImages.LATIN, Font.PLAIN, 42),
        ink,
        40,
        400,
        0);
    List<String> texts = read(kind, image).lines().stream().map(OcrLine::text).toList();
    assertEquals(List.of("FRESH COFFEE", "新年快乐", "Only $99 today"), texts);
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void blankImageHasNoLines(OcrEngines.Kind kind) {
    assertEquals(List.of(), read(kind, TextImages.white(320, 240)).lines());
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void characterBoxesFollowTheGlyphs(OcrEngines.Kind kind) {
    BufferedImage image = TextImages.white(512, 160);
    List<CharBox> truth =
        TextImages.draw(
            image,
            "HELLO WORLD",
            TextImages.font(TextImages.LATIN, Font.BOLD, 52),
            Color.BLACK,
            30,
            100,
            0);
    OcrLine line = read(kind, image).lines().get(0);
    assertEquals("HELLO WORLD", line.text());
    double error = 0;
    for (int i = 0; i < truth.size(); i++) {
      Box t = truth.get(i).box();
      Box r = line.chars().get(i).box();
      error += Math.abs((t.left() + t.right()) / 2.0 - (r.left() + r.right()) / 2.0) / t.height();
    }
    double meanCentreError = error / truth.size();
    // Measured: PP-OCR ≈ 0.03, Tesseract ≈ 0.03 of the text height.
    assertTrue(meanCentreError < 0.15, () -> kind + " mean centre error " + meanCentreError);
  }

  @ParameterizedTest
  @EnumSource(OcrEngines.Kind.class)
  void concurrentReadsAgree(OcrEngines.Kind kind) throws Exception {
    BufferedImage image =
        oneLine(
            "OPEN DAILY",
            TextImages.font(TextImages.LATIN, Font.BOLD, 48),
            TextImages.white(480, 160));
    OcrResult alone = read(kind, image);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<OcrResult>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> ENGINES.get(kind).read(image)));
      }
      for (Future<OcrResult> f : futures) {
        assertEquals(alone, f.get());
      }
    } finally {
      pool.shutdown();
    }
  }
}
