package io.glyphwright.web.batch;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.Td2Format;
import io.glyphwright.diffusion.generate.LineVerdict;
import io.glyphwright.diffusion.sampling.GuidanceMode;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import io.glyphwright.glyph.UnknownFontException;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.PromptException;
import io.glyphwright.layout.llm.LlmPlannerException;
import io.glyphwright.web.generation.GeneratedImage;
import io.glyphwright.web.generation.GenerationRequest;
import io.glyphwright.web.generation.ImageGenerator;
import io.glyphwright.web.jobs.JobCancelledException;
import io.glyphwright.web.jobs.JobContext;
import io.glyphwright.web.jobs.JobFailedException;
import io.glyphwright.web.jobs.JobOutcome;
import io.glyphwright.web.jobs.JobWork;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A layout + glyph batch: plans each item's layout, renders its glyph mask (saved as the job's
 * image k and sent as a preview), and packs {@code masks/NNNN.png}, {@code layouts.csv} and {@code
 * layouts.jsonl} into {@code result.zip}. An item that cannot be planned or rendered gets its
 * reason in the CSV's {@code error} column; the others go on. With a generator, each item also gets
 * its generated image ({@code images/NNNN.png}, with its PNG metadata; seed = the batch's seed +
 * item index − 1; steps, guidance, scheduler, guidance mode and prompt guidance the batch's) and
 * the ZIP an {@code ocr.csv} with the OCR verdict on every requested line.
 */
public final class BatchWork implements JobWork {
  public static final String KIND = "batch";
  public static final String RESULT = "result.zip";

  private final List<BatchItem> items;
  private final LayoutPlanner planner;
  private final GlyphRenderer renderer;
  private final LayoutLimits limits;
  private final boolean fromCsv;
  private final Generation generation;

  /**
   * How a batch generates: the generator and the parameters every item uses.
   *
   * @param seed item k (1-based) uses {@code seed + k − 1}
   * @param guidanceMode what the unconditional pass of guidance leaves out; null means {@link
   *     GenerationRequest#DEFAULT_GUIDANCE_MODE}
   * @param promptGuidance the scale of the prompt's part in guidance mode glyphs; 1 in the others
   */
  public record Generation(
      ImageGenerator generator,
      int steps,
      double guidance,
      String scheduler,
      long seed,
      GuidanceMode guidanceMode,
      double promptGuidance) {
    public Generation {
      Objects.requireNonNull(generator, "generator");
      Objects.requireNonNull(scheduler, "scheduler");
      if (guidanceMode == null) {
        guidanceMode = GenerationRequest.DEFAULT_GUIDANCE_MODE;
      }
    }
  }

  public BatchWork(
      List<BatchItem> items,
      LayoutPlanner planner,
      GlyphRenderer renderer,
      LayoutLimits limits,
      boolean fromCsv) {
    this(items, planner, renderer, limits, fromCsv, null);
  }

  /**
   * @param generation how to generate each item's image, or null for layouts and masks only
   */
  public BatchWork(
      List<BatchItem> items,
      LayoutPlanner planner,
      GlyphRenderer renderer,
      LayoutLimits limits,
      boolean fromCsv,
      Generation generation) {
    this.items = List.copyOf(items);
    this.planner = planner;
    this.renderer = renderer;
    this.limits = limits;
    this.fromCsv = fromCsv;
    this.generation = generation;
  }

  @Override
  public JobOutcome run(JobContext context) throws IOException {
    List<String> header = new ArrayList<>();
    header.add("index");
    if (fromCsv) {
      header.addAll(ProductCsv.COLUMNS);
    }
    header.addAll(
        List.of("prompt", "width", "height", "planner", "layout_td2", "mask", "notes", "error"));
    if (generation != null) {
      header.addAll(List.of("image", "seed", "lines_read", "image_error"));
    }
    StringBuilder csv = new StringBuilder(csvRow(header));
    StringBuilder ocrCsv =
        new StringBuilder(
            csvRow(List.of("item", "line", "text", "read", "score", "readAs", "seed")));
    Map<Integer, byte[]> generated = new LinkedHashMap<>();
    int generatedFailed = 0;
    StringBuilder jsonl = new StringBuilder();
    Map<Integer, byte[]> masks = new LinkedHashMap<>();
    int failed = 0;
    for (int k = 0; k < items.size(); k++) {
      context.progress((double) k / items.size(), "item " + (k + 1) + " of " + items.size());
      BatchItem item = items.get(k);
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(k + 1));
      row.addAll(item.fields());
      row.add(item.prompt());
      row.add(Integer.toString(item.width()));
      row.add(Integer.toString(item.height()));
      String maskName = String.format("masks/%04d.png", k + 1);
      try {
        PlanResult plan =
            planner.plan(
                new PlanRequest(item.prompt(), new Canvas(item.width(), item.height()), limits));
        GlyphRendering rendering = renderer.render(plan.layout());
        byte[] png = GlyphImages.pngBytes(rendering.mask());
        context.saveImage(png, "mask " + (k + 1));
        masks.put(k + 1, png);
        row.add(plan.planner());
        row.add(Td2Format.print(plan.layout()).strip());
        row.add(maskName);
        row.add(String.join(" ", plan.messages()));
        row.add("");
        jsonl.append(LayoutJson.print(rendering.layout())).append('\n');
        if (generation != null) {
          String imageError =
              generate(context, k, item, plan.planner(), rendering, row, ocrCsv, generated);
          if (imageError != null) {
            generatedFailed++;
          }
        }
      } catch (PromptException | LayoutException | UnknownFontException | LlmPlannerException e) {
        failed++;
        row.addAll(List.of(planner.name(), "", "", "", e.getMessage()));
        if (generation != null) {
          row.addAll(List.of("", "", "", "no layout"));
        }
        jsonl.append("null\n");
      }
      csv.append(csvRow(row));
    }
    context.checkCancelled();
    context.progress(0.99, "packing result.zip");
    Path zip = context.folder().resolve(RESULT);
    AtomicFiles.write(
        zip,
        zip(
            masks,
            csv.toString(),
            jsonl.toString(),
            generated,
            generation == null ? null : ocrCsv.toString()));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", items.size());
    result.put("failed", failed);
    if (generation != null) {
      result.put("model", generation.generator().modelName());
      result.put("generated", generated.size());
      result.put("generationFailed", generatedFailed);
      result.put("steps", generation.steps());
      result.put("seed", generation.seed());
      result.put("guidance", generation.guidance());
      result.put("scheduler", generation.scheduler());
      result.put("guidanceMode", generation.guidanceMode().id());
      result.put("promptGuidance", generation.promptGuidance());
    }
    result.put("download", "/v1/batches/" + context.jobId() + "/" + RESULT);
    result.put("bytes", Files.size(zip));
    return new JobOutcome(List.of(), result);
  }

  /**
   * Generates item k's image (saved as a job image and kept for the ZIP), appends its columns to
   * the item's row and its verdicts to ocr.csv; returns why it failed, or null.
   */
  private String generate(
      JobContext context,
      int k,
      BatchItem item,
      String plannerName,
      GlyphRendering rendering,
      List<String> row,
      StringBuilder ocrCsv,
      Map<Integer, byte[]> generated)
      throws IOException {
    ImageGenerator generator = generation.generator();
    long seed = generation.seed() + k;
    String imageName = String.format("images/%04d.png", k + 1);
    try {
      generator.check(item.width(), item.height(), generation.steps(), 1);
      GenerationRequest request =
          new GenerationRequest(
              item.prompt(),
              rendering.layout(),
              plannerName,
              generation.steps(),
              seed,
              generation.guidance(),
              generation.scheduler(),
              1,
              1,
              generation.guidanceMode(),
              generation.promptGuidance());
      double from = (double) k / items.size();
      double span = 1.0 / items.size();
      List<GeneratedImage> images = generator.generate(request, itemContext(context, from, span));
      GeneratedImage g = images.get(0);
      byte[] png = io.glyphwright.web.generation.GenerationWork.png(context.folder(), g);
      context.saveImage(png, "image " + (k + 1));
      generated.put(k + 1, png);
      List<LineVerdict> verdicts = g.verdicts() == null ? List.of() : g.verdicts();
      for (int i = 0; i < verdicts.size(); i++) {
        LineVerdict v = verdicts.get(i);
        ocrCsv.append(
            csvRow(
                List.of(
                    Integer.toString(k + 1),
                    Integer.toString(i + 1),
                    v.text(),
                    Boolean.toString(v.read()),
                    String.format(java.util.Locale.ROOT, "%.4f", v.score()),
                    v.readAs(),
                    Long.toString(g.seed()))));
      }
      long read = verdicts.stream().filter(LineVerdict::read).count();
      row.addAll(
          List.of(
              imageName,
              Long.toString(g.seed()),
              g.verdicts() == null ? "" : read + "/" + verdicts.size(),
              ""));
      return null;
    } catch (JobCancelledException e) {
      throw e;
    } catch (io.glyphwright.web.problem.ApiProblem | JobFailedException e) {
      String why =
          e instanceof io.glyphwright.web.problem.ApiProblem p ? p.detail() : e.getMessage();
      row.addAll(List.of("", Long.toString(seed), "", why));
      return why;
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new JobFailedException("item " + (k + 1) + ": " + e.getMessage(), e);
    }
  }

  /** The job's context, with progress mapped into one item's share and frames passed on. */
  private static JobContext itemContext(JobContext context, double from, double span) {
    return new JobContext() {
      @Override
      public String jobId() {
        return context.jobId();
      }

      @Override
      public Path folder() {
        return context.folder();
      }

      @Override
      public void progress(double fraction, String stage) {
        context.progress(from + span * Math.min(1.0, fraction), stage);
      }

      @Override
      public int saveImage(byte[] png, String label) throws IOException {
        return context.saveImage(png, label);
      }

      @Override
      public void frame(byte[] png, int index, String label) {
        context.frame(png, index, label);
      }

      @Override
      public void checkCancelled() {
        context.checkCancelled();
      }
    };
  }

  private static byte[] zip(
      Map<Integer, byte[]> masks,
      String csv,
      String jsonl,
      Map<Integer, byte[]> images,
      String ocrCsv)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      put(out, "layouts.csv", csv.getBytes(StandardCharsets.UTF_8));
      put(out, "layouts.jsonl", jsonl.getBytes(StandardCharsets.UTF_8));
      if (ocrCsv != null) {
        put(out, "ocr.csv", ocrCsv.getBytes(StandardCharsets.UTF_8));
      }
      for (Map.Entry<Integer, byte[]> e : masks.entrySet()) {
        put(out, String.format("masks/%04d.png", e.getKey()), e.getValue());
      }
      for (Map.Entry<Integer, byte[]> e : images.entrySet()) {
        put(out, String.format("images/%04d.png", e.getKey()), e.getValue());
      }
    }
    return bytes.toByteArray();
  }

  private static void put(ZipOutputStream out, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    out.putNextEntry(entry);
    OutputStream o = out;
    o.write(content);
    out.closeEntry();
  }

  /** One RFC 4180 row: fields with commas, quotes or line breaks quoted, CRLF at the end. */
  static String csvRow(List<String> fields) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        row.append(',');
      }
      String f = fields.get(i);
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        row.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        row.append(f);
      }
    }
    return row.append("\r\n").toString();
  }
}
