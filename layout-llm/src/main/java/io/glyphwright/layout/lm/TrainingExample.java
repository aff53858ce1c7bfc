package io.glyphwright.layout.lm;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.layout.PromptException;
import io.glyphwright.layout.RequestedTexts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One (caption → layout) pair, as the corpus gives it: the caption is the prompt, the layout TD2
 * text on the 128 grid.
 *
 * @param prompt the caption
 * @param layout TD2 text, {@code <text> l,t,r,b} per line
 */
public record TrainingExample(String prompt, String layout) {
  private static final Canvas ANY = new Canvas(512, 512);

  public TrainingExample {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(layout, "layout");
  }

  /**
   * The sequence the model learns from, in the order decoding produces: {@code BOS prompt SEP},
   * then the lines whose text the prompt asks for (as {@link RequestedTexts} finds them, in that
   * order), then the other lines in the corpus's order, then {@code EOS}.
   *
   * @return null when the example cannot be used: an empty prompt, a layout that breaks the layout
   *     rules, or one too long for {@code maxLen}
   */
  Encoded encode(LayoutTokenizer tokenizer, int maxLen) {
    Layout parsed;
    List<String> required;
    try {
      parsed = Td2Format.parse(layout, ANY);
      required = RequestedTexts.extract(prompt).texts();
    } catch (LayoutException | PromptException e) {
      return null;
    }
    if (parsed.lines().isEmpty()) {
      return null;
    }
    List<TextLine> ordered = new ArrayList<>();
    List<TextLine> rest = new ArrayList<>(parsed.lines());
    for (String text : required) {
      for (int i = 0; i < rest.size(); i++) {
        if (rest.get(i).text().equals(text)) {
          ordered.add(rest.remove(i));
          break;
        }
      }
    }
    ordered.addAll(rest);
    int[] target = tokenizer.encodeLayout(parsed.withLines(ordered));
    if (target.length + 2 > maxLen) {
      return null;
    }
    int[] promptTokens = tokenizer.encode(RequestedTexts.clean(prompt));
    int keep = LayoutDecoder.promptKeep(promptTokens.length, target.length, maxLen);
    int[] seq = new int[keep + 2 + target.length];
    seq[0] = LayoutTokenizer.BOS;
    System.arraycopy(promptTokens, 0, seq, 1, keep);
    seq[keep + 1] = LayoutTokenizer.SEP;
    System.arraycopy(target, 0, seq, keep + 2, target.length);
    return new Encoded(seq, keep + 2);
  }

  /**
   * A training sequence.
   *
   * @param tokens {@code BOS prompt SEP layout EOS}
   * @param targetStart index of the first layout token: the loss covers the tokens from there on
   */
  record Encoded(int[] tokens, int targetStart) {
    Encoded {
      tokens = tokens.clone();
    }

    @Override
    public int[] tokens() {
      return tokens.clone();
    }

    int length() {
      return tokens.length;
    }

    int token(int i) {
      return tokens[i];
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Encoded e
          && e.targetStart == targetStart
          && Arrays.equals(e.tokens, tokens);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(tokens) + targetStart;
    }

    @Override
    public String toString() {
      return "Encoded[" + tokens.length + " tokens, target from " + targetStart + "]";
    }
  }
}
