package io.glyphwright.web.generation;

import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.diffusion.generate.LineVerdict;
import io.glyphwright.diffusion.generate.PngMetadata;
import io.glyphwright.eval.fidelity.OcrTextCheck;
import io.glyphwright.ocr.OcrEngines;
import io.glyphwright.ocr.OcrException;
import io.glyphwright.web.jobs.JobContext;
import io.glyphwright.web.jobs.JobOutcome;
import io.glyphwright.web.jobs.JobWork;
import io.glyphwright.web.ocr.OcrService;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code generate} job: runs the {@link ImageGenerator} (progress per step, preview frames),
 * saves each image as a PNG carrying its parameters ({@code iTXt glyphwright}, docs/GENERATION.md)
 * under the job's {@code images/}, and reports per image its seed and, per requested line, whether
 * PP-OCR read it and how well.
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
    List<GeneratedImage> images = generator.generate(request, context);
    context.checkCancelled();
    List<String> expected = request.layout().lines().stream().map(TextLine::text).toList();
    List<Map<String, Object>> checks = new ArrayList<>();
    List<Map<String, Object>> lines = new ArrayList<>();
    String ocrProblem = null;
    for (GeneratedImage g : images) {
      int k = g.index();
      List<LineVerdict> verdicts = g.verdicts();
      if (verdicts == null && ocrProblem == null) {
        context.progress(0.9 + 0.1 * k / images.size(), "reading image " + (k + 1) + " with OCR");
        try {
          verdicts =
              new OcrTextCheck(ocr.engine(OcrEngines.Kind.PPOCR_V4)).check(g.image(), expected);
        } catch (OcrException e) {
          ocrProblem = e.getMessage();
        }
      }
      int index = context.saveImage(png(context.folder(), g), "image " + (k + 1));
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("image", index);
      check.put("url", "/v1/jobs/" + context.jobId() + "/images/" + index + ".png");
      check.put("seed", g.seed());
      check.put("candidate", g.candidate());
      if (verdicts == null || (verdicts.isEmpty() && !expected.isEmpty())) {
        check.put(
            "unavailable", ocrProblem != null ? ocrProblem : "the image was not read back by OCR");
      } else {
        List<Map<String, Object>> vs = new ArrayList<>();
        for (LineVerdict v : verdicts) {
          Map<String, Object> m = verdict(v);
          vs.add(m);
          Map<String, Object> line = new LinkedHashMap<>();
          line.put("image", index);
          line.put("seed", g.seed());
          line.putAll(m);
          lines.add(line);
        }
        long read = verdicts.stream().filter(LineVerdict::read).count();
        double score = verdicts.stream().mapToDouble(LineVerdict::score).average().orElse(1.0);
        check.put("linesRead", read);
        check.put("lines", verdicts.size());
        check.put("score", score);
        check.put("verdicts", vs);
        DistributionSummary.builder("glyphwright.generate.ocr.score")
            .description("Mean OCR score of the requested lines per generated image")
            .register(meters)
            .record(score);
      }
      checks.add(check);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("model", generator.modelName());
    Object sha = generator.describe().get("sha256");
    if (sha != null) {
      result.put("modelSha256", sha);
    }
    result.put("prompt", request.prompt());
    result.put("planner", request.planner());
    result.put("layoutTd2", Td2Format.print(request.layout()));
    result.put("width", request.layout().width());
    result.put("height", request.layout().height());
    result.put("steps", request.steps());
    result.put("seed", request.seed());
    result.put("guidance", request.guidance());
    result.put("scheduler", request.scheduler());
    result.put("guidanceMode", request.guidanceMode().id());
    result.put("promptGuidance", request.promptGuidance());
    result.put("n", request.n());
    result.put("bestOf", request.bestOf());
    result.put("ocrEngine", "ppocr-v4");
    result.put("checks", checks);
    return new JobOutcome(lines, result);
  }

  static Map<String, Object> verdict(LineVerdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", v.text());
    m.put("read", v.read());
    m.put("score", v.score());
    m.put("readAs", v.readAs());
    return m;
  }

  /** Any image as PNG bytes. */
  public static byte[] png(java.awt.image.RenderedImage image) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (!javax.imageio.ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer for this image");
    }
    return out.toByteArray();
  }

  /** The image as PNG bytes, with its metadata chunk when the generator gave one. */
  public static byte[] png(Path folder, GeneratedImage g) throws IOException {
    if (g.metadata() == null) {
      return png(g.image());
    }
    Path tmp = Files.createTempFile(folder, ".generated-", ".png");
    try {
      PngMetadata.write(tmp, g.image(), g.metadata());
      return Files.readAllBytes(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
