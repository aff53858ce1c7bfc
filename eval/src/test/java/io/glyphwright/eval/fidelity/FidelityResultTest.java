package io.glyphwright.eval.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.glyphwright.core.Box;
import io.glyphwright.eval.EvalPrompt;
import io.glyphwright.eval.Language;
import io.glyphwright.eval.match.ReadLine;
import io.glyphwright.eval.match.RequestedLine;
import io.glyphwright.eval.metrics.FidelityScores;
import io.glyphwright.eval.metrics.WordCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The figures of a run, from hand-written reads with known answers (no OCR): one English image read
 * right, one with F read as E, one Chinese image with one character wrong, one mixed image read
 * right, one English sample that failed.
 */
public class FidelityResultTest {

  static FidelitySample sample(String id, Language lang, List<String> texts, List<String> reads) {
    List<RequestedLine> requested = new ArrayList<>();
    List<ReadLine> read = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      requested.add(new RequestedLine(texts.get(i), new Box(10, 10 + 60 * i, 500, 50 + 60 * i)));
    }
    for (int i = 0; i < reads.size(); i++) {
      read.add(new ReadLine(reads.get(i), new Box(12, 12 + 60 * i, 498, 48 + 60 * i), 0.9));
    }
    EvalPrompt p = new EvalPrompt(id, "prompt " + id, texts, lang);
    return new FidelitySample(
        p,
        0,
        "heuristic",
        texts,
        List.of(),
        null,
        Judgement.of(requested, read),
        Map.of(Stage.PLAN, 2.0, Stage.RENDER, 4.0, Stage.JUDGE, 100.0),
        null,
        null);
  }

  public static FidelityResult knownRun() {
    EvalPrompt failed = new EvalPrompt("e", "prompt e", List.of("NEW"), Language.EN);
    return new FidelityResult(
        new FidelityConfig("known", "mask", "scripted", "heuristic", 1, 512, 512),
        List.of(
            sample(
                "a",
                Language.EN,
                List.of("SUMMER SALE", "50% OFF"),
                List.of("SUMMER SALE", "50% OFF")),
            sample("b", Language.EN, List.of("RUN FASTER"), List.of("RUN EASTER")),
            sample("c", Language.ZH, List.of("夏日音乐节"), List.of("夏日音东节")),
            sample("d", Language.MIXED, List.of("EXIT", "出口"), List.of("EXIT", "出口")),
            new FidelitySample(
                failed,
                0,
                null,
                List.of(),
                List.of(),
                null,
                null,
                Map.of(),
                "plan failed: x",
                null)));
  }

  @Test
  void overallFiguresMatchTheHandCount() {
    FidelityScores all = knownRun().overall();
    assertEquals(5, all.samples());
    assertEquals(2 / 5.0, all.ocrAccuracy(), 1e-12);
    assertEquals(7, all.lines());
    assertEquals(4 / 7.0, all.sentenceAccuracy(), 1e-12);
    // NED: 1, 1 (a), 1 - 1/9 (RUNFASTER), 1 - 1/5 (夏日音乐节), 1, 1 (d), 0 (failed)
    assertEquals((4 + 8 / 9.0 + 0.8) / 7, all.ned(), 1e-12);
    // words: a 4/4/4, b 2/2/1, c 5/5/4, d 3/3/3 (EXIT 出 口), e 1/0/0
    assertEquals(new WordCounts(15, 14, 12), all.words());
  }

  @Test
  void figuresSplitByLanguage() {
    Map<Language, FidelityScores> by = knownRun().byLanguage();
    FidelityScores en = by.get(Language.EN);
    assertEquals(3, en.samples());
    assertEquals(1 / 3.0, en.ocrAccuracy(), 1e-12);
    assertEquals(2 / 4.0, en.sentenceAccuracy(), 1e-12);
    assertEquals(new WordCounts(7, 6, 5), en.words());
    FidelityScores zh = by.get(Language.ZH);
    assertEquals(0.0, zh.ocrAccuracy());
    assertEquals(0.8, zh.ned(), 1e-12);
    assertEquals(0.8, zh.words().recall(), 1e-12, "Chinese counts per character");
    FidelityScores mixed = by.get(Language.MIXED);
    assertEquals(1.0, mixed.ocrAccuracy());
    assertEquals(1.0, mixed.words().f1());
  }

  @Test
  void latencyCoversTheStagesThatRan() {
    FidelityResult run = knownRun();
    assertEquals(4, run.latency().get(Stage.JUDGE).count(), "the failed sample ran no stage");
    assertEquals(100.0, run.latency().get(Stage.JUDGE).medianMs());
    assertNull(run.latency().get(Stage.GENERATE), "the mask source generates nothing");
    assertEquals(1, run.errors());
  }
}
