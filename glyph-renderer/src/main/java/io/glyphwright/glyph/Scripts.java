package io.glyphwright.glyph;

/** Which characters count as CJK, for the automatic face choice and for vertical setting. */
final class Scripts {
  private Scripts() {}

  /**
   * True for Han, kana, Hangul and Bopomofo letters, and for CJK punctuation and full-width forms.
   */
  static boolean isCjk(int codePoint) {
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    switch (script) {
      case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO:
        return true;
      default:
        break;
    }
    Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
    return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
        || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
        || block == Character.UnicodeBlock.VERTICAL_FORMS;
  }

  /** True when {@code text} holds at least one CJK character. */
  static boolean hasCjk(String text) {
    return text.codePoints().anyMatch(Scripts::isCjk);
  }

  /** Whitespace of any kind, including the ideographic space U+3000: no ink, no box, no index. */
  static boolean isSpace(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
  }

  /** {@code U+XXXX} (at least four hex digits) for messages. */
  static String uPlus(int codePoint) {
    return String.format("U+%04X", codePoint);
  }
}
