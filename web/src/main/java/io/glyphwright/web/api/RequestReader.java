package io.glyphwright.web.api;

import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.LayoutException;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.core.LayoutLimits;
import io.glyphwright.core.LayoutRules;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.FontRegistry;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.PromptException;
import io.glyphwright.web.config.GlyphwrightProperties;
import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Turns request fields into checked domain values under the configured limits ({@code
 * glyphwright.limits.*}). Each refusal names the field and the limit.
 */
@Component
public class RequestReader {
  private final GlyphwrightProperties.Limits limits;
  private final LayoutLimits layoutLimits;
  private final FontRegistry fonts;

  public RequestReader(GlyphwrightProperties props, GlyphRenderer renderer) {
    this.limits = props.limits();
    this.layoutLimits = new LayoutLimits(limits.maxLines(), limits.maxTextLength());
    this.fonts = renderer.registry();
  }

  public LayoutLimits layoutLimits() {
    return layoutLimits;
  }

  public GlyphwrightProperties.Limits limits() {
    return limits;
  }

  String sideHint() {
    return "pixels, " + limits.minSide() + " to " + limits.maxSide();
  }

  /** The {@code width} and {@code height} fields. */
  Canvas canvas(JsonRequest r) {
    int width = r.requiredInt("width", "the image width in " + sideHint());
    int height = r.requiredInt("height", "the image height in " + sideHint());
    return canvas(width, height);
  }

  Canvas canvas(int width, int height) {
    JsonRequest.inRange(
        "width",
        width,
        limits.minSide(),
        limits.maxSide(),
        "pixels",
        "glyphwright.limits.max-side");
    JsonRequest.inRange(
        "height",
        height,
        limits.minSide(),
        limits.maxSide(),
        "pixels",
        "glyphwright.limits.max-side");
    return new Canvas(width, height);
  }

  /** The {@code prompt} field: present, not blank, within the length limit. */
  String prompt(JsonRequest r) {
    return prompt(
        r.requiredString(
            "prompt",
            "a description of the image with the texts to show in quotes, e.g. " + EXAMPLE));
  }

  static final String EXAMPLE = "\"A poster that says 'SUMMER SALE' and '50% OFF'\"";

  String prompt(String prompt) {
    if (prompt.isBlank()) {
      throw ApiProblem.field(
          ProblemType.INVALID_PROMPT,
          "prompt",
          "the prompt is empty: describe the image and quote the texts to show, e.g. " + EXAMPLE);
    }
    int length = prompt.codePointCount(0, prompt.length());
    if (length > limits.maxPromptLength()) {
      throw ApiProblem.field(
          ProblemType.INVALID_PROMPT,
          "prompt",
          "the prompt has "
              + length
              + " characters, more than the limit of "
              + limits.maxPromptLength()
              + " (glyphwright.limits.max-prompt-length): shorten it");
    }
    return prompt;
  }

  /**
   * A layout in its JSON form, checked against the limits, the layout rules and the installed
   * fonts.
   */
  Layout layout(JsonNode node) {
    Layout layout;
    try {
      layout = LayoutJson.fromTree(node);
    } catch (LayoutException e) {
      throw ApiProblem.field(ProblemType.INVALID_LAYOUT, "layout", "layout: " + e.getMessage());
    }
    canvas(layout.width(), layout.height());
    if (layout.grid() != Layout.DEFAULT_GRID) {
      throw ApiProblem.field(
          ProblemType.INVALID_LAYOUT,
          "layout",
          "layout: grid "
              + layout.grid()
              + " is not supported: use grid "
              + Layout.DEFAULT_GRID
              + " (TextDiffuser-2's planner grid)");
    }
    List<TextLine> lines = layout.lines();
    if (lines.size() > limits.maxLines()) {
      throw ApiProblem.field(
          ProblemType.TOO_MANY_LINES,
          "layout",
          "the layout has "
              + lines.size()
              + " lines, more than the limit of "
              + limits.maxLines()
              + " (glyphwright.limits.max-lines): merge or drop lines");
    }
    for (int i = 0; i < lines.size(); i++) {
      TextLine line = lines.get(i);
      int length = line.text().codePointCount(0, line.text().length());
      if (length > limits.maxTextLength()) {
        throw ApiProblem.field(
            ProblemType.TEXT_TOO_LONG,
            "layout",
            "line "
                + (i + 1)
                + ": the text has "
                + length
                + " characters, more than the limit of "
                + limits.maxTextLength()
                + " (glyphwright.limits.max-text-length): split it over several lines");
      }
      if (!line.font().equals(TextLine.AUTO_FONT) && fonts.find(line.font()).isEmpty()) {
        throw ApiProblem.field(
            ProblemType.UNKNOWN_FONT,
            "layout",
            "line "
                + (i + 1)
                + ": font '"
                + line.font()
                + "' is not installed: use auto or one of "
                + fonts.ids()
                + " (GET /v1/models lists them)");
      }
    }
    try {
      return LayoutRules.requireValid(layout, layoutLimits);
    } catch (LayoutException e) {
      throw ApiProblem.field(ProblemType.INVALID_LAYOUT, "layout", "layout: " + e.getMessage());
    }
  }

  /** Maps a planner's prompt refusal to a problem on the {@code prompt} field. */
  static ApiProblem promptProblem(PromptException e) {
    return ApiProblem.field(ProblemType.INVALID_PROMPT, "prompt", e.getMessage());
  }
}
