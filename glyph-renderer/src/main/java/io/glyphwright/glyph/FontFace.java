package io.glyphwright.glyph;

import java.awt.Font;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One installed font face.
 *
 * @param id the registry's stable short id ({@code noto-sans-cjk-sc}, {@code bebas-neue}, ...)
 * @param name the face's full name (English), e.g. {@code Noto Sans CJK SC Bold}
 * @param family the face's family name (English) as the font file declares it
 * @param postScriptName the face's PostScript name, e.g. {@code NotoSansCJKsc-Bold}
 * @param file the font file (.ttf, .otf or .ttc)
 * @param index the face's position inside {@code file} (0 unless the file is a collection)
 * @param font the face at size 1; {@link Font} is immutable, so it may be shared across threads
 */
public record FontFace(
    String id, String name, String family, String postScriptName, Path file, int index, Font font) {

  public FontFace {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(postScriptName, "postScriptName");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(font, "font");
  }

  /** True when this face has a glyph for {@code codePoint}. */
  public boolean canDisplay(int codePoint) {
    return font.canDisplay(codePoint);
  }

  @Override
  public String toString() {
    return id + " (" + name + ", " + file + (index > 0 ? "#" + index : "") + ")";
  }
}
