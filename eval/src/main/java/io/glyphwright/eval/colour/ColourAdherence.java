package io.glyphwright.eval.colour;

import io.glyphwright.dataset.synth.ColorNames;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prompt adherence measured on colour: a seeded set of prompts that each name a background colour,
 * and the dominant colour of a generated image away from its text.
 *
 * <p>The dominant colour is the {@link ColorNames} name most sampled pixels are nearest to,
 * counting only pixels farther than {@code margin} pixels from any glyph-mask ink (the text and its
 * antialiased edge, shadow or outline are not background). A prompt is matched when that name is
 * the one asked for; it is matched in family when both names share a hue family ({@code dark blue},
 * {@code blue} and {@code light blue} are all blue), which is reported apart, never as the match.
 */
public final class ColourAdherence {
  /** The colours the prompts ask for: well separated names of {@link ColorNames}. */
  public static final List<String> COLOURS =
      List.of(
          "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink", "brown", "black",
          "white", "gray");

  private static final List<String> TEXTS_EN =
      List.of(
          "OPEN",
          "SALE",
          "FRESH",
          "NEW ARRIVALS",
          "Hello",
          "BIG DEAL",
          "Coffee",
          "SUMMER",
          "Book Club",
          "GRAND OPENING",
          "50% OFF",
          "Thank You");

  private static final List<String> TEXTS_ZH =
      List.of("开业大吉", "新品上市", "限时特惠", "欢迎光临", "春节快乐", "咖啡");

  private ColourAdherence() {}

  /**
   * One prompt of the set.
   *
   * @param id {@code colour-NNN}
   * @param colour the English name asked for
   */
  public record Prompt(String id, String prompt, String colour, String lang, String text) {}

  /**
   * {@code count} prompts, the same for the same seed: colours taken in turn (so every colour is
   * asked for about equally often), one text each, English and Chinese wording alternating 3:1.
   */
  public static List<Prompt> prompts(int count, long seed) {
    if (count < 1 || count > 10_000) {
      throw new IllegalArgumentException("count must be 1..10000, got " + count);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    List<Prompt> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String colour = COLOURS.get(i % COLOURS.size());
      boolean zh = rng.nextInt(4) == 0;
      String id = String.format(Locale.ROOT, "colour-%03d", i);
      if (zh) {
        String text = TEXTS_ZH.get(rng.nextInt(TEXTS_ZH.size()));
        String name = zhName(colour);
        String prompt =
            switch (rng.nextInt(2)) {
              case 0 -> "一张写着“" + text + "”的海报，" + name + "背景";
              default -> name + "背景的招牌，文字为“" + text + "”";
            };
        out.add(new Prompt(id, prompt, colour, "zh", text));
      } else {
        String text = TEXTS_EN.get(rng.nextInt(TEXTS_EN.size()));
        String prompt =
            switch (rng.nextInt(3)) {
              case 0 -> "A poster that says '" + text + "' on a " + colour + " background";
              case 1 -> "A " + colour + " sign that reads '" + text + "'";
              default -> "'" + text + "' written against a " + colour + " backdrop";
            };
        out.add(new Prompt(id, prompt, colour, "en", text));
      }
    }
    return out;
  }

  private static String zhName(String en) {
    for (ColorNames.Named n : ColorNames.ALL) {
      if (n.en().equals(en)) {
        return n.zh();
      }
    }
    throw new IllegalStateException("no Chinese name for " + en);
  }

  /**
   * The dominant colour of {@code image} away from the ink of {@code mask} (8-bit, 255 = ink, the
   * image's size).
   *
   * @param margin pixels around any ink (value ≥ 32) that are not counted
   * @param step every {@code step}-th pixel in each direction is sampled
   * @return the name, or the name of the whole image's dominant colour when the text leaves no
   *     background to sample
   */
  public static Found dominantOutside(
      BufferedImage image, BufferedImage mask, int margin, int step) {
    ColorNames.AwayFromInk away = ColorNames.dominantAwayFromInk(image, mask, margin, step);
    if (away.counted() == 0) {
      ColorNames.Dominant d = ColorNames.dominant(image, step);
      return new Found(d.name().en(), d.share(), 0);
    }
    return new Found(away.name().en(), away.share(), away.counted());
  }

  /**
   * A found dominant colour.
   *
   * @param share the fraction of counted pixels with that name
   * @param counted how many pixels were counted (0: the whole image was used)
   */
  public record Found(String colour, double share, long counted) {}

  /** The hue family of a colour name: its last word ({@code dark blue} → {@code blue}). */
  public static String family(String colour) {
    String f = colour.substring(colour.lastIndexOf(' ') + 1);
    return switch (f) {
      case "cream", "beige" -> "white";
      case "gold" -> "yellow";
      case "cyan" -> "teal";
      case "lavender", "magenta" -> "purple";
      default -> f;
    };
  }
}
