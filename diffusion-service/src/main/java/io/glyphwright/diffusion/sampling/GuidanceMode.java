package io.glyphwright.diffusion.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the unconditional half of classifier-free guidance leaves out. Only use a mode whose
 * condition the model was trained to go without (condition dropout).
 */
public enum GuidanceMode {
  /** The unconditional pass has no prompt (or the negative prompt) but keeps the glyphs. */
  TEXT("text"),
  /**
   * The unconditional pass has no prompt and all-zero glyph channels, so guidance also pushes the
   * image towards the glyphs: the ink gains contrast and sharpness.
   */
  TEXT_AND_GLYPHS("text+glyphs"),
  /**
   * Guidance pushes towards the glyphs only and takes the prompt's effect once: three passes,
   * neither (no prompt, no glyphs), glyphs (no prompt), both, combined as {@code out = u + g·(u_g −
   * u) + (c − u_g)}. A prompt's colour then comes out as the model predicts it instead of {@code g}
   * times further from the unconditional one (which saturates or changes it); costs one pass more.
   */
  GLYPHS("glyphs");

  private final String id;

  GuidanceMode(String id) {
    this.id = id;
  }

  /** Network passes per image and step: 3 for {@link #GLYPHS}, else 2. */
  public int passes() {
    return this == GLYPHS ? 3 : 2;
  }

  /** The name used on the command line, in requests and in metadata. */
  public String id() {
    return id;
  }

  /** Every mode's {@link #id}, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(GuidanceMode::id).toList();
  }

  /**
   * The mode named {@code name}: {@code text}, {@code text+glyphs} or {@code glyphs} (case ignored;
   * {@code text_and_glyphs} also accepted).
   *
   * @throws IllegalArgumentException naming the known modes
   */
  public static GuidanceMode lookup(String name) {
    if (name != null) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      for (GuidanceMode m : values()) {
        if (m.id.equals(n) || m.name().toLowerCase(Locale.ROOT).equals(n)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown guidance mode '" + name + "'; known: " + String.join(", ", ids()));
  }
}
