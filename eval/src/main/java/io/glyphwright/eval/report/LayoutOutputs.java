package io.glyphwright.eval.report;

import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.layouts.LayoutEval;
import io.glyphwright.eval.layouts.LayoutResult;
import io.glyphwright.eval.layouts.LayoutSample;
import io.glyphwright.eval.layouts.LayoutScores;
import io.glyphwright.eval.layouts.LinePair;
import io.glyphwright.eval.metrics.LatencyStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a layout-planner run to a folder: {@code metrics.json}, {@code samples.jsonl} and {@code
 * report.html} (docs/EVAL.md documents each).
 */
public final class LayoutOutputs {
  /** Contact sheets in the report beyond this many are left out (failures come first). */
  public static final int MAX_SHEETS = LayoutEval.DEFAULT_KEPT_IMAGES;

  private LayoutOutputs() {}

  public static Path write(LayoutResult result, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder jsonl = new StringBuilder();
    for (LayoutSample s : result.samples()) {
      jsonl.append(Json.line(sampleRecord(s))).append('\n');
    }
    Json.writeAtomically(dir.resolve("metrics.json"), Json.pretty(metrics(result)));
    Json.writeAtomically(dir.resolve("samples.jsonl"), jsonl.toString());
    Path report = dir.resolve("report.html");
    Json.writeAtomically(report, html(result));
    return report;
  }

  /** The {@code metrics.json} document. */
  public static ObjectNode metrics(LayoutResult result) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema_version", FidelityOutputs.SCHEMA_VERSION);
    root.put("kind", "layouts");
    root.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode config = root.putObject("config");
    config.put("corpus", result.corpus());
    config.put("planner", result.planner());
    ObjectNode rules = root.putObject("rules");
    rules.put("prompt", "the sample's caption; the canvas is the sample's image size");
    rules.put("truth", "the sample's layout field (TD2 on the 128 grid)");
    rules.put(
        "line_pairing",
        "ground-truth and planned lines with equal text (NFKC, case kept, spaces ignored), one to"
            + " one, larger IoU first");
    rules.put("iou", "intersection over union of grid boxes");
    rules.put("valid", "the planned layout printed as TD2 parses back and obeys the layout rules");
    ObjectNode counts = root.putObject("counts");
    counts.put("samples", result.samples().size());
    counts.put("errors", result.errors());
    putScores(root.putObject("overall"), result.overall());
    ObjectNode byLang = root.putObject("by_language");
    result.byLanguage().forEach((lang, s) -> putScores(byLang.putObject(lang.code()), s));
    ObjectNode latency = root.putObject("latency_ms");
    Json.putLatency(latency, "plan", result.planLatency());
    return root;
  }

  private static void putScores(ObjectNode node, LayoutScores s) {
    node.put("samples", s.samples());
    node.put("truth_lines", s.truthLines());
    node.put("planned_lines", s.plannedLines());
    node.put("matched_lines", s.matchedLines());
    Json.putNumber(node, "parse_validity", s.parseValidity());
    Json.putNumber(node, "unrepaired_rate", s.unrepairedRate());
    Json.putNumber(node, "text_recall", s.textRecall());
    Json.putNumber(node, "text_precision", s.textPrecision());
    Json.putNumber(node, "mean_iou", s.meanIou());
    Json.putNumber(node, "mean_iou_matched", s.meanIouMatched());
    Json.putNumber(node, "overlap_rate", s.overlapRate());
  }

  static ObjectNode sampleRecord(LayoutSample s) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("key", s.key());
    o.put("lang", s.lang().code());
    o.put("caption", s.caption());
    putTd2(o, "truth", s.truth());
    putTd2(o, "planned", s.planned());
    o.put("planner", s.planner());
    o.put("valid", s.valid());
    o.put("unrepaired", s.unrepaired());
    o.put("overlapping", s.overlapping());
    ArrayNode pairs = o.putArray("lines");
    for (LinePair p : s.pairs()) {
      ObjectNode l = pairs.addObject();
      l.put("text", p.text());
      Json.putBox(l, "truth", p.truth());
      Json.putBox(l, "planned", p.planned());
      Json.putNumber(l, "iou", p.iou());
    }
    Json.putStrings(o, "extra_planned", s.extraPlanned());
    Json.putStrings(o, "plan_messages", s.planMessages());
    ObjectNode lat = o.putObject("latency_ms");
    if (Double.isNaN(s.planMillis())) {
      lat.putNull("plan");
    } else {
      lat.put("plan", Json.round(s.planMillis(), 3));
    }
    if (s.error() == null) {
      o.putNull("error");
    } else {
      o.put("error", s.error());
    }
    return o;
  }

  private static void putTd2(ObjectNode o, String field, Layout layout) {
    if (layout == null) {
      o.putNull(field);
    } else {
      o.put(field, Td2Format.print(layout));
    }
  }

  static String html(LayoutResult result) {
    StringBuilder b = new StringBuilder();
    b.append("<h1>Glyphwright layout-planner evaluation</h1>\n<p class=\"muted\">planner <code>")
        .append(Html.esc(result.planner()))
        .append("</code> · corpus <code>")
        .append(Html.esc(result.corpus()))
        .append("</code> · ")
        .append(result.samples().size())
        .append(" samples, ")
        .append(result.errors())
        .append(" errors</p>\n");
    b.append("<h2>Figures</h2>\n<table><tr><th>group</th><th>samples</th><th>truth lines</th>")
        .append("<th>parse validity</th><th>unrepaired</th><th>text recall</th>")
        .append("<th>text precision</th><th>mean IoU</th><th>mean IoU (placed)</th>")
        .append("<th>overlap rate</th></tr>\n");
    row(b, "all", result.overall());
    for (Map.Entry<Language, LayoutScores> e : result.byLanguage().entrySet()) {
      row(b, e.getKey().code(), e.getValue());
    }
    b.append("</table>\n");
    LatencyStats plan = result.planLatency();
    b.append("<h2>Latency (ms)</h2>\n<p>plan: ");
    if (plan == null) {
      b.append("no sample was planned");
    } else {
      b.append("median ")
          .append(Html.num(plan.medianMs(), 2))
          .append(" · p95 ")
          .append(Html.num(plan.p95Ms(), 2))
          .append(" · mean ")
          .append(Html.num(plan.meanMs(), 2))
          .append(" · max ")
          .append(Html.num(plan.maxMs(), 2))
          .append(" over ")
          .append(plan.count());
    }
    b.append("</p>\n<h2>Contact sheets</h2>\n<p class=\"key\">Boxes:")
        .append("<span style=\"background:#1e6ee6\"></span>(dashed) ground truth")
        .append("<span style=\"background:#e65c00\"></span>planned</p>\n");

    List<LayoutSample> samples = result.samples();
    List<Integer> order = new ArrayList<>();
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < samples.size(); i++) {
        boolean bad = isBad(samples.get(i));
        if (bad == (pass == 0)) {
          order.add(i);
        }
      }
    }
    if (order.size() > MAX_SHEETS) {
      b.append("<p class=\"muted\">Showing ")
          .append(MAX_SHEETS)
          .append(" of ")
          .append(order.size())
          .append(" samples (failures and missed texts first).</p>\n");
    }
    for (int n = 0; n < Math.min(MAX_SHEETS, order.size()); n++) {
      sheet(b, samples.get(order.get(n)));
    }
    return Html.page("Glyphwright layout eval: " + result.planner(), b.toString());
  }

  private static boolean isBad(LayoutSample s) {
    return s.error() != null
        || !s.valid()
        || s.overlapping()
        || s.pairs().stream().anyMatch(p -> !p.matched());
  }

  private static void row(StringBuilder b, String group, LayoutScores s) {
    b.append("<tr><th>").append(Html.esc(group)).append("</th>");
    b.append("<td class=\"num\">").append(s.samples()).append("</td>");
    b.append("<td class=\"num\">").append(s.truthLines()).append("</td>");
    for (double v :
        new double[] {s.parseValidity(), s.unrepairedRate(), s.textRecall(), s.textPrecision()}) {
      b.append("<td class=\"num\">").append(Html.pct(v)).append("</td>");
    }
    b.append("<td class=\"num\">").append(Html.num(s.meanIou(), 3)).append("</td>");
    b.append("<td class=\"num\">").append(Html.num(s.meanIouMatched(), 3)).append("</td>");
    b.append("<td class=\"num\">").append(Html.pct(s.overlapRate())).append("</td></tr>\n");
  }

  private static void sheet(StringBuilder b, LayoutSample s) {
    String cls = s.error() != null ? "sheet error" : isBad(s) ? "sheet miss" : "sheet";
    b.append("<section class=\"").append(cls).append("\"><h3>").append(Html.esc(s.key()));
    b.append(" · ").append(s.lang().code()).append("</h3>\n<p>").append(Html.esc(s.caption()));
    b.append("</p>\n");
    if (s.error() != null) {
      b.append("<p class=\"bad\">").append(Html.esc(s.error())).append("</p>\n");
    }
    if (s.image() != null) {
      byte[] drawn = s.image();
      String mime = s.imageMime();
      if (s.truth() != null) {
        List<Overlays.Mark> marks = new ArrayList<>();
        for (TextLine l : s.truth().lines()) {
          marks.add(new Overlays.Mark(s.truth().toPixels(l.box()), Overlays.TRUTH, true));
        }
        if (s.planned() != null) {
          for (TextLine l : s.planned().lines()) {
            marks.add(new Overlays.Mark(s.truth().toPixels(l.box()), Overlays.PLANNED, false));
          }
        }
        drawn = Png.encode(Overlays.draw(Png.decode(s.image()), marks));
        mime = "image/png";
      }
      b.append(Html.figure(drawn, mime, "corpus image with boxes"));
    }
    b.append("\n<table><tr><th>ground-truth text</th><th>truth box</th><th>planned box</th>")
        .append("<th>IoU</th></tr>\n");
    for (LinePair p : s.pairs()) {
      b.append("<tr><td>").append(Html.esc(p.text())).append("</td><td>").append(p.truth());
      b.append("</td><td>");
      b.append(p.matched() ? p.planned().toString() : "<span class=\"bad\">not placed</span>");
      b.append("</td><td class=\"num\">").append(Html.num(p.iou(), 3)).append("</td></tr>\n");
    }
    for (String extra : s.extraPlanned()) {
      b.append("<tr><td colspan=\"4\">planned but not in the ground truth: ")
          .append(Html.esc(extra))
          .append("</td></tr>\n");
    }
    b.append("</table>\n<p class=\"muted\">");
    b.append(s.valid() ? "valid" : "<span class=\"bad\">invalid</span>");
    b.append(s.overlapping() ? " · <span class=\"bad\">overlapping boxes</span>" : "");
    b.append(" · plan ").append(Html.num(s.planMillis(), 2)).append(" ms");
    for (String m : s.planMessages()) {
      b.append("<br>note: ").append(Html.esc(m));
    }
    b.append("</p></section>\n");
  }
}
