package io.glyphwright.ocr;

/** Where Chinese text puts no spaces. */
public final class ChineseText {
  private ChineseText() {}

  /** Han ideographs and CJK or full-width punctuation: Chinese puts no spaces between them. */
  public static boolean isCjk(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN
        || (codePoint >= 0x3000 && codePoint <= 0x303f)
        || (codePoint >= 0xff00 && codePoint <= 0xffef);
  }
}
