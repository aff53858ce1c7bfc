package io.glyphwright.eval.text;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * How requested texts and OCR reads are compared. One set of rules for every metric, so that the
 * figures agree with each other:
 *
 * <ul>
 *   <li><b>Unicode:</b> both sides are NFKC-normalised first, so full-width forms read by a Chinese
 *       OCR model ({@code ５０％}) equal their ASCII forms ({@code 50%}).
 *   <li><b>Case:</b> significant. {@code Sale} is not {@code SALE}: a generator that changes case
 *       wrote another text.
 *   <li><b>White space:</b> runs become one space and the ends are trimmed. Line comparisons
 *       ({@link #compact}) ignore spaces altogether, because OCR engines insert and drop word gaps
 *       unreliably; word comparisons ({@link #words}) split on them, so a lost gap still costs
 *       words.
 *   <li><b>Chinese (and Japanese, Korean):</b> every ideograph, kana or hangul syllable is a word
 *       of its own, so Chinese is compared per character; runs of other characters between spaces
 *       and ideographs are words. Punctuation stays in the word it touches ({@code 50%}).
 * </ul>
 */
public final class TextRules {
  private TextRules() {}

  /** NFKC, white space runs as one space, trimmed. Case is kept. */
  public static String normalise(String text) {
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(nfkc.length());
    boolean gap = false;
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        gap = out.length() > 0;
      } else {
        if (gap) {
          out.append(' ');
          gap = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** {@link #normalise} with every space removed: the form lines are compared in. */
  public static String compact(String text) {
    return normalise(text).replace(" ", "");
  }

  /**
   * The words of a text: split at spaces, and every CJK character (see {@link #isCjk}) a word by
   * itself.
   */
  public static List<String> words(String text) {
    String s = normalise(text);
    List<String> words = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == ' ' || isCjk(cp)) {
        flush(run, words);
        if (cp != ' ') {
          words.add(new String(Character.toChars(cp)));
        }
      } else {
        run.appendCodePoint(cp);
      }
    }
    flush(run, words);
    return words;
  }

  /** True for a Han ideograph, a kana or a hangul syllable: scripts written without word gaps. */
  public static boolean isCjk(int codePoint) {
    UnicodeScript script = UnicodeScript.of(codePoint);
    return script == UnicodeScript.HAN
        || script == UnicodeScript.HIRAGANA
        || script == UnicodeScript.KATAKANA
        || script == UnicodeScript.HANGUL;
  }

  /** True for a Latin letter. */
  public static boolean isLatin(int codePoint) {
    return Character.isLetter(codePoint) && UnicodeScript.of(codePoint) == UnicodeScript.LATIN;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  private static void flush(StringBuilder run, List<String> words) {
    if (run.length() > 0) {
      words.add(run.toString());
      run.setLength(0);
    }
  }
}
