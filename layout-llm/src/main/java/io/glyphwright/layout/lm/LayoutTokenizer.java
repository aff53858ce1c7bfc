package io.glyphwright.layout.lm;

import io.glyphwright.core.Box;
import io.glyphwright.core.Layout;
import io.glyphwright.core.TextLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Character-level tokens for prompts and TD2 layouts, as TextDiffuser-2 found them to beat BPE for
 * layout planning.
 *
 * <p>The vocabulary, in id order:
 *
 * <ol>
 *   <li>four specials: {@code PAD}, {@code BOS} (start of a sequence), {@code SEP} (end of the
 *       prompt, start of the layout), {@code EOS} (end of the layout);
 *   <li>one token per grid coordinate {@code 0..128};
 *   <li>256 byte tokens, the UTF-8 bytes of any character the vocabulary does not hold, so that
 *       every string has an exact encoding (and a quoted text can always be copied verbatim);
 *   <li>one token per character (code point) seen in training.
 * </ol>
 *
 * <p>A layout is written line after line as the line's text tokens followed by its four coordinate
 * tokens {@code l t r b}, then {@code EOS}; a coordinate token ends the text, so no separator is
 * needed.
 *
 * <p>Immutable and thread-safe.
 */
public final class LayoutTokenizer {
  public static final int PAD = 0;
  public static final int BOS = 1;
  public static final int SEP = 2;
  public static final int EOS = 3;
  public static final int GRID = Layout.DEFAULT_GRID;
  public static final int FIRST_COORD = 4;
  public static final int FIRST_BYTE = FIRST_COORD + GRID + 1;
  public static final int FIRST_CHAR = FIRST_BYTE + 256;

  private final int[] chars;
  private final Map<Integer, Integer> ids;

  /**
   * A tokenizer over these characters (code points), in this order.
   *
   * @throws IllegalArgumentException on a repeated code point or one that is not a valid character
   */
  public LayoutTokenizer(List<Integer> codePoints) {
    chars = new int[codePoints.size()];
    ids = new HashMap<>(codePoints.size() * 2);
    for (int i = 0; i < chars.length; i++) {
      int cp = Objects.requireNonNull(codePoints.get(i), "code point");
      if (!Character.isValidCodePoint(cp) || Character.getType(cp) == Character.SURROGATE) {
        throw new IllegalArgumentException(String.format("U+%04X is not a character", cp));
      }
      if (ids.put(cp, FIRST_CHAR + i) != null) {
        throw new IllegalArgumentException(
            String.format("character U+%04X is listed twice in the vocabulary", cp));
      }
      chars[i] = cp;
    }
  }

  /**
   * A vocabulary of the characters that occur at least {@code minCount} times in {@code texts},
   * most frequent first (ties by code point), at most {@code maxChars} of them.
   */
  public static LayoutTokenizer fromTexts(Collection<String> texts, int minCount, int maxChars) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (String text : texts) {
      text.codePoints()
          .filter(cp -> Character.getType(cp) != Character.SURROGATE)
          .forEach(cp -> counts.merge(cp, 1, Integer::sum));
    }
    List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(counts.entrySet());
    // A stable sort of entries in code point order: ties stay in code point order.
    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    List<Integer> kept = new ArrayList<>();
    for (Map.Entry<Integer, Integer> e : entries) {
      if (e.getValue() >= minCount && kept.size() < maxChars) {
        kept.add(e.getKey());
      }
    }
    return new LayoutTokenizer(kept);
  }

  /** The characters of the vocabulary, in id order. */
  public List<Integer> codePoints() {
    List<Integer> out = new ArrayList<>(chars.length);
    for (int c : chars) {
      out.add(c);
    }
    return out;
  }

  public int vocabSize() {
    return FIRST_CHAR + chars.length;
  }

  public static int coordToken(int value) {
    if (value < 0 || value > GRID) {
      throw new IllegalArgumentException(
          "coordinate " + value + " is off the grid: every coordinate must lie in 0.." + GRID);
    }
    return FIRST_COORD + value;
  }

  public static boolean isCoord(int token) {
    return token >= FIRST_COORD && token <= FIRST_COORD + GRID;
  }

  public static int coordValue(int token) {
    if (!isCoord(token)) {
      throw new IllegalArgumentException("token " + token + " is not a coordinate");
    }
    return token - FIRST_COORD;
  }

  /** True for a text token: a character or a byte. */
  public boolean isText(int token) {
    return token >= FIRST_BYTE && token < vocabSize();
  }

  /**
   * True when a text token begins a character: a character token, or a byte token that is not a
   * UTF-8 continuation byte. Text between two such tokens decodes to whole characters.
   */
  public boolean startsCharacter(int token) {
    if (token >= FIRST_CHAR && token < vocabSize()) {
      return true;
    }
    if (token >= FIRST_BYTE && token < FIRST_CHAR) {
      return ((token - FIRST_BYTE) & 0xC0) != 0x80;
    }
    return false;
  }

  /** The code point a character token stands for, or -1 for any other token. */
  public int charOf(int token) {
    return token >= FIRST_CHAR && token < vocabSize() ? chars[token - FIRST_CHAR] : -1;
  }

  /** The tokens of a text: one per known character, the UTF-8 bytes of any other. */
  public int[] encode(String text) {
    int[] buf = new int[text.length() * 4];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      Integer id = ids.get(cp);
      if (id != null) {
        buf[n++] = id;
      } else {
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
          buf[n++] = FIRST_BYTE + (b & 0xFF);
        }
      }
    }
    return java.util.Arrays.copyOf(buf, n);
  }

  /**
   * The text of a run of text tokens. Byte tokens are decoded as UTF-8 together, so a character
   * spelt in bytes comes back whole; malformed bytes become U+FFFD.
   *
   * @throws IllegalArgumentException on a token that is not a text token
   */
  public String decode(int[] tokens, int from, int to) {
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = from; i < to; i++) {
      int t = tokens[i];
      if (t >= FIRST_BYTE && t < FIRST_CHAR) {
        bytes.write(t - FIRST_BYTE);
      } else if (t >= FIRST_CHAR && t < vocabSize()) {
        flush(bytes, out);
        out.appendCodePoint(chars[t - FIRST_CHAR]);
      } else {
        throw new IllegalArgumentException("token " + t + " is not a text token");
      }
    }
    flush(bytes, out);
    return out.toString();
  }

  public String decode(int[] tokens) {
    return decode(tokens, 0, tokens.length);
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  /**
   * The tokens of a layout on the 128 grid: each line's text then {@code l t r b}, then {@code
   * EOS}.
   *
   * @throws IllegalArgumentException when the layout is on another grid or a coordinate is off it
   */
  public int[] encodeLayout(Layout layout) {
    if (layout.grid() != GRID) {
      throw new IllegalArgumentException(
          "the layout is on a " + layout.grid() + " grid; the layout model writes the 128 grid");
    }
    List<Integer> out = new ArrayList<>();
    for (TextLine line : layout.lines()) {
      for (int t : encode(line.text())) {
        out.add(t);
      }
      Box b = line.box();
      out.add(coordToken(b.left()));
      out.add(coordToken(b.top()));
      out.add(coordToken(b.right()));
      out.add(coordToken(b.bottom()));
    }
    out.add(EOS);
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The TD2 text ({@code <text> l,t,r,b} per line) of layout tokens as {@link #encodeLayout} writes
   * them; reading stops at {@code EOS} or the end.
   *
   * @throws IllegalArgumentException when the tokens do not follow that grammar
   */
  public String decodeLayout(int[] tokens) {
    StringBuilder td2 = new StringBuilder();
    int i = 0;
    while (i < tokens.length && tokens[i] != EOS) {
      int start = i;
      while (i < tokens.length && isText(tokens[i])) {
        i++;
      }
      if (i == start) {
        throw new IllegalArgumentException("layout token " + i + " should start a line's text");
      }
      if (i + 4 > tokens.length) {
        throw new IllegalArgumentException("the last line has no complete box");
      }
      td2.append(decode(tokens, start, i));
      for (int k = 0; k < 4; k++) {
        td2.append(k == 0 ? ' ' : ',').append(coordValue(tokens[i + k]));
      }
      td2.append('\n');
      i += 4;
    }
    return td2.toString();
  }
}
