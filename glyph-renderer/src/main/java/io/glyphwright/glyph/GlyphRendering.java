package io.glyphwright.glyph;

import io.glyphwright.core.Layout;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What {@link GlyphRenderer#render} produces for one layout. The images are new for each call and
 * belong to the caller.
 *
 * @param mask {@link BufferedImage#TYPE_BYTE_GRAY}, canvas size: 255 = ink, antialiased, 0 =
 *     background
 * @param charseg {@link BufferedImage#TYPE_USHORT_GRAY}, canvas size: value k = index (1-based) of
 *     the character in reading order (non-space characters counted across all lines in line order),
 *     0 = background; not antialiased
 * @param layout the input layout with every line's {@code chars} filled: one box per non-space
 *     character, in canvas pixels, from the glyph outline
 * @param lines how each line was set, in line order
 */
public record GlyphRendering(
    BufferedImage mask, BufferedImage charseg, Layout layout, List<LineSetting> lines) {

  public GlyphRendering {
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(charseg, "charseg");
    Objects.requireNonNull(layout, "layout");
    lines = List.copyOf(lines);
  }
}
