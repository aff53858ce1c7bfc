package io.glyphwright.glyph;

import io.glyphwright.core.Box;

/**
 * How the renderer set one line.
 *
 * @param faceId id of the line's face (the one {@code font} or {@code auto} chose; characters it
 *     lacks came from fallback faces)
 * @param fontSize the em size in pixels
 * @param vertical true when the line was set top to bottom, one character per cell
 * @param pixelBox the line's box in canvas pixels ({@code Layout.toPixels} of its grid box)
 * @param inkBox the union of the line's character boxes in canvas pixels; inside {@code pixelBox}
 */
public record LineSetting(
    String faceId, double fontSize, boolean vertical, Box pixelBox, Box inkBox) {}
