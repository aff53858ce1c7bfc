package io.glyphwright.ocr.ppocr;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.ocr.Boxes;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.ocr.OcrWord;
import io.glyphwright.ocr.Quad;
import io.glyphwright.ocr.geometry.Homography;
import io.glyphwright.ocr.geometry.Point;
import io.glyphwright.ocr.imaging.PerspectiveCrop;
import io.glyphwright.ocr.imaging.RgbImage;
import io.glyphwright.ocr.ppocr.CtcAlignment.Span;
import io.glyphwright.ocr.ppocr.CtcDecoder.CtcChar;
import io.glyphwright.ocr.ppocr.TextRecognizer.Recognition;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * PP-OCRv4 on ONNX Runtime: DB text detection, a 0°/180° direction classifier and SVTR-CTC
 * recognition, with PP-OCR's preprocessing and post-processing written out in Java.
 *
 * <p>One ONNX Runtime session per model, shared by all threads (sessions are safe to run
 * concurrently); {@link #read} may be called from any number of threads. Character boxes come from
 * the CTC alignment: each character's span of time steps, mapped back through the resize to the
 * line crop, fitted there to the ink ({@link GlyphBoxes}), and mapped through the perspective crop
 * to image pixels.
 */
public final class PpOcrEngine implements OcrEngine {
  public static final String NAME = "ppocr-v4";

  /** PP-OCR's {@code det_db_unclip_ratio}. */
  public static final double UNCLIP_RATIO = 1.5;

  /** Lines recognised with a lower confidence are dropped (PP-OCR's {@code drop_score}). */
  public static final double DROP_SCORE = 0.5;

  private final OrtSession.SessionOptions options;
  private final TextDetector detector;
  private final AngleClassifier classifier;
  private final TextRecognizer recognizer;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private PpOcrEngine(
      OrtSession.SessionOptions options,
      TextDetector detector,
      AngleClassifier classifier,
      TextRecognizer recognizer) {
    this.options = options;
    this.detector = detector;
    this.classifier = classifier;
    this.recognizer = recognizer;
  }

  /**
   * Loads the models from a folder that {@code ./glyphwright setup} filled.
   *
   * @param modelFolder holds the files named in {@link PpOcrModels}
   * @param intraOpThreads ONNX Runtime threads per model run; 0 lets ONNX Runtime choose (all
   *     cores), 1 suits one engine per worker thread
   * @throws OcrException when a file is missing or altered (the message says to run setup), or a
   *     model's inputs are not what this engine feeds
   */
  public static PpOcrEngine open(Path modelFolder, int intraOpThreads) {
    PpOcrModels models = PpOcrModels.in(modelFolder);
    CharacterDictionary dictionary;
    try {
      dictionary = CharacterDictionary.read(models.dictionary());
    } catch (IOException e) {
      throw new OcrException("cannot read " + models.dictionary() + ": " + e.getMessage(), e);
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      opened.add(options);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setInterOpNumThreads(1);
      if (intraOpThreads > 0) {
        options.setIntraOpNumThreads(intraOpThreads);
      }
      TextDetector detector =
          new TextDetector(env, models.detector(), options, DbPostProcessor.PPOCR);
      opened.add(detector);
      AngleClassifier classifier = new AngleClassifier(env, models.classifier(), options);
      opened.add(classifier);
      TextRecognizer recognizer = new TextRecognizer(env, models.recognizer(), options, dictionary);
      return new PpOcrEngine(options, detector, classifier, recognizer);
    } catch (OrtException | RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      if (e instanceof OcrException oe) {
        throw oe;
      }
      throw new OcrException("cannot load the PP-OCRv4 models: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public OcrResult read(BufferedImage image) {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the " + NAME + " engine is closed");
      }
      return readOpen(image);
    } catch (OrtException e) {
      throw new OcrException("PP-OCRv4 failed on the image: " + e.getMessage(), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private OcrResult readOpen(BufferedImage image) throws OrtException {
    RgbImage rgb = RgbImage.of(image);
    List<DetectedText> regions =
        DbPostProcessor.readingOrder(LineRegions.joinRows(detector.detect(rgb)));
    List<PerspectiveCrop> crops = new ArrayList<>(regions.size());
    for (DetectedText region : regions) {
      crops.add(
          PerspectiveCrop.of(rgb, LineRegions.padded(region.quad(), rgb.width(), rgb.height())));
    }
    boolean[] turned = classifier.upsideDown(crops.stream().map(PerspectiveCrop::image).toList());
    for (int i = 0; i < crops.size(); i++) {
      if (turned[i]) {
        crops.set(i, crops.get(i).rotated180());
      }
    }
    List<Recognition> recognitions =
        recognizer.recognize(crops.stream().map(PerspectiveCrop::image).toList());
    List<OcrLine> lines = new ArrayList<>();
    for (int i = 0; i < regions.size(); i++) {
      OcrLine line = line(regions.get(i), crops.get(i), recognitions.get(i), rgb);
      if (line != null) {
        lines.add(line);
      }
    }
    return new OcrResult(NAME, rgb.width(), rgb.height(), lines);
  }

  /** Builds a line from a recognition, or null when it read nothing or too unsure. */
  static OcrLine line(DetectedText region, PerspectiveCrop crop, Recognition rec, RgbImage rgb) {
    InkMask ink = InkMask.of(crop.image());
    CtcDecoder.Decoded decoded =
        new CtcDecoder.Decoded(
            WordGaps.withSpaces(
                rec.decoded().chars(), rec.spaceBefore(), ink, rec.stepWidth(), rec.contentWidth()),
            rec.decoded().confidence());
    String text = decoded.text().replaceAll("\\s+", " ").strip();
    if (text.isEmpty() || decoded.confidence() < DROP_SCORE) {
      return null;
    }
    List<Point> q = region.quad();
    Quad quad =
        new Quad(
            (int) Math.round(q.get(0).x()),
            (int) Math.round(q.get(0).y()),
            (int) Math.round(q.get(1).x()),
            (int) Math.round(q.get(1).y()),
            (int) Math.round(q.get(2).x()),
            (int) Math.round(q.get(2).y()),
            (int) Math.round(q.get(3).x()),
            (int) Math.round(q.get(3).y()));
    Box lineBox = quad.bounds().intersection(new Box(0, 0, rgb.width(), rgb.height()));

    double toCrop = (double) crop.image().width() / rec.contentWidth();
    List<Span> spans = new ArrayList<>();
    for (Span span : CtcAlignment.spans(decoded.chars(), rec.stepWidth(), rec.contentWidth())) {
      spans.add(new Span(span.text(), span.left() * toCrop, span.right() * toCrop));
    }
    List<double[]> glyphs = GlyphBoxes.fit(spans, ink);
    List<CharBox> chars = new ArrayList<>(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      Box box = imageBox(crop.toSource(), glyphs.get(i));
      chars.add(new CharBox(spans.get(i).text(), Boxes.clampInto(box, lineBox)));
    }

    List<OcrWord> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    Box wordBox = null;
    double wordProb = 0;
    int wordChars = 0;
    int next = 0;
    for (CtcChar c : decoded.chars()) {
      if (c.text().isBlank()) {
        if (wordChars > 0) {
          words.add(new OcrWord(word.toString(), wordBox, wordProb / wordChars));
        }
        word.setLength(0);
        wordBox = null;
        wordProb = 0;
        wordChars = 0;
        continue;
      }
      Box b = chars.get(next++).box();
      word.append(c.text());
      wordBox = wordBox == null ? b : Boxes.union(wordBox, b);
      wordProb += c.probability();
      wordChars++;
    }
    if (wordChars > 0) {
      words.add(new OcrWord(word.toString(), wordBox, wordProb / wordChars));
    }
    return new OcrLine(text, quad, lineBox, decoded.confidence(), chars, words);
  }

  /** The image-pixel bounds of a {@code [left, top, right, bottom)} rectangle of the crop. */
  private static Box imageBox(Homography toSource, double[] rect) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (double x : new double[] {rect[0], rect[2]}) {
      for (double y : new double[] {rect[1], rect[3]}) {
        Point p = toSource.apply(x, y);
        minX = Math.min(minX, p.x());
        minY = Math.min(minY, p.y());
        maxX = Math.max(maxX, p.x());
        maxY = Math.max(maxY, p.y());
      }
    }
    return new Box(
        (int) Math.floor(minX),
        (int) Math.floor(minY),
        (int) Math.ceil(maxX),
        (int) Math.ceil(maxY));
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      List<Exception> failures = new ArrayList<>();
      for (AutoCloseable c : List.<AutoCloseable>of(recognizer, classifier, detector, options)) {
        try {
          c.close();
        } catch (Exception e) {
          failures.add(e);
        }
      }
      if (!failures.isEmpty()) {
        OcrException e = new OcrException("closing the " + NAME + " engine failed");
        failures.forEach(e::addSuppressed);
        throw e;
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
