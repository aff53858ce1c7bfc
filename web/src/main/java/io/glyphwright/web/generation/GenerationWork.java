package io.glyphwright.web.generation;

import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.ocr.OcrEngine;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.web.jobs.JobContext;
import io.glyphwright.web.jobs.JobOutcome;
import io.glyphwright.web.jobs.JobWork;
import io.glyphwright.web.ocr.OcrCheckWork;
import io.glyphwright.web.ocr.OcrService;
import io.micrometer.core.instrument.MeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A {@code generate} job: runs the {@link ImageGenerator}, saves each image, then OCR-checks each
 * against the layout's lines (read or missed), and records the parameters that reproduce the run.
 */
public final class GenerationWork implements JobWork {
  public static final String KIND = "generate";

  private final ImageGenerator generator;
  private final GenerationRequest request;
  private final OcrService ocr;
  private final MeterRegistry meters;

  public GenerationWork(
      ImageGenerator generator, GenerationRequest request, OcrService ocr, MeterRegistry meters) {
    this.generator = generator;
    this.request = request;
    this.ocr = ocr;
    this.meters = meters;
  }

  @Override
  public JobOutcome run(JobContext context) throws Exception {
    context.progress(0.0, "generating with " + generator.modelName());
    List<BufferedImage> images = generator.generate(request, context);
    context.checkCancelled();
    List<String> expected = request.layout().lines().stream().map(TextLine::text).toList();
    List<Map<String, Object>> checks = new ArrayList<>();
    OcrEngine engine = null;
    String ocrProblem = null;
    try {
      engine = ocr.engine(OcrEngines.Kind.PPOCR_V4);
    } catch (OcrException e) {
      ocrProblem = e.getMessage();
    }
    for (int k = 0; k < images.size(); k++) {
      context.progress(0.9 + 0.1 * k / images.size(), "checking image " + (k + 1) + " with OCR");
      int index = context.saveImage(png(images.get(k)), "image " + (k + 1));
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("image", index);
      if (engine != null) {
        JobOutcome read = OcrCheckWork.check(engine.read(images.get(k)), expected, meters);
        check.put("lines", read.ocr());
        check.putAll(read.result());
      } else {
        check.put("unavailable", ocrProblem);
      }
      checks.add(check);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", generator.modelName());
    result.put("prompt", request.prompt());
    result.put("planner", request.planner());
    result.put("layoutTd2", Td2Format.print(request.layout()));
    result.put("width", request.layout().width());
    result.put("height", request.layout().height());
    result.put("steps", request.steps());
    result.put("seed", request.seed());
    result.put("guidance", request.guidance());
    result.put("scheduler", request.scheduler());
    result.put("n", request.n());
    result.put("checks", checks);
    return new JobOutcome(List.of(), result);
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer for image type " + image.getType());
    }
    return out.toByteArray();
  }
}
