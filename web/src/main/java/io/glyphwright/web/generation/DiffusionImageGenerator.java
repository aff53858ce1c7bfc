package io.glyphwright.web.generation;

import io.glyphwright.diffusion.generate.GenerationException;
import io.glyphwright.diffusion.generate.GenerationResult;
import io.glyphwright.diffusion.generate.Generator;
import io.glyphwright.diffusion.generate.PngMetadata;
import io.glyphwright.diffusion.pkg.GlyphUnetPackage;
import io.glyphwright.diffusion.sampling.CancellationToken;
import io.glyphwright.diffusion.sampling.ProgressListener;
import io.glyphwright.diffusion.sampling.SamplingCancelledException;
import io.glyphwright.web.jobs.JobCancelledException;
import io.glyphwright.web.jobs.JobContext;
import io.glyphwright.web.jobs.JobFailedException;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates with diffusion-service's {@link Generator} on a loaded glyph-unet package: progress
 * every step, a preview frame (the sampler's cheap denoised estimate, {@code r} times smaller than
 * the image) every few steps, cancellation between steps, and every image read back by the text
 * check the generator was opened with (PP-OCR through the evaluation's {@code OcrTextCheck}).
 */
public final class DiffusionImageGenerator implements ImageGenerator, AutoCloseable {
  /** Preview frames per sampler run, at most (the last step always sends one). */
  static final int FRAMES_PER_RUN = 4;

  /** Largest side the sampler paints (docs/GENERATION.md). */
  static final int SAMPLER_MAX_SIDE = 1024;

  private final Generator generator;
  private final GlyphUnetPackage pkg;
  private final int minSide;
  private final int maxSide;

  /**
   * @param minSide smallest side the service accepts ({@code glyphwright.limits.min-side})
   * @param maxSide largest side the service accepts ({@code glyphwright.limits.max-side})
   */
  public DiffusionImageGenerator(Generator generator, int minSide, int maxSide) {
    this.generator = generator;
    this.pkg = generator.modelPackage();
    int m = pkg.spec().sizeMultiple();
    this.minSide = Math.max(((Math.max(16, minSide) + m - 1) / m) * m, m);
    this.maxSide = (Math.min(SAMPLER_MAX_SIDE, maxSide) / m) * m;
  }

  @Override
  public String modelName() {
    return pkg.name();
  }

  public GlyphUnetPackage modelPackage() {
    return pkg;
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("name", pkg.name());
    d.put("sha256", pkg.onnxSha256());
    d.put("resolution", pkg.resolution());
    d.put("sizeMultiple", pkg.spec().sizeMultiple());
    d.put("minSide", minSide);
    d.put("maxSide", maxSide);
    d.put("trainSteps", pkg.spec().scheduler().schedule().trainSteps());
    d.put("textCheck", generator.hasTextCheck());
    return d;
  }

  @Override
  public void check(int width, int height, int steps, int bestOf) {
    int m = pkg.spec().sizeMultiple();
    for (String field : List.of("width", "height")) {
      int side = field.equals("width") ? width : height;
      if (side % m != 0 || side < minSide || side > maxSide) {
        throw ApiProblem.field(
            ProblemType.OUT_OF_RANGE,
            field,
            field
                + " "
                + side
                + " does not fit model "
                + pkg.name()
                + ": it paints sides that are multiples of "
                + m
                + " pixels from "
                + minSide
                + " to "
                + maxSide
                + "; it was trained at "
                + pkg.resolution()
                + "×"
                + pkg.resolution()
                + ", the size to prefer");
      }
    }
    checkSteps(steps);
    if (bestOf > 1 && !generator.hasTextCheck()) {
      throw ApiProblem.field(
          ProblemType.OUT_OF_RANGE,
          "bestOf",
          "bestOf "
              + bestOf
              + " needs the ppocr-v4 OCR engine to choose between candidates, and it is not"
              + " installed: use bestOf 1, or run ./glyphwright setup");
    }
  }

  @Override
  public void checkSteps(int steps) {
    int trainSteps = pkg.spec().scheduler().schedule().trainSteps();
    if (steps > trainSteps) {
      throw ApiProblem.field(
          ProblemType.OUT_OF_RANGE,
          "steps",
          "steps "
              + steps
              + " is more than model "
              + pkg.name()
              + " was trained with ("
              + trainSteps
              + "): use 1 to "
              + trainSteps);
    }
  }

  @Override
  public List<GeneratedImage> generate(GenerationRequest request, JobContext context) {
    io.glyphwright.diffusion.generate.GenerationRequest req =
        new io.glyphwright.diffusion.generate.GenerationRequest(
            request.prompt(),
            request.layout(),
            request.steps(),
            request.guidance(),
            request.scheduler(),
            request.seed(),
            request.n(),
            request.bestOf(),
            request.guidanceMode(),
            request.promptGuidance());
    CancellationToken token = CancellationToken.create();
    int steps = request.steps();
    int frameEvery = Math.max(1, (steps + FRAMES_PER_RUN - 1) / FRAMES_PER_RUN);
    ProgressListener listener =
        (step, total, preview) -> {
          int run = (step - 1) / steps;
          int image = run / request.bestOf();
          int candidate = run % request.bestOf();
          int inRun = step - run * steps;
          String what =
              "image "
                  + (image + 1)
                  + " of "
                  + request.n()
                  + (request.bestOf() > 1
                      ? ", candidate " + (candidate + 1) + " of " + request.bestOf()
                      : "")
                  + ": step "
                  + inRun
                  + " of "
                  + steps;
          try {
            context.progress(0.9 * step / total, what);
            if (preview != null && (inRun % frameEvery == 0 || inRun == steps)) {
              context.frame(GenerationWork.png(preview.image(0)), image, what);
            }
          } catch (JobCancelledException e) {
            token.cancel(); // the sampler stops before its next step
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    GenerationResult result;
    try {
      context.checkCancelled();
      result = generator.generate(req, listener, token);
    } catch (SamplingCancelledException e) {
      throw new JobCancelledException();
    } catch (IllegalArgumentException e) {
      throw new JobFailedException(e.getMessage(), e);
    } catch (GenerationException e) {
      throw new JobFailedException(
          "model " + pkg.name() + " failed: " + e.getMessage() + "; the error is logged", e);
    }
    List<GeneratedImage> images = new ArrayList<>();
    for (int k = 0; k < result.images().size(); k++) {
      var g = result.images().get(k);
      images.add(
          new GeneratedImage(
              g.index(),
              g.seed(),
              g.candidate(),
              g.image(),
              generator.hasTextCheck() ? g.verdicts() : null,
              PngMetadata.describe(result, k)));
    }
    return images;
  }

  @Override
  public void close() {
    generator.close();
  }
}
