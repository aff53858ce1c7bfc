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
  TEXT_AND_GLYPHS("text+glyphs");

  private final String id;

  GuidanceMode(String id) {
    this.id = id;
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
   * The mode named {@code name}: {@code text} or {@code text+glyphs} (case ignored; {@code
   * text_and_glyphs} also accepted).
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
