package io.glyphwright.eval;

import io.glyphwright.eval.text.TextRules;
import java.util.Collection;
import java.util.Locale;

/** The language groups metrics are split by. */
public enum Language {
  /** Latin script only (English prompts). */
  EN("en"),
  /** Chinese characters, no Latin letters. */
  ZH("zh"),
  /** Both Chinese characters and Latin letters among a prompt's texts. */
  MIXED("mixed");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  /** The code prompt files and {@code metrics.json} use: {@code en}, {@code zh}, {@code mixed}. */
  public String code() {
    return code;
  }

  /**
   * The language a code names, ignoring case.
   *
   * @throws IllegalArgumentException for any other code
   */
  public static Language lookup(String code) {
    String key = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
    for (Language l : values()) {
      if (l.code.equals(key)) {
        return l;
      }
    }
    throw new IllegalArgumentException("unknown language '" + code + "': use en, zh or mixed");
  }

  /**
   * The language of a set of texts: {@link #MIXED} when they hold both CJK characters and Latin
   * letters, {@link #ZH} when CJK only, else {@link #EN}.
   */
  public static Language of(Collection<String> texts) {
    boolean cjk = false;
    boolean latin = false;
    for (String t : texts) {
      cjk |= t.codePoints().anyMatch(TextRules::isCjk);
      latin |= t.codePoints().anyMatch(TextRules::isLatin);
    }
    return cjk ? (latin ? MIXED : ZH) : EN;
  }
}
