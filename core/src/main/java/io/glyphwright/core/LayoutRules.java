package io.glyphwright.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules a layout must satisfy before it is rendered. Each problem names its line and says what
 * to change.
 */
public final class LayoutRules {
  private LayoutRules() {}

  /** Every problem found, in line order; empty when the layout is valid. */
  public static List<LayoutException> problems(Layout layout, LayoutLimits limits) {
    List<LayoutException> problems = new ArrayList<>();
    List<TextLine> lines = layout.lines();
    if (lines.size() > limits.maxLines()) {
      problems.add(
          new LayoutException(
              "the layout has "
                  + lines.size()
                  + " lines, more than the limit of "
                  + limits.maxLines()
                  + ": merge or drop lines"));
    }
    for (int i = 0; i < lines.size(); i++) {
      TextLine line = lines.get(i);
      String problem = textProblem(line.text(), limits);
      if (problem == null) {
        problem = boxProblem(line.box(), layout.grid());
      }
      if (problem != null) {
        problems.add(new LayoutException(i + 1, problem));
      }
    }
    return problems;
  }

  /** Throws the first problem, if any. */
  public static Layout requireValid(Layout layout, LayoutLimits limits) {
    List<LayoutException> problems = problems(layout, limits);
    if (!problems.isEmpty()) {
      throw problems.get(0);
    }
    return layout;
  }

  /** What is wrong with a line's text, or null. */
  public static String textProblem(String text, LayoutLimits limits) {
    if (text.isBlank()) {
      return "the text is empty: give each line at least one visible character";
    }
    if (!text.equals(text.strip())) {
      return "the text starts or ends with whitespace: remove it";
    }
    int[] cps = text.codePoints().toArray();
    for (int k = 0; k < cps.length; k++) {
      int cp = cps[k];
      if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT && cp != 0x200D) {
        return String.format(
            "the text holds control character U+%04X at position %d: remove it", cp, k + 1);
      }
      if (Character.getType(cp) == Character.UNASSIGNED
          || Character.getType(cp) == Character.SURROGATE) {
        return String.format(
            "the text holds U+%04X at position %d, which is not a character", cp, k + 1);
      }
    }
    if (cps.length > limits.maxTextLength()) {
      return "the text has "
          + cps.length
          + " characters, more than the limit of "
          + limits.maxTextLength()
          + ": split it over several lines";
    }
    return null;
  }

  /** What is wrong with a line's grid box, or null. */
  public static String boxProblem(Box box, int grid) {
    if (box.left() >= box.right()) {
      return "box " + box + ": left " + box.left() + " must be less than right " + box.right();
    }
    if (box.top() >= box.bottom()) {
      return "box " + box + ": top " + box.top() + " must be less than bottom " + box.bottom();
    }
    if (box.left() < 0 || box.top() < 0 || box.right() > grid || box.bottom() > grid) {
      return "box " + box + " is outside the grid: every coordinate must lie in 0.." + grid;
    }
    return null;
  }
}
