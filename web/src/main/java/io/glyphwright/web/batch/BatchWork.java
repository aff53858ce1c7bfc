package io.glyphwright.web.batch;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.Td2Format;
import io.glyphwright.glyph.GlyphImages;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.glyph.GlyphRendering;
import io.glyphwright.glyph.UnknownFontException;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.PromptException;
import io.glyphwright.layout.llm.LlmPlannerException;
import io.glyphwright.web.jobs.JobContext;
import io.glyphwright.web.jobs.JobOutcome;
import io.glyphwright.web.jobs.JobStore;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A layout + glyph batch: plans each item's layout, renders its glyph mask (saved as the job's
 * image k and sent as a preview), and packs {@code masks/NNNN.png}, {@code layouts.csv} and {@code
 * layouts.jsonl} into {@code result.zip}. An item that cannot be planned or rendered gets its
 * reason in the CSV's {@code error} column; the others go on. Generation will add the images and
 * their OCR verdicts to the same ZIP.
 */
public final class BatchWork implements JobWork {
  public static final String KIND = "batch";
  public static final String RESULT = "result.zip";

  private final List<BatchItem> items;
  private final LayoutPlanner planner;
  private final GlyphRenderer renderer;
  private final LayoutLimits limits;
  private final boolean fromCsv;

  public BatchWork(
      List<BatchItem> items,
      LayoutPlanner planner,
      GlyphRenderer renderer,
      LayoutLimits limits,
      boolean fromCsv) {
    this.items = List.copyOf(items);
    this.planner = planner;
    this.renderer = renderer;
    this.limits = limits;
    this.fromCsv = fromCsv;
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
    StringBuilder csv = new StringBuilder(csvRow(header));
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
      } catch (PromptException | LayoutException | UnknownFontException | LlmPlannerException e) {
        failed++;
        row.addAll(List.of(planner.name(), "", "", "", e.getMessage()));
        jsonl.append("null\n");
      }
      csv.append(csvRow(row));
    }
    context.checkCancelled();
    context.progress(0.99, "packing result.zip");
    Path zip = context.folder().resolve(RESULT);
    JobStore.writeAtomically(zip, zip(masks, csv.toString(), jsonl.toString()));

    Map<String, Object> result = new LinkedHashMap<>();
    result.put("items", items.size());
    result.put("failed", failed);
    result.put("download", "/v1/batches/" + context.jobId() + "/" + RESULT);
    result.put("bytes", Files.size(zip));
    return new JobOutcome(List.of(), result);
  }

  private static byte[] zip(Map<Integer, byte[]> masks, String csv, String jsonl)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      put(out, "layouts.csv", csv.getBytes(StandardCharsets.UTF_8));
      put(out, "layouts.jsonl", jsonl.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<Integer, byte[]> e : masks.entrySet()) {
        put(out, String.format("masks/%04d.png", e.getKey()), e.getValue());
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
