package io.glyphwright.ocr.ppocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recogniser's output classes: index 0 is the CTC blank, then one class per line of the
 * dictionary file, then the space character (PP-OCR's {@code use_space_char}).
 */
public final class CharacterDictionary {
  /** The CTC blank's class index. */
  public static final int BLANK = 0;

  private final String[] symbols;

  private CharacterDictionary(String[] symbols) {
    this.symbols = symbols;
  }

  /** Reads a PP-OCR key file: one character per line, UTF-8. */
  public static CharacterDictionary read(Path keys) throws IOException {
    List<String> lines = Files.readAllLines(keys, StandardCharsets.UTF_8);
    return of(lines);
  }

  /** A dictionary of the given characters (blank and space added around them). */
  public static CharacterDictionary of(List<String> characters) {
    List<String> all = new ArrayList<>(characters.size() + 2);
    all.add("");
    for (String c : characters) {
      String s = c.endsWith("\r") ? c.substring(0, c.length() - 1) : c;
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty line " + all.size() + " in the dictionary");
      }
      all.add(s);
    }
    all.add(" ");
    return new CharacterDictionary(all.toArray(String[]::new));
  }

  /** Number of classes, blank and space included: the recogniser's last output dimension. */
  public int classes() {
    return symbols.length;
  }

  /** The text of a class; empty for the blank. */
  public String symbol(int index) {
    return symbols[index];
  }
}
