package io.glyphwright.ocr.ppocr;

import io.glyphwright.ocr.ChineseText;
import io.glyphwright.ocr.ppocr.CtcDecoder.CtcChar;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts back word spaces that the recogniser missed, from the ink of the crop.
 *
 * <p>PP-OCRv4's Chinese recogniser writes spaces between Latin words only when it is sure, and
 * almost never between Chinese and Latin text; how sure it is even depends on how much padding its
 * batch adds. A word space, though, is plain to see: a run of ink-free columns much wider than the
 * gaps between letters. So between two adjacent characters (not both Chinese, which never take a
 * space) that have no space between them, a run of blank columns becomes a space when it is at
 * least {@value #MIN_GAP} of the crop's height and {@value #MEDIAN_FACTOR} times the line's median
 * gap between neighbours (measured on 40–56 px DejaVu, Lato and Noto CJK lines: letter gaps reach
 * 0.3 of the height in all-caps bold, word gaps start near 0.38). Widely spaced capitals leave word
 * gaps barely wider than letter gaps; there the recogniser's own hint decides: where the space
 * class reached {@value #HINT} between the two characters ({@link CtcDecoder#spaceBefore}), a gap
 * of {@value #HINT_GAP} of the height and {@value #HINT_MEDIAN} times the median is enough. No
 * space is added after a currency sign or an opening bracket, nor before trailing punctuation
 * ({@code $ 25}, {@code 21 .5} are never right). Ink is as {@link InkMask} finds it.
 */
final class WordGaps {
  /** The smallest word gap, as a fraction of the crop height (≈ the text's ink height). */
  static final double MIN_GAP = 0.3;

  /** A word gap is also at least this many times the line's median gap between neighbours. */
  static final double MEDIAN_FACTOR = 1.8;

  /** With fewer neighbour pairs than this the median says little, ... */
  static final int MIN_PAIRS_FOR_MEDIAN = 3;

  /** ... and a word gap must be at least this fraction of the crop height. */
  static final double FEW_PAIRS_MIN_GAP = 0.4;

  /**
   * The space-class probability between two characters that makes a narrower gap a word space
   * (chosen on 150 seeded synthetic posters, seed 4242: English word F 0.862 → 0.892; 0.02 gave the
   * same).
   */
  static final double HINT = 0.05;

  /** With that hint, a word gap is at least this fraction of the crop height, ... */
  static final double HINT_GAP = 0.12;

  /** ... and this many times the line's median gap between neighbours. */
  static final double HINT_MEDIAN = 1.2;

  /** Characters that never take a space after them: currency signs and opening brackets. */
  private static final String NO_SPACE_AFTER = "$€£¥￥(（[#";

  /** Characters that never take a space before them: closing and trailing punctuation. */
  private static final String NO_SPACE_BEFORE = ".,:;%!?)）]、，。：；！？％";

  private WordGaps() {}

  /**
   * The characters with a space added in every wide blank gap; added spaces span their gap's time
   * steps and carry probability 0 (they do not enter the line confidence).
   *
   * @param stepWidth recogniser input pixels per time step
   * @param contentWidth the crop's width in the recogniser input
   */
  static List<CtcChar> withSpaces(
      List<CtcChar> chars, float[] spaceBefore, InkMask ink, double stepWidth, int contentWidth) {
    if (chars.size() < 2) {
      return chars;
    }
    double toCrop = ink.width() / (contentWidth / stepWidth);
    // The widest blank run between each pair of neighbours that might take a space.
    int[][] gaps = new int[chars.size()][];
    List<Integer> widths = new ArrayList<>();
    for (int i = 1; i < chars.size(); i++) {
      CtcChar a = chars.get(i - 1);
      CtcChar b = chars.get(i);
      if (a.text().isBlank()
          || b.text().isBlank()
          || NO_SPACE_AFTER.contains(a.text())
          || NO_SPACE_BEFORE.contains(b.text())
          || (ChineseText.isCjk(a.text().codePointAt(0))
              && ChineseText.isCjk(b.text().codePointAt(0)))) {
        continue;
      }
      int from = (int) Math.floor((a.firstStep() + a.lastStep() + 1) / 2.0 * toCrop);
      int to = (int) Math.ceil((b.firstStep() + b.lastStep() + 1) / 2.0 * toCrop);
      gaps[i] = ink.widestBlankRun(from, to);
      widths.add(gaps[i][1] - gaps[i][0]);
    }
    double minGap;
    double median = 0;
    if (widths.size() >= MIN_PAIRS_FOR_MEDIAN) {
      widths.sort(null);
      median = widths.get(widths.size() / 2);
      minGap = Math.max(MIN_GAP * ink.height(), MEDIAN_FACTOR * median);
    } else {
      minGap = FEW_PAIRS_MIN_GAP * ink.height();
    }
    List<CtcChar> out = new ArrayList<>(chars.size() + 4);
    out.add(chars.get(0));
    for (int i = 1; i < chars.size(); i++) {
      int[] gap = gaps[i];
      int width = gap == null ? 0 : gap[1] - gap[0];
      boolean hinted =
          spaceBefore != null
              && spaceBefore[i] >= HINT
              && width >= Math.max(2, Math.max(HINT_GAP * ink.height(), HINT_MEDIAN * median));
      if (gap != null && (width >= Math.max(2, minGap) || hinted)) {
        CtcChar a = chars.get(i - 1);
        CtcChar b = chars.get(i);
        int first = Math.max((int) Math.ceil(gap[0] / toCrop), a.lastStep() + 1);
        int last = Math.min((int) Math.floor(gap[1] / toCrop) - 1, b.firstStep() - 1);
        if (first <= last) {
          out.add(new CtcChar(" ", first, last, 0f));
        } else if (a.lastStep() + 1 <= b.firstStep() - 1) {
          int step = (a.lastStep() + b.firstStep()) / 2;
          out.add(new CtcChar(" ", step, step, 0f));
        }
      }
      out.add(chars.get(i));
    }
    return out;
  }
}
