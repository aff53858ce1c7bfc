package io.glyphwright.dataset.synth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The languages the synthetic generator writes: English and (Simplified) Chinese. */
public enum Lang {
  EN,
  ZH;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a comma-separated list such as {@code en,zh}.
   *
   * @throws IllegalArgumentException naming the unknown language and the known ones
   */
  public static Set<Lang> parseList(String list) {
    EnumSet<Lang> out = EnumSet.noneOf(Lang.class);
    for (String part : list.split(",", -1)) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      switch (p) {
        case "en" -> out.add(EN);
        case "zh" -> out.add(ZH);
        default ->
            throw new IllegalArgumentException(
                "unknown language '"
                    + part.strip()
                    + "' in --lang "
                    + list
                    + ": use en, zh or en,zh");
      }
    }
    return out;
  }

  /** {@code en,zh} for a set, in enum order. */
  public static String format(Set<Lang> langs) {
    return langs.stream().sorted().map(Lang::code).collect(Collectors.joining(","));
  }
}
