package io.glyphwright.dataset.build;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.ocr.OcrWord;
import io.glyphwright.ocr.Quad;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stand-in for an OCR engine: it "reads" one line, {@code TEXT<n>} where n is a
 * digest of the pixels, in a box over 10–60 % of the width and 10–30 % of the height, confidence
 * 0.95. Different pictures give different texts, so tests see that each sample got its own result.
 */
final class FakeOcrEngine implements OcrEngine {
  static final AtomicInteger OPENED = new AtomicInteger();

  private volatile boolean closed;

  FakeOcrEngine() {
    OPENED.incrementAndGet();
  }

  /** A factory for pipelines. */
  static EngineFactory factory() {
    return threads -> new FakeOcrEngine();
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public OcrResult read(BufferedImage image) {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    long digest = 0;
    for (int y = 0; y < h; y += 3) {
      for (int x = 0; x < w; x += 3) {
        digest = digest * 31 + (image.getRGB(x, y) & 0xffffff);
      }
    }
    String text = "TEXT" + Math.floorMod(digest, 100000);
    Box box = new Box(w / 10, h / 10, w * 6 / 10, h * 3 / 10);
    List<CharBox> chars = new ArrayList<>();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      int l = box.left() + box.width() * i / n;
      int r = box.left() + box.width() * (i + 1) / n;
      chars.add(new CharBox(text.substring(i, i + 1), new Box(l, box.top(), r, box.bottom())));
    }
    OcrLine line =
        new OcrLine(text, Quad.of(box), box, 0.95, chars, List.of(new OcrWord(text, box, 0.95)));
    return new OcrResult(name(), w, h, List.of(line));
  }

  @Override
  public void close() {
    closed = true;
  }
}
