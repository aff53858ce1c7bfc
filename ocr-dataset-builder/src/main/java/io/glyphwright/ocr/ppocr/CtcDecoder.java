package io.glyphwright.ocr.ppocr;

import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding: the most probable class at each time step, runs of the same class merged,
 * blanks dropped. Each decoded character keeps the time steps of its run, which is what places it
 * in the image.
 */
public final class CtcDecoder {
  private CtcDecoder() {}

  /**
   * One decoded character.
   *
   * @param text the character (the space class decodes to " ")
   * @param firstStep the first time step of its run
   * @param lastStep the last time step of its run (inclusive)
   * @param probability the class probability at {@code firstStep}
   */
  public record CtcChar(String text, int firstStep, int lastStep, float probability) {}

  /**
   * A decoded sequence.
   *
   * @param chars the characters in order, spaces included
   * @param confidence the mean of the characters' probabilities, 0 when nothing was decoded
   */
  public record Decoded(List<CtcChar> chars, double confidence) {
    public Decoded {
      chars = List.copyOf(chars);
    }

    public String text() {
      StringBuilder sb = new StringBuilder();
      for (CtcChar c : chars) {
        sb.append(c.text());
      }
      return sb.toString();
    }
  }

  /**
   * Decodes one sequence of a {@code [batch, steps, classes]} softmax output.
   *
   * @param probs the output, flattened
   * @param offset where this sequence starts ({@code item * steps * classes})
   */
  public static Decoded decode(
      float[] probs, int offset, int steps, CharacterDictionary dictionary) {
    int classes = dictionary.classes();
    List<CtcChar> out = new ArrayList<>();
    int previous = -1;
    int runStart = 0;
    float runProb = 0;
    double sum = 0;
    for (int t = 0; t <= steps; t++) {
      int best = -1;
      float bestProb = 0;
      if (t < steps) {
        int base = offset + t * classes;
        best = 0;
        bestProb = probs[base];
        for (int c = 1; c < classes; c++) {
          if (probs[base + c] > bestProb) {
            bestProb = probs[base + c];
            best = c;
          }
        }
      }
      if (best != previous) {
        if (previous > CharacterDictionary.BLANK) {
          out.add(new CtcChar(dictionary.symbol(previous), runStart, t - 1, runProb));
          sum += runProb;
        }
        previous = best;
        runStart = t;
        runProb = bestProb;
      }
    }
    return new Decoded(out, out.isEmpty() ? 0 : sum / out.size());
  }

  /**
   * For each decoded character, the highest probability the space class (the dictionary's last)
   * reached at the time steps between it and the previous non-space character; 0 for the first
   * character, for a space, and where the two are adjacent. The recogniser often sees a word space
   * without being sure enough to let it win the step: this is the evidence {@link WordGaps} weighs
   * with the ink.
   */
  public static float[] spaceBefore(
      float[] probs, int offset, int steps, int classes, List<CtcChar> chars) {
    float[] out = new float[chars.size()];
    int space = classes - 1;
    for (int i = 1; i < chars.size(); i++) {
      CtcChar c = chars.get(i);
      if (c.text().equals(" ")) {
        continue;
      }
      int j = i - 1;
      while (j > 0 && chars.get(j).text().equals(" ")) {
        j--;
      }
      float best = 0;
      for (int t = chars.get(j).lastStep() + 1; t < c.firstStep() && t < steps; t++) {
        best = Math.max(best, probs[offset + t * classes + space]);
      }
      out[i] = best;
    }
    return out;
  }
}
