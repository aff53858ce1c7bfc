package io.glyphwright.core;

import java.util.List;
import java.util.Objects;

/**
 * One line of text in a layout.
 *
 * @param text the characters to draw, in reading order
 * @param box where the line goes, in grid units
 * @param font a face name or id from the font registry, or {@code "auto"} to pick one by script
 * @param color {@code #RRGGBB}, or null when the generator chooses
 * @param chars per-character pixel boxes filled in by the renderer; empty before rendering
 */
public record TextLine(String text, Box box, String font, String color, List<CharBox> chars) {
  public static final String AUTO_FONT = "auto";

  public TextLine {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(box, "box");
    font = font == null || font.isBlank() ? AUTO_FONT : font;
    chars = chars == null ? List.of() : List.copyOf(chars);
  }

  /** A line with the automatic font, no colour and no character boxes yet. */
  public TextLine(String text, Box box) {
    this(text, box, AUTO_FONT, null, List.of());
  }

  public TextLine withBox(Box newBox) {
    return new TextLine(text, newBox, font, color, chars);
  }

  public TextLine withChars(List<CharBox> newChars) {
    return new TextLine(text, box, font, color, newChars);
  }
}
