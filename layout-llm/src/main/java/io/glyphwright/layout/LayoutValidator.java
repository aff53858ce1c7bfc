package io.glyphwright.layout;

import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.TextMeasurer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Repairs any planner's raw output into a layout that can be rendered, and says what it changed.
 *
 * <p>The result always passes {@link LayoutRules#requireValid} under the given limits, is on the
 * 128 grid, has no two line boxes overlapping, and holds each requested text on exactly one line
 * and nothing else. The repairs, in the order they are made (docs/PLANNER.md has the full list):
 *
 * <ol>
 *   <li>Requested texts are cleaned like {@link RequestedTexts#clean}; empty ones, duplicates, ones
 *       longer than {@code maxTextLength} and those beyond {@code maxLines} are left out.
 *   <li>A layout on another grid is rescaled to the 128 grid.
 *   <li>Each line's text is cleaned (control characters removed, white space collapsed and
 *       trimmed); a colour that is not {@code #RRGGBB} is dropped.
 *   <li>Lines are matched to requested texts: an exact match first (a second line with the same
 *       text is dropped), then a near miss for a text still missing (same letters and digits
 *       ignoring case and punctuation, or an edit distance of at most a third of the length) takes
 *       the requested text and keeps its box; every other line is dropped, since the prompt did not
 *       ask for it.
 *   <li>Boxes: left/right and top/bottom put in order, clamped to the grid; a box with no area
 *       left, or wholly off the grid, is placed anew at the size the stack rules give.
 *   <li>Overlaps, in line order: a line that overlaps an earlier one moves to the nearest free
 *       position of the same size; if there is none it shrinks (keeping its shape) until one is
 *       free.
 *   <li>Requested texts still missing are added at their place in the typographic stack, or the
 *       nearest free position to it, shrinking if needed.
 *   <li>If some line still finds no room, every line is re-placed by the stack rules.
 * </ol>
 *
 * <p>Holds no mutable state: one instance may serve many threads if its measurer can.
 */
public final class LayoutValidator {
  private static final int GRID = Layout.DEFAULT_GRID;
  private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

  private final TypographicStack stack;

  public LayoutValidator(TextMeasurer measurer) {
    this.stack = new TypographicStack(measurer);
  }

  /** One line on its way through the repairs. */
  private static final class Line {
    final int number;
    final TextLine raw;
    String text;
    String color;
    Box box;
    boolean changed;
    boolean needsPlace;

    Line(int number, TextLine raw) {
      this.number = number;
      this.raw = raw;
      this.text = raw.text();
      this.color = raw.color();
      this.box = raw.box();
    }

    TextLine toTextLine() {
      if (!changed) {
        return raw;
      }
      return new TextLine(text, box, raw.font(), color, List.of());
    }
  }

  /**
   * Repairs {@code raw}.
   *
   * @param raw any layout a planner produced; its canvas is kept
   * @param requestedTexts the texts the prompt asks for, in order
   * @param limits the limits the result must obey
   */
  public RepairedLayout validate(Layout raw, List<String> requestedTexts, LayoutLimits limits) {
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(limits, "limits");
    List<String> repairs = new ArrayList<>();
    List<String> wanted = wantedTexts(requestedTexts, limits, repairs);
    Canvas canvas = raw.canvas();

    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < raw.lines().size(); i++) {
      lines.add(new Line(i + 1, raw.lines().get(i)));
    }
    if (raw.grid() != GRID) {
      repairs.add(
          "the layout used a grid of "
              + raw.grid()
              + " cells; its boxes were rescaled to the "
              + GRID
              + " grid");
      for (Line line : lines) {
        line.box = rescale(line.box, raw.grid());
        line.changed = true;
      }
    }
    for (Line line : lines) {
      cleanLine(line, repairs);
    }
    List<Line> kept = matchTexts(lines, wanted, repairs);
    for (Line line : kept) {
      repairBox(line, repairs);
    }

    List<Box> occupied = new ArrayList<>();
    boolean stuck = false;
    for (Line line : kept) {
      if (line.needsPlace) {
        continue;
      }
      Box placed = place(line.box, line.box, occupied);
      if (placed == null) {
        stuck = true;
        break;
      }
      if (!placed.equals(line.box)) {
        repairs.add(
            "line "
                + line.number
                + ": box "
                + line.box
                + " overlapped an earlier line; "
                + (placed.area() < line.box.area() ? "shrunk and moved" : "moved")
                + " to "
                + placed);
        line.box = placed;
        line.changed = true;
      }
      occupied.add(line.box);
    }

    Set<String> present = new LinkedHashSet<>();
    for (Line line : kept) {
      present.add(line.text);
    }
    List<String> stackNotes = new ArrayList<>();
    TypographicStack.Stacked ideal = null;
    if (!present.containsAll(wanted)) {
      ideal = stack.stack(wanted, canvas, GRID);
      stackNotes.addAll(ideal.notes());
    }
    for (Line line : kept) {
      if (stuck || !line.needsPlace) {
        continue;
      }
      Box size = stack.secondarySize(line.text, canvas, GRID, stackNotes);
      Box preferred = centredOn(size, line.box);
      Box placed = place(preferred, preferred, occupied);
      if (placed == null) {
        stuck = true;
        break;
      }
      repairs.add("line " + line.number + ": placed anew at " + placed);
      line.box = placed;
      line.changed = true;
      occupied.add(placed);
    }
    List<Line> added = new ArrayList<>();
    for (int k = 0; k < wanted.size() && !stuck; k++) {
      String text = wanted.get(k);
      if (present.contains(text)) {
        continue;
      }
      Box preferred = ideal.boxes().get(k);
      Box placed = place(preferred, preferred, occupied);
      if (placed == null) {
        stuck = true;
        break;
      }
      Line line = new Line(0, new TextLine(text, placed));
      added.add(line);
      occupied.add(placed);
      repairs.add("'" + RequestedTexts.preview(text) + "' was missing; added at " + placed);
    }

    List<Line> all = new ArrayList<>(kept);
    all.addAll(added);
    if (stuck) {
      all = new ArrayList<>(kept);
      for (String text : wanted) {
        if (!present.contains(text)) {
          all.add(new Line(0, new TextLine(text, new Box(0, 0, 1, 1))));
        }
      }
      List<String> order = all.stream().map(l -> l.text).toList();
      TypographicStack.Stacked restacked = stack.stack(order, canvas, GRID);
      stackNotes.addAll(restacked.notes());
      for (int i = 0; i < all.size(); i++) {
        all.get(i).box = restacked.boxes().get(i);
        all.get(i).changed = true;
      }
      repairs.add("the boxes left no room for every line, so all lines were re-placed in a stack");
    }
    for (String note : stackNotes) {
      if (!repairs.contains(note)) {
        repairs.add(note);
      }
    }

    List<TextLine> out = all.stream().map(Line::toTextLine).toList();
    Layout layout = new Layout(canvas.width(), canvas.height(), GRID, out);
    LayoutRules.requireValid(layout, limits);
    checkInvariants(layout, wanted);
    return new RepairedLayout(layout, wanted, repairs);
  }

  // ---------------------------------------------------------------- texts

  private static List<String> wantedTexts(
      List<String> requested, LayoutLimits limits, List<String> repairs) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String text : requested) {
      String clean = RequestedTexts.clean(text);
      if (clean.isEmpty()) {
        repairs.add("a requested text had no visible character and was left out");
      } else if (!clean.equals(text)) {
        repairs.add("requested text '" + RequestedTexts.preview(clean) + "' was cleaned");
      }
      if (!clean.isEmpty() && !distinct.add(clean)) {
        repairs.add(
            "'" + RequestedTexts.preview(clean) + "' was requested twice; it is placed once");
      }
    }
    List<String> wanted = new ArrayList<>();
    for (String text : distinct) {
      int length = text.codePointCount(0, text.length());
      if (length > limits.maxTextLength()) {
        repairs.add(
            "requested text '"
                + RequestedTexts.preview(text)
                + "' left out: it has "
                + length
                + " characters, more than the limit of "
                + limits.maxTextLength()
                + " for one line");
      } else {
        wanted.add(text);
      }
    }
    int max = Math.min(limits.maxLines(), GRID);
    if (wanted.size() > max) {
      repairs.add(
          wanted.size()
              + " texts were requested, more than the limit of "
              + max
              + " lines; the last "
              + (wanted.size() - max)
              + " were left out");
      wanted = new ArrayList<>(wanted.subList(0, max));
    }
    return wanted;
  }

  private static void cleanLine(Line line, List<String> repairs) {
    String clean = RequestedTexts.clean(line.text);
    if (!clean.equals(line.text)) {
      repairs.add(
          "line "
              + line.number
              + ": control characters or extra white space removed from the text");
      line.text = clean;
      line.changed = true;
    }
    if (line.color != null && !COLOR.matcher(line.color).matches()) {
      repairs.add("line " + line.number + ": colour '" + line.color + "' is not #RRGGBB; dropped");
      line.color = null;
      line.changed = true;
    }
  }

  /** Keeps the lines that carry a requested text, each text once, in line order. */
  private static List<Line> matchTexts(
      List<Line> lines, List<String> wanted, List<String> repairs) {
    Set<String> wantedSet = new LinkedHashSet<>(wanted);
    Map<String, Line> byText = new HashMap<>();
    List<Line> unmatched = new ArrayList<>();
    for (Line line : lines) {
      if (line.text.isEmpty()) {
        repairs.add("line " + line.number + ": dropped, its text is empty");
      } else if (!wantedSet.contains(line.text)) {
        unmatched.add(line);
      } else if (byText.containsKey(line.text)) {
        repairs.add(
            "line "
                + line.number
                + ": dropped, '"
                + RequestedTexts.preview(line.text)
                + "' is already on line "
                + byText.get(line.text).number);
      } else {
        byText.put(line.text, line);
      }
    }

    // Near misses take a missing text, best pairs first.
    List<String> missing = wanted.stream().filter(t -> !byText.containsKey(t)).toList();
    List<int[]> pairs = new ArrayList<>();
    for (int u = 0; u < unmatched.size(); u++) {
      for (int m = 0; m < missing.size(); m++) {
        int d = nearMiss(unmatched.get(u).text, missing.get(m));
        if (d >= 0) {
          pairs.add(new int[] {d, u, m});
        }
      }
    }
    pairs.sort(
        Comparator.<int[]>comparingInt(p -> p[0])
            .thenComparingInt(p -> p[1])
            .thenComparingInt(p -> p[2]));
    boolean[] lineUsed = new boolean[unmatched.size()];
    boolean[] textUsed = new boolean[missing.size()];
    for (int[] p : pairs) {
      if (lineUsed[p[1]] || textUsed[p[2]]) {
        continue;
      }
      lineUsed[p[1]] = true;
      textUsed[p[2]] = true;
      Line line = unmatched.get(p[1]);
      String text = missing.get(p[2]);
      repairs.add(
          "line "
              + line.number
              + ": text '"
              + RequestedTexts.preview(line.text)
              + "' replaced by the requested '"
              + RequestedTexts.preview(text)
              + "'");
      line.text = text;
      line.changed = true;
      byText.put(text, line);
    }
    for (int u = 0; u < unmatched.size(); u++) {
      if (!lineUsed[u]) {
        Line line = unmatched.get(u);
        repairs.add(
            "line "
                + line.number
                + ": dropped '"
                + RequestedTexts.preview(line.text)
                + "', which the prompt does not ask for");
      }
    }
    List<Line> kept = new ArrayList<>(byText.values());
    kept.sort(Comparator.comparingInt(l -> l.number));
    return kept;
  }

  /**
   * How far {@code text} is from {@code wanted}, or -1 when it is not a near miss: 0 when they have
   * the same letters and digits ignoring case, else the edit distance ignoring case, if at most a
   * third of the longer length (and at least 1).
   */
  static int nearMiss(String text, String wanted) {
    String a = text.toLowerCase(Locale.ROOT);
    String b = wanted.toLowerCase(Locale.ROOT);
    String ka = a.replaceAll("[^\\p{L}\\p{N}]", "");
    String kb = b.replaceAll("[^\\p{L}\\p{N}]", "");
    if (!ka.isEmpty() && ka.equals(kb)) {
      return 0;
    }
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int limit = Math.max(1, Math.max(x.length, y.length) / 3);
    if (Math.abs(x.length - y.length) > limit) {
      return -1;
    }
    int d = editDistance(x, y);
    return d <= limit ? d : -1;
  }

  private static int editDistance(int[] x, int[] y) {
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length];
  }

  // ---------------------------------------------------------------- boxes

  private static Box rescale(Box box, int fromGrid) {
    return new Box(
        clampToInt(Math.floorDiv((long) box.left() * GRID, fromGrid)),
        clampToInt(Math.floorDiv((long) box.top() * GRID, fromGrid)),
        clampToInt(-Math.floorDiv(-(long) box.right() * GRID, fromGrid)),
        clampToInt(-Math.floorDiv(-(long) box.bottom() * GRID, fromGrid)));
  }

  private static int clampToInt(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /** Orders, clamps and checks one line's box; marks it for placing anew when nothing is left. */
  private static void repairBox(Line line, List<String> repairs) {
    Box b = line.box;
    long l = Math.min(b.left(), b.right());
    long r = Math.max(b.left(), b.right());
    long t = Math.min(b.top(), b.bottom());
    long bo = Math.max(b.top(), b.bottom());
    if (b.left() > b.right() || b.top() > b.bottom()) {
      repairs.add("line " + line.number + ": box " + b + " was inverted; its sides were swapped");
    }
    long cl = clamp(l);
    long cr = clamp(r);
    long ct = clamp(t);
    long cb = clamp(bo);
    Box clamped = new Box((int) cl, (int) ct, (int) cr, (int) cb);
    if (clamped.isEmpty()) {
      repairs.add(
          "line "
              + line.number
              + ": box "
              + b
              + (l == r || t == bo ? " has no area" : " lies outside the grid")
              + "; the line is placed anew");
      line.needsPlace = true;
    } else if (cl != l || cr != r || ct != t || cb != bo) {
      repairs.add(
          "line "
              + line.number
              + ": box "
              + b
              + " reached outside the grid 0.."
              + GRID
              + "; clamped to "
              + clamped);
    }
    if (!clamped.equals(b)) {
      line.changed = true;
    }
    line.box = clamped;
  }

  private static long clamp(long v) {
    return Math.max(0, Math.min(GRID, v));
  }

  /** A box of {@code size}'s width and height centred where {@code around} is, on the grid. */
  private static Box centredOn(Box size, Box around) {
    int w = Math.min(GRID, size.width());
    int h = Math.min(GRID, size.height());
    int cx = (around.left() + around.right()) / 2;
    int cy = (around.top() + around.bottom()) / 2;
    int left = Math.max(0, Math.min(GRID - w, cx - w / 2));
    int top = Math.max(0, Math.min(GRID - h, cy - h / 2));
    return new Box(left, top, left + w, top + h);
  }

  /**
   * The box of {@code size}'s shape nearest {@code preferred} that overlaps nothing in {@code
   * occupied}: first at full size, then smaller (about 15 % a step, keeping the shape), down to one
   * cell high. Null when even that finds no room.
   */
  private static Box place(Box size, Box preferred, List<Box> occupied) {
    int w0 = Math.min(GRID, size.width());
    int h0 = Math.min(GRID, size.height());
    int cx2 = preferred.left() + preferred.right();
    int cy2 = preferred.top() + preferred.bottom();
    int h = h0;
    while (true) {
      int w = Math.max(1, Math.min(GRID, (int) Math.round((double) w0 * h / h0)));
      if (h == h0) {
        w = w0;
      }
      int prefLeft = Math.max(0, Math.min(GRID - w, (cx2 - w) / 2));
      int prefTop = Math.max(0, Math.min(GRID - h, (cy2 - h) / 2));
      Box found = nearestFree(w, h, prefLeft, prefTop, occupied);
      if (found != null) {
        return found;
      }
      if (h == 1) {
        return null;
      }
      h = Math.max(1, Math.min(h - 1, (int) Math.floor(h * 0.85)));
    }
  }

  /**
   * The free position for a {@code w}×{@code h} box nearest ({@code prefLeft}, {@code prefTop}).
   * Candidates are the preferred position, the grid's edges and every occupied box's edges on each
   * axis; sliding any free position up and then left until it touches something lands on such a
   * candidate, so if any position is free one of them is.
   */
  static Box nearestFree(int w, int h, int prefLeft, int prefTop, List<Box> occupied) {
    Set<Integer> xs = new LinkedHashSet<>(List.of(prefLeft, 0, GRID - w));
    Set<Integer> ys = new LinkedHashSet<>(List.of(prefTop, 0, GRID - h));
    for (Box o : occupied) {
      xs.add(o.right());
      xs.add(o.left() - w);
      ys.add(o.bottom());
      ys.add(o.top() - h);
    }
    Box best = null;
    long bestDistance = Long.MAX_VALUE;
    for (int y : ys) {
      if (y < 0 || y + h > GRID) {
        continue;
      }
      for (int x : xs) {
        if (x < 0 || x + w > GRID) {
          continue;
        }
        long dx = x - prefLeft;
        long dy = y - prefTop;
        long distance = dx * dx + dy * dy;
        if (distance > bestDistance
            || (distance == bestDistance
                && best != null
                && (y > best.top() || (y == best.top() && x >= best.left())))) {
          continue;
        }
        Box candidate = new Box(x, y, x + w, y + h);
        if (isFree(candidate, occupied)) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    return best;
  }

  private static boolean isFree(Box box, List<Box> occupied) {
    for (Box o : occupied) {
      if (box.intersects(o)) {
        return false;
      }
    }
    return true;
  }

  /** The promises of {@link #validate}; breaking one is a bug here, not in the input. */
  private static void checkInvariants(Layout layout, List<String> wanted) {
    List<TextLine> lines = layout.lines();
    List<String> texts = lines.stream().map(TextLine::text).sorted().toList();
    if (!texts.equals(wanted.stream().sorted().toList())) {
      throw new IllegalStateException("validator placed " + texts + " for requested " + wanted);
    }
    for (int i = 0; i < lines.size(); i++) {
      for (int j = i + 1; j < lines.size(); j++) {
        if (lines.get(i).box().intersects(lines.get(j).box())) {
          throw new IllegalStateException(
              "validator left lines " + (i + 1) + " and " + (j + 1) + " overlapping");
        }
      }
    }
  }
}
