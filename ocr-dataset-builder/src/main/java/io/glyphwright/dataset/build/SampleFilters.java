package io.glyphwright.dataset.build;

import io.glyphwright.core.Box;
import io.glyphwright.dataset.CorpusLine;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The filters run on an annotated image (the size filter runs earlier, from the header; see {@link
 * ImageDecoder}). Pure functions of the annotation and the caption.
 */
public final class SampleFilters {
  private SampleFilters() {}

  /**
   * Every filter the sample fails, in this order: {@code no-text} (alone: nothing else applies),
   * {@code too-many-lines}, {@code text-area-too-small} or {@code text-area-too-large}, {@code
   * low-confidence}, {@code words-not-in-caption}. Empty when the sample passes.
   */
  public static List<RejectReason> check(
      List<CorpusLine> lines, int width, int height, String caption, FilterSettings f) {
    List<RejectReason> failed = new ArrayList<>();
    if (lines.isEmpty()) {
      failed.add(RejectReason.NO_TEXT);
      return failed;
    }
    if (lines.size() > f.maxLines()) {
      failed.add(RejectReason.TOO_MANY_LINES);
    }
    double area = textAreaRatio(lines.stream().map(CorpusLine::box).toList(), width, height);
    if (area < f.minTextArea()) {
      failed.add(RejectReason.TEXT_AREA_TOO_SMALL);
    } else if (area > f.maxTextArea()) {
      failed.add(RejectReason.TEXT_AREA_TOO_LARGE);
    }
    if (meanConfidence(lines) < f.minConfidence()) {
      failed.add(RejectReason.LOW_CONFIDENCE);
    }
    if (f.captionMatch() > 0 && captionMatch(lines, caption) < f.captionMatch()) {
      failed.add(RejectReason.WORDS_NOT_IN_CAPTION);
    }
    return failed;
  }

  /** The fraction of the image covered by the union of the boxes (overlaps counted once). */
  public static double textAreaRatio(List<Box> boxes, int width, int height) {
    List<Box> in = new ArrayList<>();
    Box frame = new Box(0, 0, width, height);
    for (Box b : boxes) {
      Box c = b.intersection(frame);
      if (!c.isEmpty()) {
        in.add(c);
      }
    }
    if (in.isEmpty()) {
      return 0;
    }
    int[] xs =
        in.stream()
            .flatMapToInt(b -> java.util.stream.IntStream.of(b.left(), b.right()))
            .distinct()
            .sorted()
            .toArray();
    int[] ys =
        in.stream()
            .flatMapToInt(b -> java.util.stream.IntStream.of(b.top(), b.bottom()))
            .distinct()
            .sorted()
            .toArray();
    long covered = 0;
    for (int i = 0; i + 1 < xs.length; i++) {
      for (int j = 0; j + 1 < ys.length; j++) {
        Box cell = new Box(xs[i], ys[j], xs[i + 1], ys[j + 1]);
        for (Box b : in) {
          if (b.contains(cell)) {
            covered += cell.area();
            break;
          }
        }
      }
    }
    return (double) covered / ((long) width * height);
  }

  /** The lines' confidences averaged over their characters (a line counts at least once). */
  public static double meanConfidence(List<CorpusLine> lines) {
    double sum = 0;
    long n = 0;
    for (CorpusLine l : lines) {
      int weight = Math.max(1, l.chars().size());
      sum += l.conf() * weight;
      n += weight;
    }
    return n == 0 ? 0 : sum / n;
  }

  /**
   * The fraction of the OCR'd words that appear in the caption: words are the lines'
   * whitespace-separated tokens, compared after NFKC, lower-casing and trimming punctuation from
   * their ends, as substrings of the caption normalised the same way (so Chinese text, written
   * without spaces, matches when the caption quotes it). Tokens with no letter or digit do not
   * count; 1 when there are none.
   */
  public static double captionMatch(List<CorpusLine> lines, String caption) {
    String c = normalise(caption);
    int total = 0;
    int found = 0;
    for (CorpusLine l : lines) {
      for (String token : l.text().split("\\s+")) {
        String t = trimPunctuation(normalise(token));
        if (t.codePoints().noneMatch(Character::isLetterOrDigit)) {
          continue;
        }
        total++;
        if (c.contains(t)) {
          found++;
        }
      }
    }
    return total == 0 ? 1.0 : (double) found / total;
  }

  private static String normalise(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  private static String trimPunctuation(String s) {
    int[] cps = s.codePoints().toArray();
    int a = 0;
    int b = cps.length;
    while (a < b && !Character.isLetterOrDigit(cps[a])) {
      a++;
    }
    while (b > a && !Character.isLetterOrDigit(cps[b - 1])) {
      b--;
    }
    return new String(Arrays.copyOfRange(cps, a, b), 0, b - a);
  }
}
