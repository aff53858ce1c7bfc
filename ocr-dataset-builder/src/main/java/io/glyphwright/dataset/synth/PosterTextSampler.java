package io.glyphwright.dataset.synth;

import io.glyphwright.dataset.synth.PosterText.Item;
import io.glyphwright.dataset.synth.PosterText.Kind;
import io.glyphwright.dataset.synth.PosterText.Role;
import io.glyphwright.dataset.synth.PosterText.Slot;
import io.glyphwright.dataset.synth.WordLists.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws what a poster says from the word lists: a kind (sale banner, product shot, book cover,
 * event poster, shop sign, slogan poster), then one to four lines following that kind's recipe,
 * with prices ({@code $99}, {@code ¥199}), percentages ({@code 50% OFF}, {@code 5折}) and dates
 * generated rather than listed. With both languages enabled a poster is English (40 %), Chinese (40
 * %) or mixed line by line (20 %).
 */
final class PosterTextSampler {
  /** Most lines on one poster. */
  static final int MAX_LINES = 4;

  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUNE", "JULY", "AUG", "SEPT", "OCT", "NOV", "DEC"
  };
  private static final String[] DAYS = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
  private static final String[] ZH_DAYS = {"一", "二", "三", "四", "五", "六", "日"};
  private static final int[] PERCENTS = {10, 15, 20, 25, 30, 40, 50, 60, 70, 80};

  private final WordLists words;
  private final boolean en;
  private final boolean zh;

  PosterTextSampler(WordLists words, Set<Lang> langs) {
    if (langs.isEmpty()) {
      throw new IllegalArgumentException("--lang needs at least one language: en, zh or en,zh");
    }
    this.words = words;
    this.en = langs.contains(Lang.EN);
    this.zh = langs.contains(Lang.ZH);
  }

  PosterText sample(SplittableRandom rng) {
    Kind kind = pickKind(rng);
    int mode; // 0 = English, 1 = Chinese, 2 = mixed line by line
    if (en && zh) {
      double u = rng.nextDouble();
      mode = u < 0.4 ? 0 : u < 0.8 ? 1 : 2;
    } else {
      mode = en ? 0 : 1;
    }
    List<Item> items = new ArrayList<>();
    for (Step step : recipe(kind, rng)) {
      if (items.size() == MAX_LINES) {
        break;
      }
      if (rng.nextDouble() >= step.probability) {
        continue;
      }
      Lang lang = mode == 0 ? Lang.EN : mode == 1 ? Lang.ZH : rng.nextBoolean() ? Lang.EN : Lang.ZH;
      items.add(new Item(text(step.slot, lang, rng), step.role, step.slot, lang));
    }
    return new PosterText(kind, items);
  }

  private static Kind pickKind(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.22) {
      return Kind.SALE;
    } else if (u < 0.44) {
      return Kind.PRODUCT;
    } else if (u < 0.58) {
      return Kind.BOOK;
    } else if (u < 0.74) {
      return Kind.EVENT;
    } else if (u < 0.86) {
      return Kind.SIGN;
    }
    return Kind.POSTER;
  }

  private record Step(Slot slot, Role role, double probability) {}

  /** The lines a kind may have, in order; the first is always there. */
  private static List<Step> recipe(Kind kind, SplittableRandom rng) {
    return switch (kind) {
      case SALE ->
          List.of(
              new Step(Slot.OFFER, Role.HEADLINE, 1),
              new Step(rng.nextBoolean() ? Slot.PERCENT : Slot.PRICE, Role.SUBHEAD, 0.9),
              new Step(rng.nextBoolean() ? Slot.PRODUCT : Slot.BRAND, Role.DETAIL, 0.6),
              new Step(Slot.SLOGAN, Role.DETAIL, 0.3));
      case PRODUCT ->
          List.of(
              new Step(Slot.PRODUCT, Role.HEADLINE, 1),
              new Step(Slot.BRAND, Role.SUBHEAD, 0.6),
              new Step(Slot.PRICE, Role.SUBHEAD, 0.7),
              new Step(Slot.SLOGAN, Role.DETAIL, 0.4));
      case BOOK ->
          List.of(
              new Step(Slot.TITLE, Role.HEADLINE, 1),
              new Step(Slot.AUTHOR, Role.SUBHEAD, 1),
              new Step(Slot.SLOGAN, Role.DETAIL, 0.25));
      case EVENT ->
          List.of(
              new Step(Slot.TITLE, Role.HEADLINE, 1),
              new Step(Slot.DATE, Role.SUBHEAD, 0.8),
              new Step(Slot.SLOGAN, Role.DETAIL, 0.4),
              new Step(Slot.BRAND, Role.DETAIL, 0.2));
      case SIGN ->
          List.of(
              new Step(Slot.BRAND, Role.HEADLINE, 1),
              new Step(Slot.SLOGAN, Role.SUBHEAD, 0.6),
              new Step(Slot.OFFER, Role.DETAIL, 0.2));
      case POSTER ->
          List.of(
              new Step(Slot.SLOGAN, Role.HEADLINE, 1),
              new Step(Slot.BRAND, Role.SUBHEAD, 0.5),
              new Step(Slot.OFFER, Role.DETAIL, 0.2));
    };
  }

  private String text(Slot slot, Lang lang, SplittableRandom rng) {
    String t =
        switch (slot) {
          case OFFER -> pick(lang, Category.OFFERS, rng);
          case PRODUCT -> pick(lang, Category.PRODUCTS, rng);
          case BRAND -> pick(lang, Category.BRANDS, rng);
          case TITLE -> pick(lang, Category.TITLES, rng);
          case AUTHOR -> pick(lang, Category.AUTHORS, rng);
          case SLOGAN -> pick(lang, Category.SLOGANS, rng);
          case PRICE -> lang == Lang.EN ? enPrice(rng) : zhPrice(rng);
          case PERCENT -> lang == Lang.EN ? enPercent(rng) : zhPercent(rng);
          case DATE -> lang == Lang.EN ? enDate(rng) : zhDate(rng);
        };
    if (lang == Lang.EN
        && slot != Slot.OFFER
        && slot != Slot.PRICE
        && slot != Slot.PERCENT
        && rng.nextDouble() < 0.3) {
      t = t.toUpperCase(Locale.ROOT);
    }
    return t;
  }

  private String pick(Lang lang, Category c, SplittableRandom rng) {
    List<String> list = words.get(lang, c);
    return list.get(rng.nextInt(list.size()));
  }

  private static String amount(SplittableRandom rng) {
    int whole = rng.nextDouble() < 0.6 ? 1 + rng.nextInt(99) : 100 + rng.nextInt(900);
    double u = rng.nextDouble();
    if (u < 0.3) {
      return whole + ".99";
    } else if (u < 0.4) {
      return whole + ".50";
    }
    return Integer.toString(whole);
  }

  private static String enPrice(SplittableRandom rng) {
    String[] currencies = {"$", "$", "$", "€", "£"};
    String price = currencies[rng.nextInt(currencies.length)] + amount(rng);
    String[] prefixes = {"ONLY ", "NOW ", "FROM ", "JUST ", "Only ", "Now "};
    return rng.nextDouble() < 0.35 ? prefixes[rng.nextInt(prefixes.length)] + price : price;
  }

  private static String zhPrice(SplittableRandom rng) {
    String a = amount(rng).replace(".99", ".9").replace(".50", ".5");
    return switch (rng.nextInt(8)) {
      case 0, 1, 2 -> "¥" + a;
      case 3 -> "￥" + a;
      case 4 -> "仅需¥" + a;
      case 5 -> a + "元";
      case 6 -> "到手价¥" + a;
      default -> "券后¥" + a;
    };
  }

  private static String enPercent(SplittableRandom rng) {
    int p = PERCENTS[rng.nextInt(PERCENTS.length)];
    return switch (rng.nextInt(6)) {
      case 0, 1 -> p + "% OFF";
      case 2 -> "SAVE " + p + "%";
      case 3 -> "-" + p + "%";
      case 4 -> "UP TO " + p + "% OFF";
      default -> p + "% off";
    };
  }

  private static String zhPercent(SplittableRandom rng) {
    int d = 3 + rng.nextInt(7);
    return switch (rng.nextInt(6)) {
      case 0 -> d + "折";
      case 1 -> "低至" + d + "折";
      case 2 -> "全场" + d + "折";
      case 3 -> "满" + (100 * (1 + rng.nextInt(5))) + "减" + (10 * (1 + rng.nextInt(8)));
      case 4 -> "立减" + (10 * (1 + rng.nextInt(20))) + "元";
      default -> PERCENTS[rng.nextInt(PERCENTS.length)] + "% OFF";
    };
  }

  private static String enDate(SplittableRandom rng) {
    int m = rng.nextInt(12);
    int d = 1 + rng.nextInt(28);
    int hour = 1 + rng.nextInt(11);
    String month = MONTHS[m];
    return switch (rng.nextInt(6)) {
      case 0 -> month + " " + d;
      case 1 -> month + " " + d + "-" + (d + 1 + rng.nextInt(3));
      case 2 -> DAYS[rng.nextInt(7)] + " " + hour + "PM";
      case 3 -> String.format("%d.%02d.%02d", 2024 + rng.nextInt(3), m + 1, d);
      case 4 -> month.charAt(0) + month.substring(1).toLowerCase(Locale.ROOT) + " " + d;
      default -> DAYS[rng.nextInt(7)] + " " + month + " " + d;
    };
  }

  private static String zhDate(SplittableRandom rng) {
    int m = 1 + rng.nextInt(12);
    int d = 1 + rng.nextInt(28);
    return switch (rng.nextInt(5)) {
      case 0 -> m + "月" + d + "日";
      case 1 -> m + "月" + d + "日-" + (d + 1 + rng.nextInt(3)) + "日";
      case 2 -> "周" + ZH_DAYS[rng.nextInt(7)] + "晚" + (6 + rng.nextInt(4)) + "点";
      case 3 -> (2024 + rng.nextInt(3)) + "年" + m + "月" + d + "日";
      default -> "每周" + ZH_DAYS[rng.nextInt(7)];
    };
  }
}
