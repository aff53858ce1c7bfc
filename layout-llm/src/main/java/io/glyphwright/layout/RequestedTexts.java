package io.glyphwright.layout;

import io.glyphwright.core.LayoutLimits;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts a prompt asks to be drawn, in the order the prompt names them, and notes on what was
 * left out.
 *
 * <p>Texts come from quotes ({@code '…'}, {@code "…"}, {@code “…”}, {@code ‘…’}, {@code 「…」},
 * {@code 『…』}, {@code 《…》}, {@code «…»}) and, without quotes, from cue phrases such as {@code that
 * says X}, {@code titled X}, {@code 写着X}. docs/PLANNER.md gives the full rules; in short:
 *
 * <ul>
 *   <li>An apostrophe inside a word ({@code Valentine's}, {@code don't}, {@code ’90s}, {@code rock
 *       'n' roll}) is not a quote mark.
 *   <li>Quotes inside a quoted text belong to that text.
 *   <li>An unquoted text must start with a capital letter, a digit or a character of a script
 *       without case (Chinese): lower-case words after a cue are ordinary prose.
 *   <li>Each text is cleaned (control characters removed, runs of white space made one space,
 *       trimmed); exact duplicates are kept once.
 *   <li>Limits: a text longer than {@link LayoutLimits#maxTextLength()} is left out (never cut or
 *       split), and only the first {@link LayoutLimits#maxLines()} texts are kept; a note says so.
 * </ul>
 *
 * @param texts the texts to place, cleaned, distinct, within the limits
 * @param notes one sentence for each thing the user should know (texts left out, characters
 *     removed, duplicates merged)
 */
public record RequestedTexts(List<String> texts, List<String> notes) {

  /** Longest prompt accepted, in characters (code points). */
  public static final int MAX_PROMPT_LENGTH = 4000;

  private static final String EXAMPLE = "A poster that says 'SUMMER SALE' and '50% OFF'";

  public RequestedTexts {
    texts = List.copyOf(texts);
    notes = List.copyOf(notes);
  }

  /** Extracts under {@link LayoutLimits#DEFAULT}. */
  public static RequestedTexts extract(String prompt) {
    return extract(prompt, LayoutLimits.DEFAULT);
  }

  /**
   * Extracts the requested texts of a prompt.
   *
   * @throws PromptException when the prompt is empty, blank or longer than {@link
   *     #MAX_PROMPT_LENGTH}
   */
  public static RequestedTexts extract(String prompt, LayoutLimits limits) {
    checkPrompt(prompt);
    Objects.requireNonNull(limits, "limits");
    List<Found> found = new ArrayList<>(findQuoted(prompt));
    found.addAll(findCued(prompt, found));
    found.sort(Comparator.comparingInt(Found::start));

    List<String> notes = new ArrayList<>();
    Set<String> distinct = new LinkedHashSet<>();
    boolean removedInvisible = false;
    for (Found f : found) {
      Cleaned c = cleanText(f.text());
      removedInvisible |= c.removedInvisible();
      if (c.text().isEmpty()) {
        continue;
      }
      if (!distinct.add(c.text())) {
        notes.add("'" + c.text() + "' is asked for more than once; it is placed once");
      }
    }
    if (removedInvisible) {
      notes.add("control or invisible characters were removed from the requested texts");
    }
    List<String> texts = new ArrayList<>();
    for (String text : distinct) {
      int length = text.codePointCount(0, text.length());
      if (length > limits.maxTextLength()) {
        notes.add(
            "'"
                + preview(text)
                + "' has "
                + length
                + " characters, more than the limit of "
                + limits.maxTextLength()
                + " for one line, so it was left out: shorten it (a requested text is never cut"
                + " or split)");
      } else {
        texts.add(text);
      }
    }
    if (texts.size() > limits.maxLines()) {
      List<String> dropped = texts.subList(limits.maxLines(), texts.size());
      notes.add(
          "the prompt asks for "
              + texts.size()
              + " texts, more than the limit of "
              + limits.maxLines()
              + " lines; the first "
              + limits.maxLines()
              + " are placed and these are left out: "
              + listPreview(dropped));
      texts = new ArrayList<>(texts.subList(0, limits.maxLines()));
    }
    return new RequestedTexts(texts, notes);
  }

  /**
   * Checks that a prompt can be planned from.
   *
   * @throws PromptException when it is null, blank or longer than {@link #MAX_PROMPT_LENGTH}
   */
  public static void checkPrompt(String prompt) {
    if (prompt == null || prompt.isBlank()) {
      throw new PromptException(
          "the prompt is empty: describe the image and quote the text to show, e.g. \""
              + EXAMPLE
              + "\"");
    }
    int length = prompt.codePointCount(0, prompt.length());
    if (length > MAX_PROMPT_LENGTH) {
      throw new PromptException(
          "the prompt has "
              + length
              + " characters, more than the limit of "
              + MAX_PROMPT_LENGTH
              + ": shorten it to the scene and the quoted texts to show");
    }
  }

  /**
   * A text as a layout line can hold it: white space (tabs, line breaks, no-break spaces) made one
   * space, control and format characters (other than the zero-width joiner) and code points that
   * are not characters removed, ends trimmed. May return an empty string.
   */
  public static String clean(String text) {
    return cleanText(text).text();
  }

  record Cleaned(String text, boolean removedInvisible) {}

  static Cleaned cleanText(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean removed = false;
    boolean pendingSpace = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      int type = Character.getType(cp);
      if (Character.isISOControl(cp)
          || (type == Character.FORMAT && cp != 0x200D)
          || type == Character.UNASSIGNED
          || type == Character.SURROGATE) {
        removed = true;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(cp);
    }
    return new Cleaned(out.toString(), removed);
  }

  static String preview(String text) {
    int max = 24;
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
  }

  private static String listPreview(List<String> texts) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(5, texts.size());
    for (int i = 0; i < shown; i++) {
      out.append(i == 0 ? "'" : ", '").append(preview(texts.get(i))).append('\'');
    }
    if (texts.size() > shown) {
      out.append(" and ").append(texts.size() - shown).append(" more");
    }
    return out.toString();
  }

  /** A text found in the prompt; {@code end} is the index just past it (past a closing quote). */
  record Found(int start, int end, String text, boolean titleLike) {}

  // ---------------------------------------------------------------- quotes

  /** How one kind of quote opens and closes. */
  private enum QuoteKind {
    /** {@code "…"} and the full-width {@code ＂…＂}: the same mark opens and closes. */
    STRAIGHT_DOUBLE,
    /** {@code '…'}: the mark is also the apostrophe. */
    STRAIGHT_SINGLE,
    /** {@code ‘…’}: the closing mark is also the typographic apostrophe. */
    CURLY_SINGLE,
    /**
     * Marks that differ and nest: {@code “…”}, {@code 「…」}, {@code 『…』}, {@code 《…》}, {@code «…»}.
     */
    PAIRED
  }

  private static final String PAIRED_OPEN = "“「『《«";
  private static final String PAIRED_CLOSE = "”」』》»";
  private static final Pattern TITLE_BEFORE =
      Pattern.compile(
          "(?:titled|entitled|title|called|标题|题为|书名)\\s*(?:为|是)?\\s*[:：]?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Top-level quoted texts. Scans left to right; at a mark that can open a quote, takes the text up
   * to its closing mark and resumes after it, so quotes inside a quote stay part of its text. A
   * mark that finds no closing mark is an ordinary character.
   */
  static List<Found> findQuoted(String s) {
    int n = s.length();
    int[] pairedMatch = matchPaired(s);
    int[] nextStraightDouble = nextCloser(s, QuoteKind.STRAIGHT_DOUBLE);
    int[] nextStraightSingle = nextCloser(s, QuoteKind.STRAIGHT_SINGLE);
    int[] nextCurlySingle = nextCloser(s, QuoteKind.CURLY_SINGLE);
    List<Found> found = new ArrayList<>();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      int close = -1;
      if (PAIRED_OPEN.indexOf(c) >= 0) {
        close = pairedMatch[i];
      } else if ((c == '"' || c == '＂') && opensStraightDouble(s, i)) {
        close = i + 1 < n ? nextStraightDouble[i + 1] : -1;
        while (close >= 0 && s.charAt(close) != c) {
          close = close + 1 < n ? nextStraightDouble[close + 1] : -1;
        }
      } else if (c == '\'' && opensSingle(s, i)) {
        close = i + 1 < n ? nextStraightSingle[i + 1] : -1;
      } else if (c == '‘' && opensSingle(s, i)) {
        close = i + 1 < n ? nextCurlySingle[i + 1] : -1;
      }
      if (close > i) {
        String text = s.substring(i + 1, close);
        if (!text.isBlank()) {
          boolean titleLike = TITLE_BEFORE.matcher(s.substring(Math.max(0, i - 24), i)).find();
          found.add(new Found(i, close + 1, text, titleLike));
        }
        i = close + 1;
      } else {
        i++;
      }
    }
    return found;
  }

  /** For each opening paired mark, the index of its closing mark (nesting counted), else -1. */
  private static int[] matchPaired(String s) {
    int n = s.length();
    int[] match = new int[n];
    java.util.Arrays.fill(match, -1);
    int[] stack = new int[n];
    int depth = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      int open = PAIRED_OPEN.indexOf(c);
      if (open >= 0) {
        stack[depth++] = i;
        continue;
      }
      int close = PAIRED_CLOSE.indexOf(c);
      if (close < 0) {
        continue;
      }
      // Pop to the nearest opener of the same kind; openers above it were never closed.
      for (int d = depth - 1; d >= 0; d--) {
        if (PAIRED_OPEN.indexOf(s.charAt(stack[d])) == close) {
          match[stack[d]] = i;
          depth = d;
          break;
        }
      }
    }
    return match;
  }

  /** {@code next[i]}: the first index at or after {@code i} that can close a quote of the kind. */
  private static int[] nextCloser(String s, QuoteKind kind) {
    int n = s.length();
    int[] next = new int[n];
    int upcoming = -1;
    for (int i = n - 1; i >= 0; i--) {
      if (closes(s, i, kind)) {
        upcoming = i;
      }
      next[i] = upcoming;
    }
    return next;
  }

  private static boolean closes(String s, int i, QuoteKind kind) {
    char c = s.charAt(i);
    switch (kind) {
      case STRAIGHT_DOUBLE:
        return (c == '"' || c == '＂') && i > 0 && !Character.isWhitespace(s.charAt(i - 1));
      case STRAIGHT_SINGLE:
        return c == '\'' && closesSingle(s, i);
      case CURLY_SINGLE:
        return c == '’' && closesSingle(s, i);
      default:
        return false;
    }
  }

  private static boolean opensStraightDouble(String s, int i) {
    return i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1));
  }

  /** An opening single mark: not inside a word, followed by a visible character, not an elision. */
  private static boolean opensSingle(String s, int i) {
    if (i + 1 >= s.length() || Character.isWhitespace(s.charAt(i + 1))) {
      return false;
    }
    if (i > 0 && isWordChar(s.codePointBefore(i))) {
      return false;
    }
    return !isElision(s, i);
  }

  /** A closing single mark: after a visible character, not followed by a letter or digit. */
  private static boolean closesSingle(String s, int i) {
    if (i == 0 || Character.isWhitespace(s.charAt(i - 1))) {
      return false;
    }
    if (i + 1 < s.length() && isWordChar(s.codePointAt(i + 1))) {
      return false;
    }
    return !isElision(s, i);
  }

  private static final Pattern ELISION_AFTER =
      Pattern.compile("^(?:\\d\\ds|em|til|tis|twas|cause|bout)(?![\\p{L}\\p{N}])");

  /**
   * An apostrophe that stands for left-out letters at the start of a word ({@code '90s}, {@code
   * 'em}, {@code 'til}), or either mark of {@code 'n'} as in "rock 'n' roll".
   */
  private static boolean isElision(String s, int i) {
    int n = s.length();
    boolean spaceBefore = i == 0 || Character.isWhitespace(s.charAt(i - 1));
    if (spaceBefore && ELISION_AFTER.matcher(s.substring(i + 1, Math.min(n, i + 8))).find()) {
      return true;
    }
    // The two marks of 'n': " 'n' " (either case).
    if (i + 2 < n
        && isN(s.charAt(i + 1))
        && isQuoteMark(s.charAt(i + 2))
        && spaceBefore
        && (i + 3 == n || Character.isWhitespace(s.charAt(i + 3)))) {
      return true;
    }
    return i >= 2
        && isN(s.charAt(i - 1))
        && isQuoteMark(s.charAt(i - 2))
        && (i == 2 || Character.isWhitespace(s.charAt(i - 3)))
        && (i + 1 == n || Character.isWhitespace(s.charAt(i + 1)));
  }

  private static boolean isN(char c) {
    return c == 'n' || c == 'N';
  }

  private static boolean isQuoteMark(char c) {
    return c == '\'' || c == '‘' || c == '’';
  }

  /**
   * A character that an apostrophe can sit inside of: a letter or digit of a script that writes
   * apostrophes. Chinese, Japanese and Korean characters are not, so {@code 写着'新年快乐'} quotes.
   */
  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) && !isCjk(cp);
  }

  static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL
        || script == Character.UnicodeScript.BOPOMOFO;
  }

  // ---------------------------------------------------------------- cue phrases

  private static final String NOT_IN_WORD_BEFORE = "(?<![\\p{L}\\p{N}])";
  private static final String NOT_IN_WORD_AFTER = "(?![\\p{L}\\p{N}])";

  private static final Pattern EN_CUE =
      Pattern.compile(
          NOT_IN_WORD_BEFORE
              + "(?:says|saying|reads|reading|spells|spelling\\s+out|(?:en)?titled"
              + "|label(?:l)?ed|captioned"
              + "|(?:with|showing|featuring|bearing|the|a|an)\\s+(?:(?:the|a|an)\\s+)?"
              + "(?:words?|text|title|slogan|caption|headline|tagline|phrase|message|lettering"
              + "|inscription|label|quote|brand)"
              + "|(?:text|title|caption|slogan|headline)\\s*[:：])"
              + NOT_IN_WORD_AFTER,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Chinese cues; group 2 is an explicit separator (为, 是, a colon). */
  private static final Pattern ZH_CUE = Pattern.compile("(写着|写有|印着|印有|题为|标题|文字)\\s*(为|是|[:：])?");

  private static final Set<String> ZH_NEEDS_SEPARATOR_BEFORE_DE = Set.of("标题", "文字");

  /**
   * Lower-case words that may sit inside a title-case text between two capitalised words ("War and
   * Peace", "Lord of the Rings"). "by" and "with" are not among them: they start a new clause.
   */
  private static final Set<String> CONNECTORS =
      Set.of(
          "of", "the", "and", "a", "an", "or", "to", "in", "on", "at", "for", "de", "du", "des",
          "la", "le", "les", "del", "della", "di", "da", "von", "van", "der", "den", "y", "et",
          "und");

  private static final Pattern BY = Pattern.compile("^\\s+by\\s+", Pattern.CASE_INSENSITIVE);

  /** Unquoted texts after cue phrases, outside the quoted spans already found. */
  static List<Found> findCued(String s, List<Found> quoted) {
    List<Found> found = new ArrayList<>();
    int consumedTo = 0;
    Matcher en = EN_CUE.matcher(s);
    while (en.find()) {
      if (en.start() < consumedTo || insideQuoted(en.start(), quoted)) {
        continue;
      }
      boolean title = en.group().toLowerCase(Locale.ROOT).contains("titl");
      Found f = capitalisedRun(s, skipSeparator(s, en.end()), quoted, title);
      if (f != null) {
        found.add(f);
        consumedTo = f.end();
      }
    }
    Matcher zh = ZH_CUE.matcher(s);
    while (zh.find()) {
      if (insideQuoted(zh.start(), quoted) || insideFound(zh.start(), found)) {
        continue;
      }
      boolean explicit = zh.group(2) != null;
      Found f = chineseRun(s, zh.end(), quoted, zh.group(1), explicit);
      if (f != null) {
        found.add(f);
      }
    }
    // "titled X by Y": Y is the author's name, drawn too.
    List<Found> all = new ArrayList<>(quoted);
    all.addAll(found);
    for (Found f : all) {
      if (!f.titleLike()) {
        continue;
      }
      Matcher by = BY.matcher(s.substring(f.end(), Math.min(s.length(), f.end() + 8)));
      if (by.find() && !startsQuote(f.end() + by.end(), quoted)) {
        Found author = capitalisedRun(s, f.end() + by.end(), quoted, false);
        if (author != null && !insideFound(author.start(), found)) {
          found.add(author);
        }
      }
    }
    return found;
  }

  private static boolean insideQuoted(int index, List<Found> quoted) {
    for (Found q : quoted) {
      if (index >= q.start() && index < q.end()) {
        return true;
      }
    }
    return false;
  }

  private static boolean insideFound(int index, List<Found> found) {
    for (Found f : found) {
      if (index >= f.start() && index < f.end()) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsQuote(int index, List<Found> quoted) {
    for (Found q : quoted) {
      if (q.start() == index) {
        return true;
      }
    }
    return false;
  }

  /** The end of the unquoted region that starts at {@code from}: the next quote, or the end. */
  private static int regionEnd(String s, int from, List<Found> quoted) {
    int end = s.length();
    for (Found q : quoted) {
      if (q.start() >= from && q.start() < end) {
        end = q.start();
      }
    }
    return end;
  }

  private static int skipSeparator(String s, int i) {
    int n = s.length();
    while (i < n && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    if (i < n && (s.charAt(i) == ':' || s.charAt(i) == '：' || s.charAt(i) == '-')) {
      i++;
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  /**
   * The capitalised words starting at {@code from}: each word starts with a capital, a digit or an
   * uncased letter; lower-case {@link #CONNECTORS} may join two capitalised words unless the text
   * so far is in capitals ("OPEN and CLOSED" is two clauses, "War and Peace" one title). Stops at a
   * clause end: {@code , ; :} or {@code .} before a space or the end, a line break, a bracket or a
   * dash; {@code !} and {@code ?} end it too but belong to the text. Returns null when the first
   * word is not capitalised.
   */
  private static Found capitalisedRun(String s, int from, List<Found> quoted, boolean titleLike) {
    int end = regionEnd(s, from, quoted);
    List<int[]> words = new ArrayList<>();
    int i = from;
    boolean clauseEnded = false;
    while (i < end && !clauseEnded) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\u00A0' || c == '\u3000') {
        i++;
        continue;
      }
      int wordStart = i;
      while (i < end && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '\u3000') {
        char w = s.charAt(i);
        boolean atBoundary = i + 1 >= end || Character.isWhitespace(s.charAt(i + 1));
        if ("([{—–（【，。；：、".indexOf(w) >= 0
            || ((w == ',' || w == ';' || w == ':' || w == '.') && atBoundary)) {
          clauseEnded = true;
          break;
        }
        i++;
        if ("!?！？".indexOf(w) >= 0 && (i >= end || Character.isWhitespace(s.charAt(i)))) {
          clauseEnded = true;
          break;
        }
      }
      if (i > wordStart) {
        words.add(new int[] {wordStart, i});
      }
      if (i < end && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
        clauseEnded = true;
      }
    }
    int taken = 0;
    boolean allCaps = true;
    for (int k = 0; k < words.size(); k++) {
      String word = s.substring(words.get(k)[0], words.get(k)[1]);
      WordCase wc = wordCase(word);
      if (wc == WordCase.CAPITALISED || wc == WordCase.UPPER) {
        taken = k + 1;
        allCaps &= wc == WordCase.UPPER;
        continue;
      }
      if (k == 0) {
        return null;
      }
      boolean joiner =
          wc == WordCase.NONE || (!allCaps && CONNECTORS.contains(word.toLowerCase(Locale.ROOT)));
      if (joiner && joinsCapitalised(s, words, k + 1, allCaps)) {
        continue;
      }
      break;
    }
    if (taken == 0) {
      return null;
    }
    int start = words.get(0)[0];
    int stop = words.get(taken - 1)[1];
    return new Found(start, stop, s.substring(start, stop), titleLike);
  }

  /** True when the words from {@code k} are connectors up to a capitalised word. */
  private static boolean joinsCapitalised(String s, List<int[]> words, int k, boolean allCaps) {
    for (; k < words.size(); k++) {
      String word = s.substring(words.get(k)[0], words.get(k)[1]);
      WordCase wc = wordCase(word);
      if (wc == WordCase.UPPER || wc == WordCase.CAPITALISED) {
        return true;
      }
      boolean joiner =
          wc == WordCase.NONE || (!allCaps && CONNECTORS.contains(word.toLowerCase(Locale.ROOT)));
      if (!joiner) {
        return false;
      }
    }
    return false;
  }

  private enum WordCase {
    /** All cased letters upper case, at least two of them ("SALE", "24H"). */
    UPPER,
    /** Starts with a capital, a digit or an uncased letter ("Summer", "50%", "$99", "出口"). */
    CAPITALISED,
    /** Starts with a lower-case letter. */
    LOWER,
    /** No letter or digit at all ("&", "-"). */
    NONE
  }

  private static boolean isCapitalised(String word) {
    WordCase wc = wordCase(word);
    return wc == WordCase.UPPER || wc == WordCase.CAPITALISED;
  }

  private static WordCase wordCase(String word) {
    int first = -1;
    int upper = 0;
    int lower = 0;
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isLetterOrDigit(cp)) {
        continue;
      }
      if (first < 0) {
        first = cp;
      }
      if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
        upper++;
      } else if (Character.isLowerCase(cp)) {
        lower++;
      }
    }
    if (first < 0) {
      return WordCase.NONE;
    }
    if (Character.isLowerCase(first)) {
      return WordCase.LOWER;
    }
    return upper >= 2 && lower == 0 ? WordCase.UPPER : WordCase.CAPITALISED;
  }

  /**
   * The text after a Chinese cue: up to punctuation, a line break, a quote, or 的. A text that
   * follows 标题 or 文字 with no 为/是/colon and ends at 的 is description ("文字清晰的海报": "the text is
   * clear"), not a text to draw.
   */
  private static Found chineseRun(
      String s, int from, List<Found> quoted, String cue, boolean explicit) {
    int end = regionEnd(s, from, quoted);
    int i = from;
    while (i < end && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int start = i;
    boolean endedAtDe = false;
    while (i < end) {
      char c = s.charAt(i);
      if ("，。；：！？、,;:!?\n\r（(【[".indexOf(c) >= 0) {
        break;
      }
      if (c == '的') {
        endedAtDe = true;
        break;
      }
      i++;
    }
    String text = s.substring(start, i).strip();
    if (text.isEmpty() || Character.isLowerCase(text.codePointAt(0))) {
      return null;
    }
    if (endedAtDe && !explicit && ZH_NEEDS_SEPARATOR_BEFORE_DE.contains(cue)) {
      return null;
    }
    return new Found(start, start + text.length(), text, cue.equals("标题") || cue.equals("题为"));
  }
}
