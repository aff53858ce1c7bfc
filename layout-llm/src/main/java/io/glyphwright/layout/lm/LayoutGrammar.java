package io.glyphwright.layout.lm;

import io.glyphwright.core.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The constraint that makes every decoded layout valid, applied token by token: it says which
 * tokens may come next, and decoding picks only among them.
 *
 * <p>The layout it admits:
 *
 * <ol>
 *   <li>first the <b>required texts</b> (the texts the prompt asks for), in the order given, each
 *       copied token for token — their text tokens are forced, so each is verbatim;
 *   <li>after each text its box, four coordinate tokens {@code l t r b} with {@code 0 ≤ l < r ≤
 *       128} and {@code 0 ≤ t < b ≤ 128}: the grid bounds and the order are enforced per token;
 *   <li>then, while lines and positions remain, the model may add <b>further lines whose text is
 *       taken from the prompt</b> (a stretch of it made of whole words, whose first and last words
 *       start with a capital, a digit, a currency sign or an uncased letter such as a Chinese
 *       character — lower-case words are prose, as {@code RequestedTexts} rules them —, that starts
 *       with a letter, digit or currency sign, ends with a letter, digit or {@code ! ? % + #},
 *       holds no quote marks, brackets, commas, colons, semicolons or control characters, is at
 *       least two characters long, and neither contains nor lies inside a text already placed or
 *       required) — this is how an unquoted prompt ("a stamp of Breath of the Wild") gets its text,
 *       chosen by the model but never invented;
 *   <li>{@code EOS}, allowed only once every required text is placed, and, when there are none,
 *       only after a first line if the prompt offers one: a prompt that quotes nothing but names
 *       something in capitals ("a stamp of Breath of the Wild") gets that name as its text, while a
 *       prompt of prose ("a red background") offers none and gives an empty layout.
 * </ol>
 *
 * <p>Each state admits at least one token and every admitted token leads to a state from which
 * {@code EOS} is reachable within the position budget, so decoding always ends in a layout that
 * parses, whatever the model's scores.
 */
final class LayoutGrammar {
  private static final String NEVER_IN_EXTRA = "\"'“”‘’「」『』《》«»()[]{}<>＂（）【】〈〉,;:，、；：。";
  private static final String EXTRA_END = "!?%+#";

  private enum State {
    REQUIRED_TEXT,
    COORD,
    LINE_START,
    EXTRA_TEXT,
    DONE
  }

  /** A line as decoded: its text, its box, and whether the model took it from the prompt. */
  record Line(String text, Box box, boolean extra) {}

  /** A stretch {@code [start, end)} of prompt tokens that may become an extra line's text. */
  private record Span(int start, int end, String text) {}

  private final LayoutTokenizer tokenizer;
  private final int[] prompt;
  private final List<String> required;
  private final int[][] requiredTokens;
  private final int maxLines;
  private final int maxTextLength;
  private final boolean extrasAllowed;
  private final Set<String> placedTexts = new HashSet<>();
  private final List<Line> lines = new ArrayList<>();

  private int budget;
  private State state;
  private int requiredIndex;
  private int textPos;
  private final int[] coords = new int[4];
  private int coordIndex;
  private String lineText;
  private boolean lineExtra;
  private List<Span> spans = List.of();
  private final List<Integer> extraTokens = new ArrayList<>();

  /**
   * @param prompt the prompt's tokens as the model sees them (candidates for extra lines)
   * @param required texts to place first, in this order; their token cost must fit the budget
   * @param budget most layout tokens (texts, coordinates and {@code EOS}) decoding may produce
   * @param maxLines most lines in all
   * @param maxTextLength most characters in an extra line's text
   * @param extrasAllowed whether lines beyond the required texts may be added
   * @throws IllegalArgumentException when the required texts do not fit the budget or the lines
   */
  LayoutGrammar(
      LayoutTokenizer tokenizer,
      int[] prompt,
      List<String> required,
      int budget,
      int maxLines,
      int maxTextLength,
      boolean extrasAllowed) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.prompt = prompt.clone();
    this.required = List.copyOf(required);
    this.maxLines = maxLines;
    this.maxTextLength = maxTextLength;
    this.extrasAllowed = extrasAllowed;
    this.budget = budget;
    requiredTokens = new int[this.required.size()][];
    int cost = 1;
    for (int i = 0; i < requiredTokens.length; i++) {
      String text = this.required.get(i);
      if (text.isEmpty()) {
        throw new IllegalArgumentException("a required text is empty");
      }
      requiredTokens[i] = tokenizer.encode(text);
      cost += requiredTokens[i].length + 4;
    }
    if (cost > budget) {
      throw new IllegalArgumentException(
          "the required texts need " + cost + " layout tokens; the budget is " + budget);
    }
    if (this.required.size() > maxLines) {
      throw new IllegalArgumentException(
          this.required.size() + " required texts exceed the limit of " + maxLines + " lines");
    }
    startLine();
  }

  /** Layout tokens a set of required texts costs: their text tokens, four per box, one EOS. */
  static int cost(LayoutTokenizer tokenizer, List<String> texts) {
    int cost = 1;
    for (String t : texts) {
      cost += tokenizer.encode(t).length + 4;
    }
    return cost;
  }

  boolean done() {
    return state == State.DONE;
  }

  /** The lines decoded so far (complete ones only). */
  List<Line> lines() {
    return List.copyOf(lines);
  }

  /** The tokens that may come next; never empty before {@link #done()}. */
  BitSet allowed() {
    BitSet out = new BitSet(tokenizer.vocabSize());
    switch (state) {
      case REQUIRED_TEXT -> out.set(requiredTokens[requiredIndex][textPos]);
      case COORD -> {
        int lo = coordIndex < 2 ? 0 : coords[coordIndex - 2] + 1;
        int hi = coordIndex < 2 ? LayoutTokenizer.GRID - 1 : LayoutTokenizer.GRID;
        out.set(LayoutTokenizer.coordToken(lo), LayoutTokenizer.coordToken(hi) + 1);
      }
      case LINE_START -> {
        // A prompt that quotes nothing but names something (in capitals) gets a line: the model
        // chooses which stretch, not whether.
        if (!(lines.isEmpty() && required.isEmpty() && !spans.isEmpty())) {
          out.set(LayoutTokenizer.EOS);
        }
        for (Span s : spans) {
          out.set(prompt[s.start]);
        }
      }
      case EXTRA_TEXT -> {
        int len = extraTokens.size();
        for (Span s : spans) {
          if (s.end - s.start == len) {
            out.set(
                LayoutTokenizer.coordToken(0),
                LayoutTokenizer.coordToken(LayoutTokenizer.GRID - 1) + 1);
          } else {
            out.set(prompt[s.start + len]);
          }
        }
      }
      case DONE -> {
        // nothing more
      }
    }
    return out;
  }

  /**
   * Takes the next token.
   *
   * @throws IllegalArgumentException when {@link #allowed()} does not hold it
   */
  void accept(int token) {
    if (!allowed().get(token)) {
      throw new IllegalArgumentException("token " + token + " is not allowed in state " + state);
    }
    budget--;
    switch (state) {
      case REQUIRED_TEXT -> {
        textPos++;
        if (textPos == requiredTokens[requiredIndex].length) {
          lineText = required.get(requiredIndex);
          lineExtra = false;
          beginBox();
        }
      }
      case COORD -> takeCoord(token);
      case LINE_START -> {
        if (token == LayoutTokenizer.EOS) {
          state = State.DONE;
        } else {
          state = State.EXTRA_TEXT;
          extraTokens.clear();
          takeExtraToken(token);
        }
      }
      case EXTRA_TEXT -> {
        int len = extraTokens.size();
        if (LayoutTokenizer.isCoord(token)) {
          Span done = spans.stream().filter(s -> s.end - s.start == len).findFirst().orElseThrow();
          lineText = done.text;
          lineExtra = true;
          beginBox();
          takeCoord(token);
        } else {
          takeExtraToken(token);
        }
      }
      case DONE -> throw new IllegalStateException("the layout is complete");
    }
  }

  private void takeCoord(int token) {
    coords[coordIndex++] = LayoutTokenizer.coordValue(token);
    if (coordIndex == 4) {
      lines.add(new Line(lineText, new Box(coords[0], coords[1], coords[2], coords[3]), lineExtra));
      placedTexts.add(lineText);
      if (!lineExtra) {
        requiredIndex++;
      }
      startLine();
    }
  }

  private void takeExtraToken(int token) {
    int len = extraTokens.size();
    List<Span> kept = new ArrayList<>();
    for (Span s : spans) {
      if (s.end - s.start > len && prompt[s.start + len] == token) {
        kept.add(s);
      }
    }
    spans = kept;
    extraTokens.add(token);
  }

  private void beginBox() {
    state = State.COORD;
    coordIndex = 0;
    Arrays.fill(coords, 0);
  }

  private void startLine() {
    if (requiredIndex < requiredTokens.length) {
      state = State.REQUIRED_TEXT;
      textPos = 0;
      return;
    }
    state = State.LINE_START;
    spans = extrasAllowed && lines.size() < maxLines ? extraSpans() : List.of();
  }

  /**
   * The stretches of the prompt that may become the next extra line: within the rules above, not
   * overlapping any placed or required text, and short enough that the line (text, box) and {@code
   * EOS} fit the remaining budget.
   */
  private List<Span> extraSpans() {
    // The prompt as characters: code point (-1 for bytes that do not make one) and token range.
    int n = prompt.length;
    int[] cps = new int[n];
    int[] from = new int[n];
    int[] to = new int[n];
    int count = 0;
    for (int i = 0; i < n; ) {
      int j = i + 1;
      while (j < n && tokenizer.isText(prompt[j]) && !tokenizer.startsCharacter(prompt[j])) {
        j++;
      }
      int cp = -1;
      if (tokenizer.isText(prompt[i]) && tokenizer.startsCharacter(prompt[i])) {
        String ch = tokenizer.decode(prompt, i, j);
        cp = ch.codePointCount(0, ch.length()) == 1 ? ch.codePointAt(0) : -1;
      }
      cps[count] = cp;
      from[count] = i;
      to[count] = j;
      count++;
      i = j;
    }
    int maxTokens = budget - 5;
    List<String> blocked = new ArrayList<>(placedTexts);
    blocked.addAll(required);
    List<Span> out = new ArrayList<>();
    for (int s = 0; s < count; s++) {
      int first = cps[s];
      if (first < 0 || !canStart(first) || !startsTitle(first)) {
        continue;
      }
      if (wordChar(first) && s > 0 && wordChar(cps[s - 1])) {
        continue; // inside a word
      }
      if (s > 0 && cps[s - 1] == ' ' && capitalisedWordAcrossConnectors(cps, count, s - 1, -1)) {
        continue; // a title that starts earlier: "Wild" in "Breath of the Wild"
      }
      StringBuilder text = new StringBuilder();
      int chars = 0;
      int lastWordFirst = first;
      for (int c = s; c < count; c++) {
        int cp = cps[c];
        if (cp < 0 || !canHold(cp) || (cp == ' ' && text.length() > 0 && cps[c - 1] == ' ')) {
          break;
        }
        if (c > s && cps[c - 1] == ' ') {
          if (wordChar(cp) && Character.isLowerCase(cp) && !isConnector(cps, count, c)) {
            break; // a lower-case word is prose: the text stops before it
          }
          lastWordFirst = cp;
        }
        if (to[c] - from[s] > maxTokens || ++chars > maxTextLength) {
          break;
        }
        text.appendCodePoint(cp);
        boolean endsWord = c + 1 >= count || !(wordChar(cp) && wordChar(cps[c + 1]));
        boolean titleGoesOn =
            c + 1 < count
                && cps[c + 1] == ' '
                && capitalisedWordAcrossConnectors(cps, count, c + 1, +1);
        if (canEnd(cp) && chars > 1 && endsWord && !titleGoesOn && startsTitle(lastWordFirst)) {
          String t = text.toString();
          if (!overlapsAny(t, blocked)) {
            out.add(new Span(from[s], to[c], t));
          }
        }
      }
    }
    return out;
  }

  private static final java.util.Set<String> CONNECTORS =
      java.util.Set.of(
          "of", "the", "and", "a", "an", "or", "to", "in", "on", "at", "for", "from", "into",
          "upon", "over", "under", "through", "de", "du", "des", "la", "le", "les", "del", "della",
          "di", "da", "von", "van", "der", "den", "y", "et", "und");

  /** The word starting at character {@code c}, up to a space or a character that is not one. */
  private static String wordAt(int[] cps, int count, int c) {
    StringBuilder w = new StringBuilder();
    for (int k = c; k < count && cps[k] > 0 && cps[k] != ' '; k++) {
      w.appendCodePoint(cps[k]);
    }
    return w.toString();
  }

  private static boolean isConnector(int[] cps, int count, int c) {
    return CONNECTORS.contains(wordAt(cps, count, c));
  }

  /**
   * Whether, from the space at {@code space}, going in {@code dir} over words that are title
   * connectors ("of", "the", …), the next word is a capitalised word of a cased script: then a
   * title runs on across the space and a text may not stop (or start) there.
   */
  private static boolean capitalisedWordAcrossConnectors(int[] cps, int count, int space, int dir) {
    int c = space;
    while (true) {
      c += dir;
      if (c < 0 || c >= count || cps[c] < 0 || cps[c] == ' ') {
        return false;
      }
      // the word's first character
      int start = c;
      if (dir < 0) {
        while (start > 0 && cps[start - 1] > 0 && cps[start - 1] != ' ') {
          start--;
        }
      }
      int end = start;
      while (end < count && cps[end] > 0 && cps[end] != ' ') {
        if (dir < 0 && !canHold(cps[end])) {
          return false; // punctuation before the space ("Wild, Red") ends a title
        }
        end++;
      }
      int firstCp = cps[start];
      if (!wordChar(firstCp)) {
        return false;
      }
      if (!Character.isLowerCase(firstCp)) {
        return startsTitle(firstCp);
      }
      if (!isConnector(cps, count, start)) {
        return false;
      }
      c = dir > 0 ? end : start - 1; // the space beyond the connector
      if (c < 0 || c >= count || cps[c] != ' ') {
        return false;
      }
    }
  }

  private static boolean overlapsAny(String text, List<String> others) {
    for (String o : others) {
      if (o.contains(text) || text.contains(o)) {
        return true;
      }
    }
    return false;
  }

  /** A capital, a digit, a currency sign or a letter of a script without case (Chinese). */
  private static boolean startsTitle(int cp) {
    return canStart(cp) && !Character.isLowerCase(cp);
  }

  /** A letter or digit of a script that separates words with spaces. */
  private static boolean wordChar(int cp) {
    if (!Character.isLetterOrDigit(cp)) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script != Character.UnicodeScript.HAN
        && script != Character.UnicodeScript.HIRAGANA
        && script != Character.UnicodeScript.KATAKANA
        && script != Character.UnicodeScript.HANGUL;
  }

  private static boolean canStart(int cp) {
    return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.CURRENCY_SYMBOL;
  }

  private static boolean canEnd(int cp) {
    return Character.isLetterOrDigit(cp) || EXTRA_END.indexOf(cp) >= 0;
  }

  private static boolean canHold(int cp) {
    if (cp == ' ') {
      return true;
    }
    int type = Character.getType(cp);
    return !Character.isWhitespace(cp)
        && !Character.isSpaceChar(cp)
        && !Character.isISOControl(cp)
        && type != Character.FORMAT
        && type != Character.UNASSIGNED
        && type != Character.PRIVATE_USE
        && NEVER_IN_EXTRA.indexOf(cp) < 0;
  }
}
