package io.glyphwright.dataset.synth;

import java.util.List;
import java.util.Objects;

/**
 * What a synthetic poster says, before it is laid out: its kind and its lines in order.
 *
 * @param kind what sort of picture it is (decides the recipe and the captions)
 * @param items the lines, headline first
 */
public record PosterText(Kind kind, List<Item> items) {
  public PosterText {
    Objects.requireNonNull(kind, "kind");
    items = List.copyOf(items);
  }

  /** The sort of picture. */
  public enum Kind {
    SALE,
    PRODUCT,
    BOOK,
    EVENT,
    SIGN,
    POSTER
  }

  /** How large a line is set. */
  public enum Role {
    HEADLINE,
    SUBHEAD,
    DETAIL
  }

  /** What a line's text is, so captions can name it ("book cover titled X by Y"). */
  public enum Slot {
    OFFER,
    PRICE,
    PERCENT,
    PRODUCT,
    BRAND,
    TITLE,
    AUTHOR,
    SLOGAN,
    DATE
  }

  /**
   * One line.
   *
   * @param text the text to draw
   * @param role how large it is set
   * @param slot what it is
   * @param lang its language
   */
  public record Item(String text, Role role, Slot slot, Lang lang) {
    public Item {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(slot, "slot");
      Objects.requireNonNull(lang, "lang");
    }

    public Item withText(String newText) {
      return new Item(newText, role, slot, lang);
    }
  }
}
