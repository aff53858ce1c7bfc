package io.glyphwright.eval.layouts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import io.glyphwright.dataset.CorpusOcr;
import io.glyphwright.dataset.CorpusReader;
import io.glyphwright.dataset.CorpusRecord;
import io.glyphwright.dataset.CorpusSample;
import io.glyphwright.dataset.CorpusWriter;
import io.glyphwright.dataset.FilterVerdict;
import io.glyphwright.dataset.ShardWriter;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.report.LayoutOutputs;
import io.glyphwright.eval.report.OutputAssertions;
import io.glyphwright.eval.report.Png;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.HeuristicPlanner;
import io.glyphwright.layout.LayoutPlanner;
import io.glyphwright.layout.PlanRequest;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A four-sample corpus with known answers: truth equal to the plan (IoU 1), truth shifted by a
 * known amount, a truth text the planner cannot know, and an unreadable truth.
 */
class LayoutEvalTest {
  private static final int SIDE = 256;
  private static final LayoutPlanner PLANNER = new HeuristicPlanner(GlyphRenderer.system());

  @TempDir Path dir;

  private static Box plannedBox(String caption) {
    Layout plan = PLANNER.plan(new PlanRequest(caption, new Canvas(SIDE, SIDE))).layout();
    return plan.lines().get(0).box();
  }

  private static CorpusRecord record(String key, String caption, String td2) {
    CorpusSample s =
        new CorpusSample(
            key,
            SIDE,
            SIDE,
            caption,
            "test:" + key,
            new CorpusOcr("synthetic", List.of()),
            td2,
            FilterVerdict.PASSED,
            null);
    BufferedImage white = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    return new CorpusRecord(s, "png", Png.encode(white));
  }

  private Path corpus(List<CorpusRecord> records) throws Exception {
    Path out = dir.resolve("corpus");
    try (CorpusWriter w = CorpusWriter.open(out, CorpusWriter.manifest("test", Map.of("n", 4)))) {
      try (ShardWriter shard = w.openShard(0)) {
        for (CorpusRecord r : records) {
          shard.add(r);
        }
        shard.commit();
      }
      w.finish(1);
    }
    return out;
  }

  @Test
  void knownCorpusGivesKnownFigures() throws Exception {
    Box sale = plannedBox("A poster that says 'SALE'");
    Box open = plannedBox("A sign that says 'OPEN'");
    int shift = open.width() / 2;
    Box openTruth = new Box(open.left() + shift, open.top(), open.right() + shift, open.bottom());
    // hand-computed IoU of two equal boxes shifted sideways by `shift`
    double inter = (double) (open.width() - shift) * open.height();
    double openIou = inter / (2.0 * open.width() * open.height() - inter);
    List<CorpusRecord> records =
        List.of(
            record("same", "A poster that says 'SALE'", "SALE " + sale + "\n"),
            record("shifted", "A sign that says 'OPEN'", "OPEN " + openTruth + "\n"),
            record("unknowable", "A plain wall", "EXIT 10,10,50,30\n"),
            record("broken", "A poster that says 'SALE'", "SALE\n"));

    List<String> progress = new ArrayList<>();
    LayoutResult result;
    try (CorpusReader reader = CorpusReader.open(corpus(records))) {
      result =
          LayoutEval.builder()
              .setPlanner(PLANNER)
              .optCorpus("tiny")
              .optWarmUp(false)
              .optProgress(progress::add)
              .build()
              .run(reader);
    }
    assertEquals(4, progress.size());
    List<LayoutSample> s = result.samples();
    assertEquals(1.0, s.get(0).pairs().get(0).iou(), 1e-12);
    assertEquals(openIou, s.get(1).pairs().get(0).iou(), 1e-12);
    assertFalse(s.get(2).pairs().get(0).matched());
    assertTrue(s.get(2).planned().lines().isEmpty(), "no text is invented");
    assertTrue(s.get(3).error().startsWith("ground truth unreadable"), s.get(3).error());
    assertNull(s.get(3).planned());

    LayoutScores all = result.overall();
    assertEquals(4, all.samples());
    assertEquals(3, all.truthLines());
    assertEquals(2, all.matchedLines());
    assertEquals(3 / 4.0, all.parseValidity(), 1e-12, "the broken sample counts as invalid");
    assertEquals(2 / 3.0, all.textRecall(), 1e-12);
    assertEquals(1.0, all.textPrecision(), 1e-12);
    assertEquals((1 + openIou) / 3, all.meanIou(), 1e-12);
    assertEquals((1 + openIou) / 2, all.meanIouMatched(), 1e-12);
    assertEquals(0.0, all.overlapRate());
    assertEquals(3, result.planLatency().count());
    assertEquals(4, result.byLanguage().get(Language.EN).samples());

    LayoutOutputs.write(result, dir.resolve("out"));
    JsonNode m =
        JsonMapper.builder().build().readTree(Files.readString(dir.resolve("out/metrics.json")));
    assertEquals(1, m.get("schema_version").intValue());
    assertEquals("layouts", m.get("kind").stringValue());
    for (String f :
        List.of(
            "parse_validity",
            "unrepaired_rate",
            "text_recall",
            "text_precision",
            "mean_iou",
            "mean_iou_matched",
            "overlap_rate")) {
      assertTrue(m.get("overall").get(f).isNumber(), f);
      assertTrue(m.get("by_language").get("zh").has(f), "zh." + f);
    }
    assertTrue(m.get("by_language").get("zh").get("text_recall").isNull(), "no zh sample");
    assertTrue(m.get("latency_ms").get("plan").get("p95_ms").isNumber());
    assertEquals(4, Files.readAllLines(dir.resolve("out/samples.jsonl")).size());
    String html = Files.readString(dir.resolve("out/report.html"));
    OutputAssertions.assertSelfContained(html);
    assertEquals(4, html.split("src=\"data:image/png;base64,", -1).length - 1);
  }

  @Test
  void overlappingBoxesAreDetected() {
    Layout layout =
        new Layout(
            new Canvas(SIDE, SIDE),
            List.of(
                new TextLine("A", new Box(0, 0, 50, 50)),
                new TextLine("B", new Box(49, 49, 80, 80))));
    assertTrue(LayoutEval.overlapping(layout));
    Layout touching =
        new Layout(
            new Canvas(SIDE, SIDE),
            List.of(
                new TextLine("A", new Box(0, 0, 50, 50)),
                new TextLine("B", new Box(50, 0, 80, 50))));
    assertFalse(LayoutEval.overlapping(touching), "sharing an edge is not overlapping");
  }

  @Test
  void repeatedTextsPairByLargerIouFirst() {
    Canvas c = new Canvas(SIDE, SIDE);
    Layout truth =
        new Layout(
            c,
            List.of(
                new TextLine("SALE", new Box(0, 0, 40, 20)),
                new TextLine("SALE", new Box(0, 60, 40, 80))));
    Layout planned =
        new Layout(
            c,
            List.of(
                new TextLine("SALE", new Box(0, 60, 40, 80)),
                new TextLine("Sale", new Box(0, 0, 40, 20))));
    LayoutEval.Pairing p = LayoutEval.pair(truth, planned);
    assertFalse(p.pairs().get(0).matched(), "case counts: 'Sale' is not 'SALE'");
    assertEquals(1.0, p.pairs().get(1).iou());
    assertEquals(List.of("Sale"), p.extraPlanned());
  }
}
