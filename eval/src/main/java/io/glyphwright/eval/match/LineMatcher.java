package io.glyphwright.eval.match;

import io.glyphwright.core.Box;
import io.glyphwright.eval.text.EditDistance;
import io.glyphwright.eval.text.TextRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Decides which requested lines were read exactly, when OCR engines split one line into several or
 * merge several into one.
 *
 * <p>Texts are compared in their {@linkplain TextRules#compact compact} form (NFKC, case kept,
 * spaces removed). Lines are grouped into <em>rows</em>: two boxes share a row when their vertical
 * overlap is at least half the smaller height. A <em>run</em> is a sequence of adjacent lines in
 * one row, left to right; its text is its lines' texts joined. Exact matches are one-to-one (a read
 * line counts for one match only) and are found in this order:
 *
 * <ol>
 *   <li>{@link MatchKind#SINGLE}: a read line equals a requested line.
 *   <li>{@link MatchKind#SPLIT}: a run of two or more read lines equals a requested line (an engine
 *       that cuts "SUMMER SALE" at the word gap).
 *   <li>{@link MatchKind#MERGE}: a run of read lines equals a run of two or more requested lines
 *       that share a row in the layout (an engine that reads "EXIT" and "出口" set side by side as
 *       one line). Each requested line of the run counts as read exactly.
 * </ol>
 *
 * Equality is demanded of whole runs, never of a part of a line, so extra or missing characters
 * anywhere in the matched lines make the match fail: "SUMMER SALES" does not read "SUMMER SALE".
 *
 * <p>A requested line not read exactly gets AnyText's NED against its best-matching run among the
 * read lines no exact match used (0 when none is left).
 */
public final class LineMatcher {
  /** Two boxes share a row when their vertical overlap is at least this share of the lower one. */
  public static final double ROW_OVERLAP = 0.5;

  private LineMatcher() {}

  public static Matching match(List<RequestedLine> requested, List<ReadLine> read) {
    String[] want = requested.stream().map(r -> TextRules.compact(r.text())).toArray(String[]::new);
    String[] got = read.stream().map(r -> TextRules.compact(r.text())).toArray(String[]::new);
    MatchKind[] kinds = new MatchKind[want.length];
    Arrays.fill(kinds, MatchKind.NONE);
    List<List<Integer>> usedBy = new ArrayList<>();
    for (int i = 0; i < want.length; i++) {
      usedBy.add(List.of());
    }
    boolean[] used = new boolean[got.length];
    List<List<Integer>> readRows = rows(read, ReadLine::box);
    List<List<Integer>> wantRows = rows(requested, RequestedLine::pixelBox);

    // 1. single read line = single requested line
    for (int i = 0; i < want.length; i++) {
      for (int j = 0; j < got.length && kinds[i] == MatchKind.NONE; j++) {
        if (!used[j] && got[j].equals(want[i])) {
          used[j] = true;
          kinds[i] = MatchKind.SINGLE;
          usedBy.set(i, List.of(j));
        }
      }
    }
    // 2. a run of read lines = single requested line
    for (int i = 0; i < want.length; i++) {
      if (kinds[i] != MatchKind.NONE) {
        continue;
      }
      List<Integer> run = findRun(readRows, got, used, want[i], 2);
      if (run != null) {
        run.forEach(j -> used[j] = true);
        kinds[i] = MatchKind.SPLIT;
        usedBy.set(i, run);
      }
    }
    // 3. a run of read lines = a run of requested lines on one layout row
    for (List<Integer> row : wantRows) {
      for (int start = 0; start < row.size(); start++) {
        StringBuilder joined = new StringBuilder();
        for (int end = start; end < row.size(); end++) {
          int i = row.get(end);
          if (kinds[i] != MatchKind.NONE) {
            break;
          }
          joined.append(want[i]);
          if (end == start) {
            continue;
          }
          List<Integer> run = findRun(readRows, got, used, joined.toString(), 1);
          if (run != null) {
            run.forEach(j -> used[j] = true);
            for (int k = start; k <= end; k++) {
              kinds[row.get(k)] = MatchKind.MERGE;
              usedBy.set(row.get(k), run);
            }
            start = end;
            break;
          }
        }
      }
    }

    List<LineVerdict> verdicts = new ArrayList<>(want.length);
    for (int i = 0; i < want.length; i++) {
      String text = requested.get(i).text();
      if (kinds[i] != MatchKind.NONE) {
        verdicts.add(
            new LineVerdict(text, kinds[i], 1.0, joinReads(read, usedBy.get(i)), usedBy.get(i)));
      } else {
        verdicts.add(bestInexact(text, want[i], readRows, got, used, read));
      }
    }
    List<Boolean> matched = new ArrayList<>(got.length);
    for (boolean u : used) {
      matched.add(u);
    }
    return new Matching(verdicts, matched);
  }

  /**
   * The first run of unused read lines, at least {@code minLength} long, whose text is {@code
   * target}.
   */
  private static List<Integer> findRun(
      List<List<Integer>> rows, String[] got, boolean[] used, String target, int minLength) {
    for (List<Integer> row : rows) {
      for (int start = 0; start < row.size(); start++) {
        StringBuilder joined = new StringBuilder();
        for (int end = start; end < row.size(); end++) {
          int j = row.get(end);
          if (used[j]) {
            break;
          }
          joined.append(got[j]);
          if (joined.length() > target.length() || !target.startsWith(joined.toString())) {
            break;
          }
          if (end - start + 1 >= minLength && joined.length() == target.length()) {
            return List.copyOf(row.subList(start, end + 1));
          }
        }
      }
    }
    return null;
  }

  private static LineVerdict bestInexact(
      String text,
      String want,
      List<List<Integer>> rows,
      String[] got,
      boolean[] used,
      List<ReadLine> read) {
    double best = 0.0;
    List<Integer> bestRun = List.of();
    for (List<Integer> row : rows) {
      for (int start = 0; start < row.size(); start++) {
        StringBuilder joined = new StringBuilder();
        for (int end = start; end < row.size(); end++) {
          int j = row.get(end);
          if (used[j]) {
            break;
          }
          joined.append(got[j]);
          double ned = EditDistance.similarity(want, joined.toString());
          if (ned > best) {
            best = ned;
            bestRun = List.copyOf(row.subList(start, end + 1));
          }
        }
      }
    }
    return new LineVerdict(text, MatchKind.NONE, best, joinReads(read, bestRun), bestRun);
  }

  private static String joinReads(List<ReadLine> read, List<Integer> run) {
    StringBuilder out = new StringBuilder();
    for (int j : run) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(TextRules.normalise(read.get(j).text()));
    }
    return out.toString();
  }

  /**
   * Groups items into rows by their boxes: sorted by top, each joins the first row whose first box
   * overlaps it vertically by {@link #ROW_OVERLAP} of the lower height; rows in top order, items in
   * each row left to right. An item without a box is a row by itself.
   */
  static <T> List<List<Integer>> rows(List<T> items, Function<T, Box> boxOf) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      order.add(i);
    }
    Comparator<Integer> byTop =
        Comparator.comparingInt(
            i ->
                boxOf.apply(items.get(i)) == null
                    ? Integer.MAX_VALUE
                    : boxOf.apply(items.get(i)).top());
    order.sort(byTop.thenComparingInt(i -> i));
    List<List<Integer>> rows = new ArrayList<>();
    for (int i : order) {
      Box box = boxOf.apply(items.get(i));
      List<Integer> home = null;
      if (box != null) {
        for (List<Integer> row : rows) {
          Box anchor = boxOf.apply(items.get(row.get(0)));
          if (anchor != null && sameRow(anchor, box)) {
            home = row;
            break;
          }
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        rows.add(home);
      }
      home.add(i);
    }
    for (List<Integer> row : rows) {
      row.sort(
          Comparator.comparingInt(
                  (Integer i) ->
                      boxOf.apply(items.get(i)) == null ? 0 : boxOf.apply(items.get(i)).left())
              .thenComparingInt(i -> i));
    }
    return rows;
  }

  static boolean sameRow(Box a, Box b) {
    int overlap = Math.min(a.bottom(), b.bottom()) - Math.max(a.top(), b.top());
    int lower = Math.min(a.height(), b.height());
    return lower > 0 && overlap >= ROW_OVERLAP * lower;
  }
}
