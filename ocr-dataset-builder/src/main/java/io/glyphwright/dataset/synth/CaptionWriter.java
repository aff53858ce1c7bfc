package io.glyphwright.dataset.synth;

import io.glyphwright.dataset.synth.PosterText.Kind;
import io.glyphwright.dataset.synth.PosterText.Slot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a caption for a synthetic poster the way people write prompts, in English or Chinese: what
 * the picture is, the colour of its background (and sometimes of its text), and every line of its
 * text, verbatim and (mostly) quoted — "A poster that says 'X'", "Product photo of … with the label
 * \"X\"", "book cover titled X by Y", "一张写着“X”的海报". A template that names some lines by what they
 * are (title, author, product) quotes the others after it, so every line's text appears in every
 * caption.
 */
final class CaptionWriter {
  private CaptionWriter() {}

  static String write(
      SplittableRandom rng, Poster poster, ColorNames.Named background, boolean chinese) {
    List<PosterLine> lines = poster.lines();
    ColorNames.Named textColor = ColorNames.nearest(lines.get(0).color());
    return chinese
        ? chinese(rng, poster.kind(), lines, background, textColor, poster.background().isPhoto())
        : english(rng, poster.kind(), lines, background, textColor, poster.background().isPhoto());
  }

  private static String english(
      SplittableRandom rng,
      Kind kind,
      List<PosterLine> lines,
      ColorNames.Named bg,
      ColorNames.Named tc,
      boolean photo) {
    String q = rng.nextDouble() < 0.75 ? "\"" : "'";
    String all = quoteEn(texts(lines), q);
    String bgPhrase =
        photo
            ? pick(
                rng,
                "over a photo in " + bg.en() + " tones",
                "on a " + bg.en() + " photographic background")
            : pick(rng, "on a " + bg.en() + " background", "against a " + bg.en() + " backdrop");
    String noun = nounEn(kind);
    PosterLine title = find(lines, Slot.TITLE);
    PosterLine author = find(lines, Slot.AUTHOR);
    PosterLine product = find(lines, Slot.PRODUCT);
    List<String> specific = new ArrayList<>();
    if (kind == Kind.BOOK && title != null && author != null) {
      String rest = rest(lines, title, author, q, ", with the tagline ");
      specific.add("book cover titled " + title.text() + " by " + author.text() + rest);
      specific.add(
          "The cover of a novel called "
              + q
              + title.text()
              + q
              + " by "
              + author.text()
              + ", "
              + bg.en()
              + " cover"
              + rest);
      specific.add(
          "A "
              + bg.en()
              + " book cover with the title "
              + q
              + title.text()
              + q
              + " and the author name "
              + q
              + author.text()
              + q
              + rest);
    }
    if (product != null) {
      specific.add("Product photo of " + product.text() + " with the label " + all);
      specific.add("An advertisement for " + product.text() + ": " + all + ", " + bgPhrase);
    }
    if (kind == Kind.EVENT && title != null) {
      specific.add(
          "Event poster for " + title.text() + rest(lines, title, null, q, ", with the text "));
    }
    switch (kind) {
      case SALE -> {
        specific.add("A sale banner that says " + all + ", " + bgPhrase);
        specific.add(
            "E-commerce promotion poster with the text "
                + all
                + ", bold typography, "
                + bg.en()
                + " background");
      }
      case SIGN -> specific.add("A storefront sign that reads " + all);
      case POSTER ->
          specific.add("Minimalist typographic poster with the words " + all + " " + bgPhrase);
      default -> {
        // the generic templates cover it
      }
    }
    List<String> generic =
        List.of(
            "A poster that says " + all,
            "A " + noun + " with the text " + all + " " + bgPhrase,
            all + " written in " + tc.en() + " letters " + bgPhrase,
            "text " + all + ", " + noun + ", " + bg.en() + " background, high quality",
            "a " + bg.en() + " " + noun + " that reads " + all);
    return !specific.isEmpty() && rng.nextDouble() < 0.6
        ? specific.get(rng.nextInt(specific.size()))
        : generic.get(rng.nextInt(generic.size()));
  }

  private static String chinese(
      SplittableRandom rng,
      Kind kind,
      List<PosterLine> lines,
      ColorNames.Named bg,
      ColorNames.Named tc,
      boolean photo) {
    String all = quoteZh(texts(lines));
    String bgWord = photo ? bg.zh() + "调的照片" : bg.zh();
    String noun = nounZh(kind);
    PosterLine title = find(lines, Slot.TITLE);
    PosterLine author = find(lines, Slot.AUTHOR);
    PosterLine product = find(lines, Slot.PRODUCT);
    List<String> specific = new ArrayList<>();
    if (kind == Kind.BOOK && title != null && author != null) {
      specific.add(
          "书名为《" + title.text() + "》的书籍封面，作者" + author.text() + restZh(lines, title, author));
    }
    if (product != null) {
      specific.add(product.text() + "的商品图，标签上写着" + all);
    }
    if (kind == Kind.SALE) {
      specific.add("促销海报，写着" + all + "，" + bgWord + "背景");
    }
    if (kind == Kind.SIGN) {
      specific.add("一块写着" + all + "的招牌");
    }
    if (kind == Kind.EVENT && title != null) {
      specific.add(title.text() + "活动海报" + restZh(lines, title, null));
    }
    List<String> generic =
        List.of(
            "一张写着" + all + "的海报",
            bgWord + "背景上写着" + all,
            noun + "，文字为" + all + "，" + bgWord + "背景",
            "一张" + bgWord + "背景的" + noun + "，上面用" + tc.zh() + "写着" + all);
    return !specific.isEmpty() && rng.nextDouble() < 0.6
        ? specific.get(rng.nextInt(specific.size()))
        : generic.get(rng.nextInt(generic.size()));
  }

  private static List<String> texts(List<PosterLine> lines) {
    return lines.stream().map(PosterLine::text).toList();
  }

  private static PosterLine find(List<PosterLine> lines, Slot slot) {
    return lines.stream().filter(l -> l.item().slot() == slot).findFirst().orElse(null);
  }

  /** The lines other than {@code a} and {@code b}, quoted after {@code lead}; empty if none. */
  private static String rest(
      List<PosterLine> lines, PosterLine a, PosterLine b, String q, String lead) {
    List<String> others =
        lines.stream().filter(l -> l != a && l != b).map(PosterLine::text).toList();
    return others.isEmpty() ? "" : lead + quoteEn(others, q);
  }

  private static String restZh(List<PosterLine> lines, PosterLine a, PosterLine b) {
    List<String> others =
        lines.stream().filter(l -> l != a && l != b).map(PosterLine::text).toList();
    return others.isEmpty() ? "" : "，还写着" + quoteZh(others);
  }

  static String quoteEn(List<String> texts, String q) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      if (i > 0) {
        sb.append(i == texts.size() - 1 ? " and " : ", ");
      }
      sb.append(q).append(texts.get(i)).append(q);
    }
    return sb.toString();
  }

  static String quoteZh(List<String> texts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      if (i > 0) {
        sb.append(i == texts.size() - 1 ? "和" : "、");
      }
      sb.append('“').append(texts.get(i)).append('”');
    }
    return sb.toString();
  }

  private static String nounEn(Kind kind) {
    return switch (kind) {
      case SALE -> "sale banner";
      case PRODUCT -> "product advertisement";
      case BOOK -> "book cover";
      case EVENT -> "event poster";
      case SIGN -> "shop sign";
      case POSTER -> "poster";
    };
  }

  private static String nounZh(Kind kind) {
    return switch (kind) {
      case SALE -> "促销横幅";
      case PRODUCT -> "商品广告";
      case BOOK -> "书籍封面";
      case EVENT -> "活动海报";
      case SIGN -> "店铺招牌";
      case POSTER -> "海报";
    };
  }

  private static String pick(SplittableRandom rng, String a, String b) {
    return rng.nextBoolean() ? a : b;
  }
}
