package io.glyphwright.diffusion.sampling;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What part of a prompt the UNet's text encoder sees. A model is trained with one of these and its
 * package says which ({@link DenoiserSpec#promptText}); the generator applies the same one.
 *
 * <p>The text a prompt quotes is already in the glyph mask, and in a pooled embedding its tokens
 * outweigh the few words that describe the picture: on the corpus's English captions that name
 * their background colour, a nearest-centroid check on the pooled embedding names that colour for
 * 42 % with the quoted text kept and 68 % without it (Chinese: 81 % and 89 %; docs/MODELS.md).
 */
public enum PromptText {
  /** The prompt as written. */
  FULL("full"),
  /**
   * The prompt without its quoted spans ({@code "…"}, {@code “…”}, {@code ‘…’}, {@code 「…」}, {@code
   * 『…』}, and {@code '…'} where the quote marks are not inside a word, so "Mom's" stays).
   */
  WITHOUT_QUOTED_TEXT("without-quoted-text");

  private static final Pattern QUOTED =
      Pattern.compile(
          "\"[^\"]*\"|“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』"
              + "|(?<![\\p{L}\\p{N}])'[^']*'(?![\\p{L}\\p{N}])");

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final String id;

  PromptText(String id) {
    this.id = id;
  }

  /** The name used in model packages and on the command line. */
  public String id() {
    return id;
  }

  /** Every value's {@link #id}, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(PromptText::id).toList();
  }

  /**
   * The value named {@code name} (case ignored).
   *
   * @throws IllegalArgumentException naming the known values
   */
  public static PromptText lookup(String name) {
    for (PromptText p : values()) {
      if (p.id.equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown prompt text '" + name + "'; known: " + String.join(", ", ids()));
  }

  /**
   * The value a package or a run recorded: {@link #lookup} of {@code id}, or {@link #FULL} when
   * nothing was recorded (packages and runs from before the setting saw the whole prompt).
   */
  public static PromptText recorded(String id) {
    return id == null ? FULL : lookup(id);
  }

  /** The text the encoder sees of {@code prompt} (null stays null). */
  public String apply(String prompt) {
    if (prompt == null || this == FULL) {
      return prompt;
    }
    return withoutQuotedText(prompt);
  }

  /**
   * {@code prompt} with every quoted span, quote marks included, taken out and runs of white space
   * made one space; blank when nothing but quoted text was there.
   */
  public static String withoutQuotedText(String prompt) {
    String out = QUOTED.matcher(prompt).replaceAll(" ");
    return SPACES.matcher(out).replaceAll(" ").strip();
  }
}
