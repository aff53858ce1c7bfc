package io.glyphwright.eval.report;

import io.glyphwright.core.AtomicFiles;
import io.glyphwright.core.Td2Format;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.fidelity.FidelityConfig;
import io.glyphwright.eval.fidelity.FidelityResult;
import io.glyphwright.eval.fidelity.FidelitySample;
import io.glyphwright.eval.fidelity.Stage;
import io.glyphwright.eval.match.LineVerdict;
import io.glyphwright.eval.match.Matching;
import io.glyphwright.eval.match.ReadLine;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.eval.metrics.FidelityScores;
import io.glyphwright.eval.metrics.LatencyStats;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a text-fidelity run to a folder: {@code metrics.json}, {@code samples.jsonl}, {@code
 * report.html} and {@code images/} (docs/EVAL.md documents each).
 */
public final class FidelityOutputs {
  /** Version of the {@code metrics.json} and {@code samples.jsonl} schemas. */
  public static final int SCHEMA_VERSION = 1;

  /** Contact sheets in the report beyond this many are left out (misses come first). */
  public static final int MAX_SHEETS = 500;

  /** The comparison rules, as {@code metrics.json} and the report state them. */
  public static final Map<String, String> RULES = rules();

  private FidelityOutputs() {}

  private static Map<String, String> rules() {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("normalisation", "NFKC on both sides (full-width forms equal ASCII ones)");
    r.put("case", "significant: 'Sale' does not read 'SALE'");
    r.put(
        "whitespace",
        "runs count as one space; ignored when lines are compared (exact reads, NED), word gaps"
            + " when words are counted");
    r.put(
        "words",
        "split at spaces; every Chinese/Japanese/Korean character is a word by itself (Chinese"
            + " compared per character); punctuation stays in its word");
    r.put(
        "exact_read",
        "a requested text equals one read line, or adjacent read lines on one row joined left to"
            + " right (split), or with adjacent requested texts on one layout row equals a run of"
            + " read lines (merge); one-to-one; rows: vertical overlap >= 50% of the lower box");
    r.put(
        "ned",
        "1 - levenshtein/max(length) in code points (AnyText's NED, a similarity), against the"
            + " best run of read lines no exact match used; 1 for exact reads");
    r.put(
        "averaging",
        "ocr_accuracy over samples; sentence_accuracy and ned over requested texts; word"
            + " precision/recall over summed word counts; failed samples count as read wrong");
    return java.util.Collections.unmodifiableMap(r);
  }

  /** Writes every output into {@code dir} (created if needed); returns the report's path. */
  public static Path write(FidelityResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path images = dir.resolve("images");
    Files.createDirectories(images);
    List<Sheet> sheets = new ArrayList<>();
    StringBuilder jsonl = new StringBuilder();
    java.util.Set<String> stems = new java.util.HashSet<>();
    for (FidelitySample s : result.samples()) {
      String stem = fileStem(s.prompt().id()) + "_s" + s.seed();
      for (int n = 2; !stems.add(stem); n++) {
        // ids that differ only in characters a file name cannot hold
        stem = fileStem(s.prompt().id()) + "-" + n + "_s" + s.seed();
      }
      Sheet sheet = writeImages(s, stem, images);
      sheets.add(sheet);
      jsonl.append(Json.line(sampleRecord(s, sheet))).append('\n');
    }
    Json.writeAtomically(dir.resolve("metrics.json"), Json.pretty(metrics(result)));
    Json.writeAtomically(dir.resolve("samples.jsonl"), jsonl.toString());
    Path report = dir.resolve("report.html");
    Json.writeAtomically(report, html(result, sheets));
    return report;
  }

  /** The {@code metrics.json} document. */
  public static ObjectNode metrics(FidelityResult result) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema_version", SCHEMA_VERSION);
    root.put("kind", "text-fidelity");
    root.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    FidelityConfig c = result.config();
    ObjectNode config = root.putObject("config");
    config.put("prompts", c.prompts());
    config.put("source", c.source());
    config.put("judge", c.judge());
    config.put("planner", c.planner());
    config.put("seeds", c.seeds());
    config.put("width", c.width());
    config.put("height", c.height());
    config.set("source_settings", Json.MAPPER.valueToTree(c.sourceSettings()));
    ObjectNode rules = root.putObject("rules");
    RULES.forEach(rules::put);
    ObjectNode counts = root.putObject("counts");
    counts.put("prompts", result.samples().stream().map(s -> s.prompt().id()).distinct().count());
    counts.put("samples", result.samples().size());
    counts.put("requested_texts", result.overall().lines());
    counts.put("errors", result.errors());
    putScores(root.putObject("overall"), result.overall());
    ObjectNode byLang = root.putObject("by_language");
    result.byLanguage().forEach((lang, scores) -> putScores(byLang.putObject(lang.code()), scores));
    ObjectNode latency = root.putObject("latency_ms");
    result.latency().forEach((stage, stats) -> Json.putLatency(latency, stage.key(), stats));
    return root;
  }

  private static void putScores(ObjectNode node, FidelityScores s) {
    boolean any = s.samples() > 0;
    node.put("samples", s.samples());
    node.put("requested_texts", s.lines());
    Json.putNumber(node, "ocr_accuracy", s.ocrAccuracy());
    Json.putNumber(node, "sentence_accuracy", s.sentenceAccuracy());
    Json.putNumber(node, "ned", s.ned());
    Json.putNumber(node, "word_precision", any ? s.words().precision() : Double.NaN);
    Json.putNumber(node, "word_recall", any ? s.words().recall() : Double.NaN);
    Json.putNumber(node, "word_f1", any ? s.words().f1() : Double.NaN);
    ObjectNode w = node.putObject("words");
    w.put("requested", s.words().requested());
    w.put("read", s.words().read());
    w.put("correct", s.words().correct());
  }

  /** One {@code samples.jsonl} record. */
  static ObjectNode sampleRecord(FidelitySample s, Sheet sheet) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", s.prompt().id());
    o.put("seed", s.seed());
    o.put("lang", s.prompt().lang().code());
    o.put("prompt", s.prompt().prompt());
    Json.putStrings(o, "texts", s.prompt().texts());
    o.put("planner", s.planner());
    Json.putStrings(o, "planned_texts", s.plannedTexts());
    Json.putStrings(o, "plan_messages", s.planMessages());
    if (s.layout() == null) {
      o.putNull("layout");
    } else {
      o.put("layout", Td2Format.print(s.layout()));
    }
    Matching m = s.matching();
    o.put("all_exact", m.allExact());
    ArrayNode lines = o.putArray("lines");
    List<RequestedLine> requested = s.judgement() == null ? List.of() : s.judgement().requested();
    for (int i = 0; i < m.lines().size(); i++) {
      LineVerdict v = m.lines().get(i);
      ObjectNode l = lines.addObject();
      l.put("text", v.requested());
      l.put("exact", v.exact());
      l.put("match", v.kind().name().toLowerCase(java.util.Locale.ROOT));
      Json.putNumber(l, "ned", v.ned());
      l.put("read", v.bestRead());
      ArrayNode idx = l.putArray("read_lines");
      v.readLines().forEach(idx::add);
      Json.putBox(l, "box", i < requested.size() ? requested.get(i).pixelBox() : null);
    }
    ArrayNode ocr = o.putArray("ocr");
    if (s.judgement() != null) {
      List<ReadLine> reads = s.judgement().reads();
      for (int j = 0; j < reads.size(); j++) {
        ObjectNode r = ocr.addObject();
        r.put("text", reads.get(j).text());
        Json.putBox(r, "box", reads.get(j).box());
        Json.putNumber(r, "confidence", reads.get(j).confidence());
        r.put("matched", m.readMatched().get(j));
      }
    }
    ObjectNode words = o.putObject("words");
    var wc = s.scores().words();
    words.put("requested", wc.requested());
    words.put("read", wc.read());
    words.put("correct", wc.correct());
    ObjectNode lat = o.putObject("latency_ms");
    for (Stage stage : Stage.values()) {
      Double ms = s.millis().get(stage);
      if (ms == null) {
        lat.putNull(stage.key());
      } else {
        lat.put(stage.key(), Json.round(ms, 3));
      }
    }
    ObjectNode img = o.putObject("images");
    putPath(img, "image", sheet.imageFile);
    putPath(img, "mask", sheet.maskFile);
    putPath(img, "ocr", sheet.overlayFile);
    if (s.error() == null) {
      o.putNull("error");
    } else {
      o.put("error", s.error());
    }
    return o;
  }

  private static void putPath(ObjectNode node, String field, String path) {
    if (path == null) {
      node.putNull(field);
    } else {
      node.put(field, path);
    }
  }

  /** A sample's images as written, for the report. */
  static final class Sheet {
    byte[] image;
    byte[] mask;
    byte[] overlay;
    String imageFile;
    String maskFile;
    String overlayFile;
  }

  private static Sheet writeImages(FidelitySample s, String stem, Path images) throws IOException {
    Sheet sheet = new Sheet();
    sheet.image = s.images().image();
    sheet.mask = s.images().mask();
    if (sheet.image != null) {
      sheet.imageFile = "images/" + stem + "_image.png";
      AtomicFiles.write(images.resolve(stem + "_image.png"), sheet.image);
      if (s.judgement() != null) {
        sheet.overlay = Png.encode(overlay(Png.decode(sheet.image), s));
        sheet.overlayFile = "images/" + stem + "_ocr.png";
        AtomicFiles.write(images.resolve(stem + "_ocr.png"), sheet.overlay);
      }
    }
    if (sheet.mask != null) {
      sheet.maskFile = "images/" + stem + "_mask.png";
      AtomicFiles.write(images.resolve(stem + "_mask.png"), sheet.mask);
    }
    return sheet;
  }

  /** Green: read lines in an exact match; red: other read lines; orange dashed: missed texts. */
  static BufferedImage overlay(BufferedImage image, FidelitySample s) {
    List<Overlays.Mark> marks = new ArrayList<>();
    Matching m = s.judgement().matching();
    List<RequestedLine> requested = s.judgement().requested();
    for (int i = 0; i < requested.size(); i++) {
      if (!m.lines().get(i).exact()) {
        marks.add(new Overlays.Mark(requested.get(i).pixelBox(), Overlays.MISSED, true));
      }
    }
    List<ReadLine> reads = s.judgement().reads();
    for (int j = 0; j < reads.size(); j++) {
      marks.add(
          new Overlays.Mark(
              reads.get(j).box(),
              m.readMatched().get(j) ? Overlays.MATCHED : Overlays.UNMATCHED,
              false));
    }
    return Overlays.draw(image, marks);
  }

  static String fileStem(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  // ---------------------------------------------------------------- report.html

  static String html(FidelityResult result, List<Sheet> sheets) {
    FidelityConfig c = result.config();
    StringBuilder b = new StringBuilder();
    b.append("<h1>Glyphwright text-fidelity evaluation</h1>\n");
    b.append("<p class=\"muted\">source <code>").append(Html.esc(c.source())).append("</code>");
    c.sourceSettings()
        .forEach(
            (k, v) ->
                b.append(" ")
                    .append(Html.esc(k))
                    .append(" <code>")
                    .append(Html.esc(String.valueOf(v)))
                    .append("</code>"));
    b.append(" · judge <code>")
        .append(Html.esc(c.judge()))
        .append("</code> · planner <code>")
        .append(Html.esc(c.planner()))
        .append("</code> · ")
        .append(c.width())
        .append("×")
        .append(c.height())
        .append(" · ")
        .append(c.seeds())
        .append(c.seeds() == 1 ? " seed" : " seeds")
        .append(" · prompts <code>")
        .append(Html.esc(c.prompts()))
        .append("</code> · ")
        .append(result.samples().size())
        .append(" samples, ")
        .append(result.errors())
        .append(" errors</p>\n");

    b.append("<h2>Figures</h2>\n<table><tr><th>group</th><th>samples</th><th>texts</th>")
        .append("<th>OCR accuracy</th><th>sentence accuracy</th><th>NED</th>")
        .append("<th>word precision</th><th>word recall</th><th>word F</th></tr>\n");
    scoreRow(b, "all", result.overall());
    for (Map.Entry<Language, FidelityScores> e : result.byLanguage().entrySet()) {
      scoreRow(b, e.getKey().code(), e.getValue());
    }
    b.append("</table>\n");

    b.append("<h2>Latency (ms)</h2>\n<table><tr><th>stage</th><th>samples</th>")
        .append("<th>median</th><th>p95</th><th>mean</th><th>max</th></tr>\n");
    for (Map.Entry<Stage, LatencyStats> e : result.latency().entrySet()) {
      LatencyStats st = e.getValue();
      b.append("<tr><td>").append(e.getKey().key()).append("</td>");
      if (st == null) {
        b.append("<td colspan=\"5\" class=\"muted\">not run")
            .append(e.getKey() == Stage.GENERATE ? " (the mask is judged as drawn)" : "")
            .append("</td></tr>\n");
      } else {
        b.append("<td class=\"num\">").append(st.count()).append("</td>");
        for (double v : new double[] {st.medianMs(), st.p95Ms(), st.meanMs(), st.maxMs()}) {
          b.append("<td class=\"num\">").append(Html.num(v, 1)).append("</td>");
        }
        b.append("</tr>\n");
      }
    }
    b.append("</table>\n");

    b.append("<h2>Rules</h2>\n<table>");
    RULES.forEach(
        (k, v) ->
            b.append("<tr><th>")
                .append(Html.esc(k.replace('_', ' ')))
                .append("</th><td>")
                .append(Html.esc(v))
                .append("</td></tr>\n"));
    b.append("</table>\n");

    List<Integer> order = new ArrayList<>();
    List<FidelitySample> samples = result.samples();
    for (int i = 0; i < samples.size(); i++) {
      if (!samples.get(i).matching().allExact()) {
        order.add(i);
      }
    }
    int misses = order.size();
    b.append("<h2>Misses (").append(misses).append(")</h2>\n");
    if (misses == 0) {
      b.append("<p class=\"ok\">Every requested text was read exactly.</p>\n");
    } else {
      b.append("<ul>");
      for (int i : order) {
        FidelitySample s = samples.get(i);
        b.append("<li><a href=\"#s").append(i).append("\">").append(Html.esc(s.prompt().id()));
        b.append(" seed ").append(s.seed()).append("</a>: ");
        if (s.error() != null) {
          b.append("<span class=\"bad\">").append(Html.esc(s.error())).append("</span>");
        } else {
          List<String> parts = new ArrayList<>();
          for (LineVerdict v : s.matching().lines()) {
            if (!v.exact()) {
              parts.add(
                  "'"
                      + v.requested()
                      + "' read '"
                      + v.bestRead()
                      + "' (NED "
                      + Html.num(v.ned(), 2)
                      + ")");
            }
          }
          b.append(Html.esc(String.join("; ", parts)));
        }
        b.append("</li>\n");
      }
      b.append("</ul>\n");
    }
    for (int i = 0; i < samples.size(); i++) {
      if (samples.get(i).matching().allExact()) {
        order.add(i);
      }
    }

    b.append("<h2>Contact sheets</h2>\n<p class=\"key\">Boxes on the OCR panel:")
        .append("<span style=\"background:#1fa83c\"></span>read line in an exact match")
        .append("<span style=\"background:#e01e1e\"></span>read line that matched nothing")
        .append("<span style=\"background:#f08c00\"></span>(dashed) where a missed text was placed")
        .append("</p>\n");
    if (order.size() > MAX_SHEETS) {
      b.append("<p class=\"muted\">Showing the first ")
          .append(MAX_SHEETS)
          .append(" of ")
          .append(order.size())
          .append(" samples (misses first); samples.jsonl and images/ hold them all.</p>\n");
    }
    for (int n = 0; n < Math.min(order.size(), MAX_SHEETS); n++) {
      int i = order.get(n);
      sheet(b, i, samples.get(i), sheets.get(i));
    }
    return Html.page("Glyphwright eval: " + c.source() + " / " + c.judge(), b.toString());
  }

  private static void scoreRow(StringBuilder b, String group, FidelityScores s) {
    boolean any = s.samples() > 0;
    b.append("<tr><th>").append(Html.esc(group)).append("</th>");
    cell(b, Long.toString(s.samples()));
    cell(b, Long.toString(s.lines()));
    cell(b, Html.pct(s.ocrAccuracy()));
    cell(b, Html.pct(s.sentenceAccuracy()));
    // NED is a similarity in 0..1, shown as a number as AnyText reports it.
    cell(b, Html.num(s.ned(), 3));
    cell(b, Html.pct(any ? s.words().precision() : Double.NaN));
    cell(b, Html.pct(any ? s.words().recall() : Double.NaN));
    cell(b, Html.pct(any ? s.words().f1() : Double.NaN));
    b.append("</tr>\n");
  }

  private static void cell(StringBuilder b, String text) {
    b.append("<td class=\"num\">").append(text).append("</td>");
  }

  private static void sheet(StringBuilder b, int index, FidelitySample s, Sheet sheet) {
    boolean ok = s.matching().allExact();
    String cls = s.error() != null ? "sheet error" : ok ? "sheet" : "sheet miss";
    b.append("<section class=\"").append(cls).append("\" id=\"s").append(index).append("\">");
    b.append("<h3>").append(Html.esc(s.prompt().id())).append(" · seed ").append(s.seed());
    b.append(" · ").append(s.prompt().lang().code()).append(" · ");
    b.append(ok ? "<span class=\"ok\">all read</span>" : "<span class=\"bad\">miss</span>");
    b.append("</h3>\n<p>").append(Html.esc(s.prompt().prompt())).append("</p>\n");
    if (s.error() != null) {
      b.append("<p class=\"bad\">").append(Html.esc(s.error())).append("</p>\n");
    }
    b.append(Html.figure(sheet.image, "image/png", "image judged"));
    b.append(Html.figure(sheet.mask, "image/png", "glyph mask"));
    b.append(Html.figure(sheet.overlay, "image/png", "OCR boxes"));
    b.append(
        "\n<table><tr><th>asked for</th><th>read</th><th>exact</th><th>match</th><th>NED</th></tr>\n");
    for (LineVerdict v : s.matching().lines()) {
      b.append("<tr><td>").append(Html.esc(v.requested())).append("</td><td>");
      b.append(Html.esc(v.bestRead())).append("</td><td>");
      b.append(v.exact() ? "<span class=\"ok\">yes</span>" : "<span class=\"bad\">no</span>");
      b.append("</td><td>").append(v.kind().name().toLowerCase(java.util.Locale.ROOT));
      b.append("</td><td class=\"num\">").append(Html.num(v.ned(), 3)).append("</td></tr>\n");
    }
    b.append("</table>\n");
    if (s.judgement() != null) {
      b.append(
          "<table><tr><th>#</th><th>text read</th><th>confidence</th><th>box</th><th>matched</th></tr>\n");
      List<ReadLine> reads = s.judgement().reads();
      for (int j = 0; j < reads.size(); j++) {
        ReadLine r = reads.get(j);
        b.append("<tr><td class=\"num\">").append(j).append("</td><td>").append(Html.esc(r.text()));
        b.append("</td><td class=\"num\">").append(Html.num(r.confidence(), 3));
        b.append("</td><td>").append(r.box()).append("</td><td>");
        b.append(
            s.matching().readMatched().get(j)
                ? "<span class=\"ok\">yes</span>"
                : "<span class=\"bad\">no</span>");
        b.append("</td></tr>\n");
      }
      if (reads.isEmpty()) {
        b.append("<tr><td colspan=\"5\" class=\"muted\">nothing read</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<p class=\"muted\">planner <code>").append(Html.esc(s.planner())).append("</code>");
    if (s.layout() != null) {
      b.append(" · layout <code>")
          .append(Html.esc(Td2Format.print(s.layout()).strip().replace("\n", " | ")))
          .append("</code>");
    }
    for (String msg : s.planMessages()) {
      b.append("<br>note: ").append(Html.esc(msg));
    }
    b.append(" · ms: ");
    List<String> times = new ArrayList<>();
    s.millis().forEach((stage, ms) -> times.add(stage.key() + " " + Html.num(ms, 1)));
    b.append(Html.esc(String.join(", ", times)));
    b.append("</p></section>\n");
  }
}
