package io.glyphwright.core;

import java.util.ArrayList;
import java.util.List;

/**
 * TextDiffuser-2's planner format: one line per text line, {@code <text> l,t,r,b}, the box on the
 * layout's grid. The last whitespace-separated field is the box; everything before it is the text,
 * which may contain spaces.
 */
public final class Td2Format {
  private Td2Format() {}

  /**
   * Reads TD2 text and checks it against the rules. Blank lines are skipped; {@code \r\n} and
   * {@code \n} both end a line.
   *
   * @throws LayoutException naming the first offending line
   */
  public static Layout parse(String td2, Canvas canvas, LayoutLimits limits) {
    Layout layout = parseUnchecked(td2, canvas);
    return LayoutRules.requireValid(layout, limits);
  }

  /** Reads TD2 text with the default limits. */
  public static Layout parse(String td2, Canvas canvas) {
    return parse(td2, canvas, LayoutLimits.DEFAULT);
  }

  /**
   * Reads TD2 text without checking boxes or texts against the rules, so that a validator can
   * repair a planner's raw output. Syntax errors (no box field, numbers that are not integers)
   * still throw, since nothing can be repaired from them.
   */
  public static Layout parseUnchecked(String td2, Canvas canvas) {
    List<TextLine> lines = new ArrayList<>();
    String[] rows = td2.split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      String row = rows[i].strip();
      if (row.isEmpty()) {
        continue;
      }
      lines.add(parseLine(row, i + 1));
    }
    return new Layout(canvas, lines);
  }

  private static TextLine parseLine(String row, int lineNo) {
    int cut = lastWhitespace(row);
    if (cut < 0) {
      throw new LayoutException(
          lineNo,
          "'"
              + row
              + "' has no box: write the text, a space, then four integers l,t,r,b"
              + " (e.g. SALE 12,20,60,44)");
    }
    String text = row.substring(0, cut).strip();
    String boxField = row.substring(cut + 1);
    String[] parts = boxField.split(",", -1);
    if (parts.length != 4) {
      throw new LayoutException(
          lineNo,
          "box '"
              + boxField
              + "' must be four integers l,t,r,b separated by commas (e.g. 12,20,60,44)");
    }
    int[] v = new int[4];
    for (int k = 0; k < 4; k++) {
      v[k] = parseCoordinate(parts[k], boxField, lineNo);
    }
    return new TextLine(text, new Box(v[0], v[1], v[2], v[3]));
  }

  private static int parseCoordinate(String part, String boxField, int lineNo) {
    boolean digits = !part.isEmpty() && part.length() <= 9;
    for (int k = 0; k < part.length() && digits; k++) {
      char ch = part.charAt(k);
      digits = (ch >= '0' && ch <= '9') || (k == 0 && ch == '-' && part.length() > 1);
    }
    if (!digits) {
      throw new LayoutException(
          lineNo,
          "box '"
              + boxField
              + "' has '"
              + part
              + "', which is not an integer: coordinates are whole grid cells");
    }
    return Integer.parseInt(part);
  }

  private static int lastWhitespace(String row) {
    for (int i = row.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(row.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Writes one {@code text l,t,r,b} line per text line, each ended by a newline. */
  public static String print(Layout layout) {
    StringBuilder out = new StringBuilder();
    for (TextLine line : layout.lines()) {
      out.append(line.text()).append(' ').append(line.box()).append('\n');
    }
    return out.toString();
  }
}
