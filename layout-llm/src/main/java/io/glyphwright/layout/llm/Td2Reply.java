package io.glyphwright.layout.llm;

import java.util.regex.Pattern;

/**
 * The layout lines of an LLM's answer, with what chat models wrap around them taken off: code
 * fences ({@code ```td2 … ```}), reasoning blocks ({@code <think>…</think>}, which reasoning models
 * served by Ollama emit) and lines of chatter ("Here is the layout:").
 *
 * <p>A line is kept when its last whitespace-separated field looks like a box: digits, commas and
 * minus signs (and dots, so that {@code 12.5,20,60,44} reaches the TD2 parser and is refused there
 * with its message rather than dropped in silence). Every other line is chatter. Kept lines stay at
 * their line numbers (dropped ones become blank), so a parse error's "line N" is the answer's line
 * N.
 *
 * @param td2 the answer with every line that is not a layout line blanked
 * @param layoutLines how many layout lines were kept
 * @param ignoredLines how many non-blank lines were dropped as chatter, fences or reasoning
 */
record Td2Reply(String td2, int layoutLines, int ignoredLines) {
  private static final Pattern BOX_FIELD = Pattern.compile("-?\\d[\\d.\\-]*(?:,[\\d.\\-]*)+");
  private static final Pattern FENCE = Pattern.compile("^(?:```|~~~).*");

  static Td2Reply of(String answer) {
    String[] rows = answer.split("\r?\n", -1);
    StringBuilder td2 = new StringBuilder(answer.length());
    int kept = 0;
    int ignored = 0;
    boolean thinking = false;
    for (String raw : rows) {
      String row = raw.strip();
      boolean keep = false;
      if (thinking) {
        int end = row.indexOf("</think>");
        if (end >= 0) {
          thinking = false;
          row = row.substring(end + "</think>".length()).strip();
        } else {
          row = "";
          ignored++;
        }
      }
      if (row.startsWith("<think>")) {
        int end = row.indexOf("</think>");
        if (end < 0) {
          thinking = true;
          row = "";
          ignored++;
        } else {
          row = row.substring(end + "</think>".length()).strip();
        }
      }
      if (!row.isEmpty()) {
        keep = !FENCE.matcher(row).matches() && looksLikeLayoutLine(row);
        if (keep) {
          kept++;
        } else {
          ignored++;
        }
      }
      if (keep) {
        td2.append(row);
      }
      td2.append('\n');
    }
    return new Td2Reply(td2.toString(), kept, ignored);
  }

  private static boolean looksLikeLayoutLine(String row) {
    int cut = -1;
    for (int i = row.length() - 1; i >= 0; i--) {
      if (Character.isWhitespace(row.charAt(i))) {
        cut = i;
        break;
      }
    }
    return cut > 0 && BOX_FIELD.matcher(row.substring(cut + 1)).matches();
  }
}
