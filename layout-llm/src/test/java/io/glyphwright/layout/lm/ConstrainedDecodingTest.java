package io.glyphwright.layout.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.PlanRequest;
import io.glyphwright.layout.PlanResult;
import io.glyphwright.layout.RequestedTexts;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grammar's promise, checked on a randomly initialised model (whose scores are noise): every
 * decoded layout parses under the layout rules, every box is on the grid with l &lt; r and t &lt;
 * b, and every requested text is there verbatim, once.
 */
class ConstrainedDecodingTest {
  private static final String[] WORDS = {
    "SUMMER", "SALE", "50%", "OFF", "新年快乐", "Café", "naïve", "🎉", "O'Brien", "Don't", "ÆØÅ", "漢字",
    "x", "1", "$99", "TEXT", "a b", "Ω", "край", "नमस्ते"
  };
  private static final String[] QUOTES = {"'", "\"", "“”", "「」", "《》"};

  private static LayoutScorer model;
  private static LayoutScorer shortModel;

  @BeforeAll
  static void load() {
    // ONNX Runtime: the planner's default engine, and the faster one for this many calls.
    LayoutLmConfig c = TinyModels.config(128);
    model = OrtLayoutLm.load(c, LayoutLmWeights.initial(c, 5));
    LayoutLmConfig s = TinyModels.config(24);
    shortModel = OrtLayoutLm.load(s, LayoutLmWeights.initial(s, 6));
  }

  @AfterAll
  static void close() {
    model.close();
    shortModel.close();
  }

  private static String randomText(SplittableRandom rng) {
    StringBuilder sb = new StringBuilder();
    int words = 1 + rng.nextInt(3);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        sb.append(' ');
      }
      sb.append(WORDS[rng.nextInt(WORDS.length)]);
    }
    return sb.toString();
  }

  private static String randomPrompt(SplittableRandom rng) {
    StringBuilder sb = new StringBuilder();
    String[] fillers = {
      "A poster that says ",
      " and ",
      ", red background, ",
      "一张写着",
      "的海报 ",
      " with the text ",
      "book cover titled The Silent Orchard by Mara Quinn ",
      "\n",
      "\t",
      " \u0007 "
    };
    int parts = 1 + rng.nextInt(6);
    for (int i = 0; i < parts; i++) {
      sb.append(fillers[rng.nextInt(fillers.length)]);
      if (rng.nextInt(4) > 0) {
        String q = QUOTES[rng.nextInt(QUOTES.length)];
        String open = q.substring(0, 1);
        String close = q.length() > 1 ? q.substring(1) : open;
        sb.append(open).append(randomText(rng)).append(close);
      }
    }
    return sb.toString();
  }

  @Test
  void everyDecodedLayoutParsesWithValidBoxesAndEveryRequestedTextVerbatim() {
    SplittableRandom rng = new SplittableRandom(20251129);
    LayoutDecoder decoder = new LayoutDecoder(model, TinyModels.TOKENIZER);
    Canvas canvas = new Canvas(512, 384);
    int withExtras = 0;
    int leftOut = 0;
    for (int round = 0; round < 300; round++) {
      String prompt = randomPrompt(rng);
      if (prompt.isBlank()) {
        continue;
      }
      LayoutLimits limits = new LayoutLimits(1 + rng.nextInt(16), 4 + rng.nextInt(77));
      List<String> required = RequestedTexts.extract(prompt, limits).texts();
      Sampling sampling =
          rng.nextBoolean()
              ? Sampling.GREEDY
              : new Sampling(0.5 + 2 * rng.nextDouble(), 0.05 + 0.95 * rng.nextDouble(), round);
      LayoutDecoder.Decoded d =
          decoder.decode(
              prompt, required, limits.maxLines(), limits.maxTextLength(), sampling, true);
      String td2 =
          TinyModels.TOKENIZER.decodeLayout(
              java.util.Arrays.copyOfRange(d.tokens(), d.layoutStart(), d.tokens().length));
      Layout layout = Td2Format.parse(td2, canvas, limits); // throws on any broken rule
      List<String> texts = layout.lines().stream().map(TextLine::text).toList();
      // Texts that do not fit the model's positions are left out whole, from the end.
      List<String> placed = required.subList(0, required.size() - d.leftOut().size());
      assertEquals(d.leftOut(), required.subList(placed.size(), required.size()));
      assertEquals(placed, texts.subList(0, placed.size()), "required texts first: " + prompt);
      leftOut += d.leftOut().size();
      for (TextLine line : layout.lines()) {
        Box b = line.box();
        assertTrue(0 <= b.left() && b.left() < b.right() && b.right() <= 128, td2);
        assertTrue(0 <= b.top() && b.top() < b.bottom() && b.bottom() <= 128, td2);
      }
      for (int i = placed.size(); i < texts.size(); i++) {
        withExtras++;
        String extra = texts.get(i);
        assertTrue(RequestedTexts.clean(prompt).contains(extra), extra + " is from " + prompt);
        for (String other : texts) {
          assertTrue(other == extra || (!other.contains(extra) && !extra.contains(other)));
        }
      }
      assertEquals(texts.size(), texts.stream().distinct().count(), "no text twice: " + td2);
      assertTrue(d.tokens().length <= model.config().maxLen());
    }
    assertTrue(withExtras > 0, "random scores sometimes add lines taken from the prompt");
    assertTrue(leftOut < 30, leftOut + " texts did not fit: most prompts must fit whole");
  }

  @Test
  void aModelWithFewPositionsStillEndsInAValidLayout() {
    LayoutDecoder decoder = new LayoutDecoder(shortModel, TinyModels.TOKENIZER);
    String prompt = "A poster that says 'SUMMER SALE' and '50% OFF' and 'Mara Quinn' and 'x'";
    List<String> required = RequestedTexts.extract(prompt).texts();
    LayoutDecoder.Decoded d = decoder.decode(prompt, required, 16, 80, Sampling.GREEDY, true);
    assertTrue(d.tokens().length <= 24);
    assertTrue(d.promptCut());
    assertFalse(d.leftOut().isEmpty(), "texts that cannot fit are left to the validator");
    String td2 =
        TinyModels.TOKENIZER.decodeLayout(
            java.util.Arrays.copyOfRange(d.tokens(), d.layoutStart(), d.tokens().length));
    Layout layout = Td2Format.parse(td2, new Canvas(256, 256));
    List<String> placed = layout.lines().stream().map(TextLine::text).toList();
    List<String> expected = new ArrayList<>(required);
    expected.removeAll(d.leftOut());
    assertEquals(expected, placed);
  }

  @Test
  void thePlannerHoldsEveryRequestedTextEvenWhenTheModelRunsOutOfPositions() {
    try (LayoutLmPlanner planner =
        new LayoutLmPlanner(
            shortModel, TinyModels.TOKENIZER, GlyphRenderer.system(), Sampling.GREEDY, false)) {
      String prompt = "A poster that says 'SUMMER SALE' and '50% OFF' and 'Mara Quinn' and 'x'";
      PlanResult r = planner.plan(new PlanRequest(prompt, new Canvas(512, 512)));
      assertEquals("lm", r.planner());
      assertEquals(List.of("SUMMER SALE", "50% OFF", "Mara Quinn", "x"), r.requestedTexts());
      assertEquals(r.requestedTexts(), r.layout().lines().stream().map(TextLine::text).toList());
      assertTrue(LayoutRules.problems(r.layout(), LayoutLimits.DEFAULT).isEmpty());
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("placed by the validator")));
    }
  }

  @Test
  void thirtyQuotedStringsAreCutToTheLineLimitWithANote() {
    StringBuilder prompt = new StringBuilder("A wall of words:");
    for (int i = 0; i < 30; i++) {
      prompt.append(" 'W").append(i).append('\'');
    }
    try (LayoutLmPlanner planner =
        new LayoutLmPlanner(
            model, TinyModels.TOKENIZER, GlyphRenderer.system(), Sampling.GREEDY, false)) {
      PlanResult r = planner.plan(new PlanRequest(prompt.toString(), new Canvas(512, 512)));
      assertEquals(16, r.layout().lines().size());
      assertEquals(r.requestedTexts(), r.layout().lines().stream().map(TextLine::text).toList());
      assertTrue(r.notes().stream().anyMatch(n -> n.contains("limit of 16 lines")));
    }
  }

  @Test
  void theGrammarOffersExactlyTheBoxBoundsAndRefusesAnythingElse() {
    LayoutGrammar g =
        new LayoutGrammar(TinyModels.TOKENIZER, new int[0], List.of("x"), 20, 16, 80, false);
    g.accept(TinyModels.TOKENIZER.encode("x")[0]);
    BitSet left = g.allowed();
    assertEquals(128, left.cardinality());
    assertTrue(
        left.get(LayoutTokenizer.coordToken(0)) && left.get(LayoutTokenizer.coordToken(127)));
    g.accept(LayoutTokenizer.coordToken(100));
    g.accept(LayoutTokenizer.coordToken(127));
    BitSet right = g.allowed();
    assertEquals(28, right.cardinality(), "r in 101..128");
    assertFalse(right.get(LayoutTokenizer.coordToken(100)));
    assertThrows(IllegalArgumentException.class, () -> g.accept(LayoutTokenizer.coordToken(100)));
    g.accept(LayoutTokenizer.coordToken(128));
    assertEquals(1, g.allowed().cardinality(), "b = 128 is the only choice after t = 127");
    g.accept(LayoutTokenizer.coordToken(128));
    assertEquals(BitSetOf(LayoutTokenizer.EOS), g.allowed(), "no extras: only EOS");
    g.accept(LayoutTokenizer.EOS);
    assertTrue(g.done());
    assertEquals(new Box(100, 127, 128, 128), g.lines().get(0).box());
  }

  @Test
  void anUnquotedPromptGetsAStretchOfItChosenTokenByToken() {
    LayoutTokenizer tok = TinyModels.TOKENIZER;
    String prompt = "a stamp of Breath of the Wild, Red Sea and more";
    int[] p = tok.encode(prompt);
    LayoutGrammar g = new LayoutGrammar(tok, p, List.of(), 100, 16, 80, true);
    BitSet first = g.allowed();
    assertFalse(first.get(LayoutTokenizer.EOS), "it names something: a first line is due");
    assertTrue(first.get(tok.encode("B")[0]));
    assertFalse(first.get(tok.encode("a")[0]), "lower-case words are prose, not text");
    assertFalse(first.get(tok.encode(",")[0]), "a text never starts with punctuation");
    for (int t : tok.encode("Breat")) {
      g.accept(t);
    }
    assertFalse(g.allowed().get(LayoutTokenizer.coordToken(0)), "a text never ends inside a word");
    for (int t : tok.encode("h of the")) {
      g.accept(t);
    }
    assertFalse(
        g.allowed().get(LayoutTokenizer.coordToken(0)), "nor with a lower-case word: 'of the'");
    for (int t : tok.encode(" Wild")) {
      g.accept(t);
    }
    assertFalse(g.allowed().get(tok.encode(",")[0]), "nor holds a comma");
    g.accept(LayoutTokenizer.coordToken(10));
    g.accept(LayoutTokenizer.coordToken(10));
    g.accept(LayoutTokenizer.coordToken(90));
    g.accept(LayoutTokenizer.coordToken(30));
    BitSet next = g.allowed();
    assertFalse(next.get(tok.encode("W")[0]), "'Wild' lies inside a placed text");
    assertTrue(next.get(tok.encode("R")[0]), "'Red Sea' is still free");
    assertTrue(next.get(LayoutTokenizer.EOS), "after a first line the model may stop");
    g.accept(LayoutTokenizer.EOS);
    assertEquals("Breath of the Wild", g.lines().get(0).text());
    assertTrue(g.lines().get(0).extra());
  }

  @Test
  void aTakenTextIsAWholeTitleRunNotAPieceOfOne() {
    LayoutTokenizer tok = TinyModels.TOKENIZER;
    LayoutGrammar g =
        new LayoutGrammar(
            tok, tok.encode("A photo of New York at night"), List.of(), 100, 16, 80, true);
    BitSet first = g.allowed();
    assertTrue(first.get(tok.encode("N")[0]));
    assertFalse(first.get(tok.encode("A")[0]), "'A' is one letter, 'A photo' runs into prose");
    for (int t : tok.encode("New")) {
      g.accept(t);
    }
    assertFalse(g.allowed().get(LayoutTokenizer.coordToken(0)), "the title goes on: New York");
    for (int t : tok.encode(" York")) {
      g.accept(t);
    }
    assertTrue(g.allowed().get(LayoutTokenizer.coordToken(0)));
    assertFalse(g.allowed().get(tok.encode(" ")[0]), "'at night' is prose");

    LayoutGrammar wild =
        new LayoutGrammar(
            tok, tok.encode("a stamp of Breath of the Wild"), List.of(), 100, 16, 80, true);
    BitSet starts = wild.allowed();
    assertTrue(starts.get(tok.encode("B")[0]));
    assertFalse(starts.get(tok.encode("W")[0]), "'Wild' is the end of a title, not one");

    LayoutGrammar hill =
        new LayoutGrammar(
            tok,
            tok.encode("Event poster for Stories from the Hill, with"),
            List.of(),
            100,
            16,
            80,
            true);
    for (int t : tok.encode("Stories")) {
      hill.accept(t);
    }
    assertFalse(hill.allowed().get(LayoutTokenizer.coordToken(0)), "'from the' joins the title");
  }

  @Test
  void aPromptOfProseOffersNoTextAndEndsEmpty() {
    LayoutTokenizer tok = TinyModels.TOKENIZER;
    int[] p = tok.encode("a red background with nothing on it");
    LayoutGrammar g = new LayoutGrammar(tok, p, List.of(), 100, 16, 80, true);
    assertEquals(BitSetOf(LayoutTokenizer.EOS), g.allowed());
  }

  private static BitSet BitSetOf(int bit) {
    BitSet b = new BitSet();
    b.set(bit);
    return b;
  }
}
