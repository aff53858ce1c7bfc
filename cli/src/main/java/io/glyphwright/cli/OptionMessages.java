package io.glyphwright.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator's range and lookup messages name request fields ({@code steps must be 1..200},
 * {@code promptGuidance applies to …}); on the command line they name the options instead.
 */
final class OptionMessages {
  /** A field's words in a message and the option's words that replace them. */
  private record Name(Pattern field, String option) {
    Name(String field, String option) {
      // Not inside a longer name: "guidance must" is not the end of "--prompt-guidance must".
      this(Pattern.compile("(?<![\\w-])" + Pattern.quote(field)), Matcher.quoteReplacement(option));
    }
  }

  private static final List<Name> NAMES =
      List.of(
          new Name("promptGuidance", "--prompt-guidance"),
          new Name("steps must", "--steps must"),
          new Name("guidance must", "--guidance must"),
          new Name("unknown scheduler", "unknown --scheduler"),
          new Name("unknown guidance mode", "unknown --guidance-mode"),
          new Name("n (images) must", "--n must"),
          new Name("bestOf (candidates per image) must", "--best-of must"),
          new Name("prompt must", "--prompt must"));

  private OptionMessages() {}

  /** {@code message} with every request field it names replaced by its option. */
  static String withOptionNames(String message) {
    String out = message;
    for (Name n : NAMES) {
      out = n.field().matcher(out).replaceAll(n.option());
    }
    return out;
  }
}
