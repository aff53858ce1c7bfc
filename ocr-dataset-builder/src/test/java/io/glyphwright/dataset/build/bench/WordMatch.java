package io.glyphwright.dataset.build.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word precision and recall of OCR output against ground truth, English and Chinese apart.
 *
 * <p>Words are the lines' whitespace-separated tokens after NFKC (full-width forms become ASCII),
 * compared exactly (case and punctuation count). A token holding a Han character is Chinese; any
 * other is English (digits and prices included). Per image, predicted and true words are matched as
 * multisets; counts are summed over images. Chinese is also scored per character (multisets of Han
 * characters), since a Chinese "word" here is a whole run of characters between spaces.
 */
final class WordMatch {
  /** Summed counts for one language. */
  static final class Counts {
    long truth;
    long predicted;
    long matched;

    double precision() {
      return predicted == 0 ? 0 : (double) matched / predicted;
    }

    double recall() {
      return truth == 0 ? 0 : (double) matched / truth;
    }

    double f() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  final Counts english = new Counts();
  final Counts chinese = new Counts();
  final Counts chineseChars = new Counts();
  final Counts englishChars = new Counts();

  /** Adds one image's lines. */
  void add(List<String> truthLines, List<String> predictedLines) {
    List<String> t = tokens(truthLines);
    List<String> p = tokens(predictedLines);
    match(english, filter(t, false), filter(p, false));
    match(chinese, filter(t, true), filter(p, true));
    match(chineseChars, hanChars(t), hanChars(p));
    match(englishChars, chars(filter(t, false)), chars(filter(p, false)));
  }

  private static void match(Counts c, List<String> truth, List<String> predicted) {
    Map<String, Integer> left = new HashMap<>();
    truth.forEach(w -> left.merge(w, 1, Integer::sum));
    long m = 0;
    for (String w : predicted) {
      Integer n = left.get(w);
      if (n != null && n > 0) {
        left.put(w, n - 1);
        m++;
      }
    }
    c.truth += truth.size();
    c.predicted += predicted.size();
    c.matched += m;
  }

  static List<String> tokens(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String w : Normalizer.normalize(line, Normalizer.Form.NFKC).strip().split("\\s+")) {
        if (!w.isEmpty()) {
          out.add(w);
        }
      }
    }
    return out;
  }

  static boolean isChinese(String token) {
    return token
        .codePoints()
        .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
  }

  private static List<String> filter(List<String> tokens, boolean chinese) {
    return tokens.stream().filter(t -> isChinese(t) == chinese).toList();
  }

  private static List<String> chars(List<String> tokens) {
    List<String> out = new ArrayList<>();
    for (String t : tokens) {
      t.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
    }
    return out;
  }

  private static List<String> hanChars(List<String> tokens) {
    List<String> out = new ArrayList<>();
    for (String t : tokens) {
      t.codePoints()
          .filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
          .forEach(cp -> out.add(new String(Character.toChars(cp))));
    }
    return out;
  }
}
