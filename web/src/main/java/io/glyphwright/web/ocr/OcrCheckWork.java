package io.glyphwright.web.ocr;

import io.glyphwright.core.Box;
import io.glyphwright.eval.match.LineMatcher;
import io.glyphwright.eval.match.LineVerdict;
import io.glyphwright.eval.match.Matching;
import io.glyphwright.eval.match.ReadLine;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.ocr.OcrLine;
import io.glyphwright.ocr.OcrResult;
import io.glyphwright.web.jobs.JobContext;
import io.glyphwright.web.jobs.JobFailedException;
import io.glyphwright.web.jobs.JobOutcome;
import io.glyphwright.web.jobs.JobWork;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An OCR check: reads the uploaded image with an OCR engine and, when the request lists the texts
 * the image should show, says for each whether it was read exactly (the same line matcher as the
 * evaluation harness: {@link LineMatcher}). Generation will run the same check on its images.
 */
public final class OcrCheckWork implements JobWork {
  public static final String KIND = "ocr";
  static final String INPUT = "input.";

  private final OcrService engines;
  private final OcrEngines.Kind kind;
  private final String inputFile;
  private final List<String> expected;
  private final MeterRegistry meters;

  public OcrCheckWork(
      OcrService engines,
      OcrEngines.Kind kind,
      String inputFile,
      List<String> expected,
      MeterRegistry meters) {
    this.engines = engines;
    this.kind = kind;
    this.inputFile = inputFile;
    this.expected = List.copyOf(expected);
    this.meters = meters;
  }

  @Override
  public JobOutcome run(JobContext context) throws Exception {
    context.progress(0.05, "decoding the image");
    BufferedImage image =
        ImageUploads.decode(Files.readAllBytes(context.folder().resolve(inputFile)));
    if (image == null) {
      throw new JobFailedException("the stored upload can no longer be decoded: upload it again");
    }
    context.progress(0.15, "loading OCR engine " + kind.engineName());
    OcrEngine engine;
    try {
      engine = engines.engine(kind);
    } catch (OcrException e) {
      throw new JobFailedException(e.getMessage(), e);
    }
    context.progress(0.3, "reading text with " + kind.engineName());
    OcrResult read;
    try {
      read = engine.read(image);
    } catch (OcrException e) {
      throw new JobFailedException("OCR failed on this image: " + e.getMessage(), e);
    }
    context.checkCancelled();
    context.progress(0.9, "matching the expected texts");
    return check(read, expected, meters);
  }

  /**
   * The lines read (text, box, quad, confidence), their mean confidence as {@code score}, and, when
   * texts are expected, a verdict for each: read exactly or missed.
   */
  public static JobOutcome check(OcrResult read, List<String> expected, MeterRegistry meters) {
    List<Map<String, Object>> lines = new ArrayList<>();
    double sum = 0;
    for (OcrLine line : read.lines()) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("text", line.text());
      l.put("box", line.box().toList());
      l.put("quad", line.quad().toList());
      l.put("confidence", round(line.confidence()));
      lines.add(l);
      sum += line.confidence();
    }
    Double score = read.lines().isEmpty() ? null : round(sum / read.lines().size());
    if (score != null) {
      DistributionSummary.builder("glyphwright.ocr.score")
          .description("Mean confidence of the lines an OCR check read, 0..1")
          .tag("engine", read.engine())
          .minimumExpectedValue(0.01)
          .maximumExpectedValue(1.0)
          .publishPercentileHistogram()
          .register(meters)
          .record(score);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("engine", read.engine());
    result.put("width", read.width());
    result.put("height", read.height());
    result.put("score", score);
    if (!expected.isEmpty()) {
      List<ReadLine> readLines =
          read.lines().stream().map(l -> new ReadLine(l.text(), l.box(), l.confidence())).toList();
      List<RequestedLine> want =
          expected.stream().map(t -> new RequestedLine(t, (Box) null)).toList();
      Matching matching = LineMatcher.match(want, readLines);
      List<Map<String, Object>> verdicts = new ArrayList<>();
      for (LineVerdict v : matching.lines()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", v.requested());
        m.put("read", v.exact());
        m.put("match", v.kind().name().toLowerCase(Locale.ROOT));
        m.put("similarity", round(v.ned()));
        m.put("bestRead", v.bestRead());
        verdicts.add(m);
      }
      result.put("verdicts", verdicts);
      result.put("readCount", matching.exactCount());
    }
    return new JobOutcome(lines, result);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
