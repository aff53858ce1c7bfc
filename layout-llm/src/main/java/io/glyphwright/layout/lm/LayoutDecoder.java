package io.glyphwright.layout.lm;

import io.glyphwright.layout.RequestedTexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Decodes a layout from a prompt: the model scores, {@link LayoutGrammar} constrains, {@link
 * Sampling} chooses.
 *
 * <p>The model reads {@code BOS prompt SEP} and writes layout tokens. Tokens the grammar forces
 * (the characters of a required text, a lone {@code EOS}) cost no model call: they are fed together
 * with the next token that needs a choice, so a layout with {@code k} lines costs about {@code 4k +
 * 1} model calls, each over a handful of new tokens thanks to the key/value cache.
 */
final class LayoutDecoder {
  /** Layout tokens kept free for lines the model adds, when a long prompt must be cut. */
  static final int EXTRA_RESERVE = 48;

  private final LayoutScorer model;
  private final LayoutTokenizer tokenizer;

  LayoutDecoder(LayoutScorer model, LayoutTokenizer tokenizer) {
    if (model.config().vocabSize() != tokenizer.vocabSize()) {
      throw new IllegalArgumentException(
          "the model has "
              + model.config().vocabSize()
              + " tokens, the tokenizer "
              + tokenizer.vocabSize());
    }
    this.model = model;
    this.tokenizer = tokenizer;
  }

  /**
   * What decoding produced.
   *
   * @param lines the decoded lines, required texts first
   * @param tokens the whole sequence: {@code BOS}, the prompt as read, {@code SEP}, the layout
   * @param layoutStart index in {@code tokens} of the first layout token
   * @param modelCalls forward passes run
   * @param promptCut whether the prompt was cut to fit the model's positions
   * @param leftOut required texts that did not fit the model's positions (the validator places
   *     them)
   */
  record Decoded(
      List<LayoutGrammar.Line> lines,
      int[] tokens,
      int layoutStart,
      int modelCalls,
      boolean promptCut,
      List<String> leftOut) {}

  /** The model's view of a prompt: cleaned as requested texts are, then tokenised. */
  int[] promptTokens(String prompt) {
    return tokenizer.encode(RequestedTexts.clean(prompt));
  }

  /**
   * How many prompt tokens to keep so that {@code BOS prompt SEP} and the layout fit {@code
   * maxLen}: all of them when they fit, else the first ones, leaving room for the required texts
   * and {@link #EXTRA_RESERVE} tokens more.
   */
  static int promptKeep(int promptTokens, int requiredCost, int maxLen) {
    if (2 + promptTokens + requiredCost <= maxLen) {
      return promptTokens;
    }
    return Math.max(0, Math.min(promptTokens, maxLen - 2 - requiredCost - EXTRA_RESERVE));
  }

  /**
   * Decodes one layout.
   *
   * @param required texts the layout must hold, in this order (already cleaned and within limits)
   * @param cached whether to use the key/value cache (false runs the whole sequence through a fresh
   *     session at every call, recomputing every position: the reference for tests)
   */
  Decoded decode(
      String prompt,
      List<String> required,
      int maxLines,
      int maxTextLength,
      Sampling sampling,
      boolean cached) {
    int maxLen = model.config().maxLen();
    List<String> fit = new ArrayList<>(required);
    List<String> leftOut = new ArrayList<>();
    while (!fit.isEmpty() && LayoutGrammar.cost(tokenizer, fit) > maxLen - 2) {
      leftOut.add(0, fit.remove(fit.size() - 1));
    }
    int requiredCost = LayoutGrammar.cost(tokenizer, fit);
    int[] all = promptTokens(prompt);
    int keep = promptKeep(all.length, requiredCost, maxLen);
    int[] kept = Arrays.copyOf(all, keep);
    int budget = maxLen - 2 - keep;
    LayoutGrammar grammar =
        new LayoutGrammar(tokenizer, kept, fit, budget, maxLines, maxTextLength, leftOut.isEmpty());

    int[] seq = new int[maxLen];
    int length = 0;
    seq[length++] = LayoutTokenizer.BOS;
    System.arraycopy(kept, 0, seq, length, keep);
    length += keep;
    seq[length++] = LayoutTokenizer.SEP;
    int layoutStart = length;
    int fed = 0;
    int calls = 0;
    Sampling.Chooser chooser = sampling.chooser();
    try (LayoutScorer.ScoringSession session = cached ? model.newSession() : null) {
      while (!grammar.done()) {
        BitSet allowed = grammar.allowed();
        int token;
        if (allowed.cardinality() == 1) {
          token = allowed.nextSetBit(0);
        } else {
          float[] logits;
          if (cached) {
            logits = session.feed(Arrays.copyOfRange(seq, fed, length));
          } else {
            try (LayoutScorer.ScoringSession fresh = model.newSession()) {
              logits = fresh.feed(Arrays.copyOf(seq, length));
            }
          }
          fed = length;
          calls++;
          token = chooser.pick(logits, allowed);
        }
        grammar.accept(token);
        seq[length++] = token;
      }
    }
    return new Decoded(
        grammar.lines(),
        Arrays.copyOf(seq, length),
        layoutStart,
        calls,
        keep < all.length,
        List.copyOf(leftOut));
  }
}
