package io.glyphwright.dataset.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.CorpusSampleJson;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SamplePipelineTest {
  private static final PipelineSettings SETTINGS =
      PipelineSettings.defaults("ppocr").withResize(ResizePolicy.parse("crop:256"));

  private static SamplePipeline fake(EngineHandles.Mode mode) {
    return new SamplePipeline(SETTINGS, FakeOcrEngine.factory(), new EngineHandles(mode, 1));
  }

  private static RawSample raw(String key, byte[] image, String caption) {
    return new RawSample(
        key,
        "in/" + key + ".jpg",
        key + ".jpg",
        image,
        caption == null ? null : Fixtures.utf8(caption),
        null);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void aGoodImageBecomesAnAnnotatedSample() throws Exception {
    try (SamplePipeline p = fake(EngineHandles.Mode.SHARED)) {
      Outcome o =
          p.process(raw("k1", TestImages.jpeg(600, 400, "HELLO"), "  a poster saying HELLO "));
      assertTrue(o.isKept(), () -> o.reason() + ": " + o.detail());
      CorpusSample s = o.record().sample();
      assertEquals("k1", s.key());
      assertEquals(256, s.width());
      assertEquals(256, s.height());
      assertEquals("a poster saying HELLO", s.caption());
      assertEquals("in/k1.jpg", s.source());
      assertEquals("fake", s.ocr().engine());
      assertEquals(1, s.ocr().lines().size());
      assertTrue(s.filters().passed());
      String text = s.ocr().lines().get(0).text();
      // The fake's box is 10..60 % x 10..30 % of 256: 25,25,153,76 -> grid 12,12,77,38
      assertEquals(text + " 12,12,77,38\n", s.layout());
      assertEquals("jpg", o.record().imageExtension());
      BufferedImage stored = ImageIO.read(new ByteArrayInputStream(o.record().image()));
      assertEquals(256, stored.getWidth());
    }
  }

  @Test
  void badInputIsAnOutcomeNeverAnException() {
    try (SamplePipeline p = fake(EngineHandles.Mode.SHARED)) {
      assertEquals(
          RejectReason.MISSING_CAPTION,
          p.process(raw("a", TestImages.jpeg(300, 300, "x"), null)).reason());
      assertEquals(RejectReason.EMPTY_FILE, p.process(raw("b", new byte[0], "c")).reason());
      assertEquals(
          RejectReason.TOO_SMALL,
          p.process(raw("c", TestImages.jpeg(300, 200, "x"), "c")).reason());
      Outcome bomb = p.process(raw("d", TestImages.pngHeaderOnly(20000, 20000), "c"));
      assertEquals(RejectReason.TOO_MANY_PIXELS, bomb.reason());
      assertEquals("d", bomb.key());
      assertEquals("in/d.jpg", bomb.source());
      assertNull(bomb.record());
    }
  }

  @Test
  void filterFailuresNameEveryFailedFilterAndCountTheFirst() {
    EngineFactory empty =
        threads ->
            new OcrEngine() {
              @Override
              public String name() {
                return "empty";
              }

              @Override
              public OcrResult read(BufferedImage image) {
                return new OcrResult("empty", image.getWidth(), image.getHeight(), List.of());
              }

              @Override
              public void close() {}
            };
    try (SamplePipeline p =
        new SamplePipeline(SETTINGS, empty, new EngineHandles(EngineHandles.Mode.SHARED, 1))) {
      Outcome o = p.process(raw("e", TestImages.jpeg(300, 300, "x"), "c"));
      assertEquals(RejectReason.NO_TEXT, o.reason());
    }
    PipelineSettings strict =
        SETTINGS.withFilters(FilterSettings.DEFAULT.withMinConfidence(0.99).withCaptionMatch(1.0));
    try (SamplePipeline p =
        new SamplePipeline(
            strict, FakeOcrEngine.factory(), new EngineHandles(EngineHandles.Mode.SHARED, 1))) {
      Outcome o = p.process(raw("f", TestImages.jpeg(300, 300, "x"), "nothing quoted"));
      assertEquals(RejectReason.LOW_CONFIDENCE, o.reason());
      assertEquals("failed low-confidence, words-not-in-caption", o.detail());
    }
  }

  @Test
  void anEngineFailingOnOneImageRejectsThatImageOnly() {
    EngineFactory flaky =
        threads ->
            new OcrEngine() {
              @Override
              public String name() {
                return "flaky";
              }

              @Override
              public OcrResult read(BufferedImage image) {
                throw new io.glyphwright.ocr.OcrException("native failure");
              }

              @Override
              public void close() {}
            };
    try (SamplePipeline p =
        new SamplePipeline(SETTINGS, flaky, new EngineHandles(EngineHandles.Mode.SHARED, 1))) {
      Outcome o = p.process(raw("g", TestImages.jpeg(300, 300, "x"), "c"));
      assertEquals(RejectReason.OCR_FAILED, o.reason());
      assertTrue(o.detail().contains("native failure"), o.detail());
    }
  }

  /**
   * What a Spark job does: ship the pipeline and the samples, process there, ship outcomes back.
   */
  @Test
  void pipelineSamplesAndOutcomesSurviveSerialisation() throws Exception {
    byte[] image = TestImages.jpeg(320, 300, "SHIP");
    Outcome local;
    try (SamplePipeline p = fake(EngineHandles.Mode.SHARED)) {
      local = p.process(raw("s1", image, "a caption"));
    }
    SamplePipeline shipped = roundTrip(fake(EngineHandles.Mode.PER_WORKER));
    RawSample rawShipped = roundTrip(raw("s1", image, "a caption"));
    Outcome remote;
    try {
      remote = roundTrip(shipped.process(rawShipped));
    } finally {
      shipped.close();
    }
    assertTrue(remote.isKept());
    assertEquals(local.record().sample(), remote.record().sample());
    assertArrayEquals(local.record().image(), remote.record().image());
    assertEquals(
        CorpusSampleJson.print(local.record().sample()),
        CorpusSampleJson.print(remote.record().sample()));
    Outcome rejected = roundTrip(Outcome.rejected("k", "src", RejectReason.CORRUPT_IMAGE, "why"));
    assertEquals(Outcome.rejected("k", "src", RejectReason.CORRUPT_IMAGE, "why"), rejected);
  }

  @Test
  void sharedAndPerWorkerHandlesGiveTheSameOutcomes() throws Exception {
    List<byte[]> images =
        List.of(
            TestImages.jpeg(300, 300, "ONE"),
            TestImages.png(400, 300, "TWO"),
            TestImages.jpeg(512, 512, "THREE"));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    int openedBefore = FakeOcrEngine.OPENED.get();
    try (SamplePipeline shared = fake(EngineHandles.Mode.SHARED);
        SamplePipeline perWorker = fake(EngineHandles.Mode.PER_WORKER)) {
      for (int round = 0; round < 3; round++) {
        List<Future<Outcome>> a =
            images.stream().map(i -> pool.submit(() -> shared.process(raw("k", i, "c")))).toList();
        List<Future<Outcome>> b =
            images.stream()
                .map(i -> pool.submit(() -> perWorker.process(raw("k", i, "c"))))
                .toList();
        for (int i = 0; i < images.size(); i++) {
          assertEquals(a.get(i).get().record().sample(), b.get(i).get().record().sample());
        }
      }
      // One shared engine, and at most one per concurrent read for the other.
      int opened = FakeOcrEngine.OPENED.get() - openedBefore;
      assertTrue(opened >= 2 && opened <= 1 + 3, "engines opened: " + opened);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedPipelineOpensNewEnginesWhenUsedAgainButNotWhileClosing() {
    SamplePipeline p = fake(EngineHandles.Mode.SHARED);
    p.open();
    p.close();
    assertTrue(p.process(raw("k", TestImages.jpeg(300, 300, "x"), "c")).isKept());
    p.close();
  }

  @Test
  void missingModelsFailAtOpenWithTheSetupMessage() {
    PipelineSettings nowhere = SETTINGS.withPpocrModels("/nonexistent/ppocr-v4");
    try (SamplePipeline p = new SamplePipeline(nowhere)) {
      io.glyphwright.ocr.OcrException e =
          assertThrows(io.glyphwright.ocr.OcrException.class, p::open);
      assertTrue(e.getMessage().contains("./glyphwright setup"), e.getMessage());
    }
  }
}
