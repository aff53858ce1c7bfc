package io.glyphwright.layout.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.glyphwright.core.Canvas;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The few-shot chat that asks an LLM for a layout in TextDiffuser-2's format: a system message
 * explaining the grid, the format and the rules, four worked examples (user turn, assistant turn),
 * then the request: canvas size, the user's prompt and the texts to place.
 *
 * <p>The examples' boxes have the shape the renderer gives their texts (ink aspect measured from
 * the project's fonts, converted to grid cells of the example's canvas), so the model learns shapes
 * that fill well; a test checks them.
 */
final class LayoutPrompt {
  private LayoutPrompt() {}

  static final String SYSTEM =
      """
      You are the layout planner of a text-to-image system, as in TextDiffuser-2. Given an image \
      description and the texts it must show, you decide where each text goes.

      A 128 x 128 grid covers the canvas whatever its pixel size: x runs from 0 (left edge) to \
      128 (right edge), y from 0 (top edge) to 128 (bottom edge). A grid cell is (canvas width / \
      128) pixels wide and (canvas height / 128) pixels tall, so cells are not square on a canvas \
      that is not square.

      Answer with one line per text, in reading order, and nothing else:
      <text> l,t,r,b
      where l,t,r,b are integers on the grid: the left, top, right and bottom edges of the \
      text's box, with 0 <= l < r <= 128 and 0 <= t < b <= 128. Example line: SALE 40,20,88,36

      Rules:
      - Place every text listed under "Texts" exactly once, copied character for character \
      (same case, punctuation and spaces). Add no other text.
      - One text per line: never split a text over two lines, never join two texts.
      - Boxes must not overlap. Keep about 8 cells of margin from the canvas edges.
      - Shape each box to its text: at the box's height, the text's letters should just fill \
      its width. A short word in big letters gets a tall box; a long phrase gets a wide, flat \
      box. Chinese and Japanese characters are about as wide as they are tall.
      - The first text is usually the headline: make it the largest. Secondary texts are \
      smaller. Leave room for the picture the description asks for.
      - Write no explanations, no numbering, no code fences.""";

  /** A worked example: the request as the user turn gives it, the answer the model should give. */
  record Example(String prompt, Canvas canvas, List<String> texts, String layout) {}

  static final List<Example> EXAMPLES =
      List.of(
          new Example(
              "A vintage jazz night poster with a saxophone, that says 'JAZZ NIGHT',"
                  + " 'Friday 9 PM' and 'Blue Room'",
              new Canvas(512, 512),
              List.of("JAZZ NIGHT", "Friday 9 PM", "Blue Room"),
              """
              JAZZ NIGHT 16,12,112,24
              Friday 9 PM 46,28,81,34
              Blue Room 43,104,85,110"""),
          new Example(
              "A book cover titled 'The Silent Orchard' by Mara Quinn, an apple tree in fog",
              new Canvas(512, 768),
              List.of("The Silent Orchard", "Mara Quinn"),
              """
              The Silent Orchard 19,20,110,25
              Mara Quinn 47,108,82,112"""),
          new Example(
              "An e-commerce banner for wireless earbuds with the texts 'FLASH DEAL', 'Wireless"
                  + " Earbuds' and '$29.99', the product photo on the right",
              new Canvas(1024, 512),
              List.of("FLASH DEAL", "Wireless Earbuds", "$29.99"),
              """
              FLASH DEAL 10,24,80,40
              Wireless Earbuds 10,48,61,57
              $29.99 10,70,39,86"""),
          new Example(
              "一张红色的春节海报，写着'新年快乐'和'2025'，有灯笼",
              new Canvas(512, 512),
              List.of("新年快乐", "2025"),
              """
              新年快乐 18,30,109,52
              2025 48,60,79,70"""));

  /** The whole chat: system message, the examples, then the request. */
  static List<ChatMessage> messages(String prompt, Canvas canvas, List<String> texts) {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(SYSTEM));
    for (Example e : EXAMPLES) {
      messages.add(UserMessage.from(request(e.prompt(), e.canvas(), e.texts())));
      messages.add(AiMessage.from(e.layout()));
    }
    messages.add(UserMessage.from(request(prompt, canvas, texts)));
    return messages;
  }

  /** One user turn: canvas, prompt and the texts to place, one per line. */
  static String request(String prompt, Canvas canvas, List<String> texts) {
    StringBuilder out = new StringBuilder();
    out.append("Canvas: ")
        .append(canvas.width())
        .append(" x ")
        .append(canvas.height())
        .append(" pixels; one grid cell is ")
        .append(cell(canvas.width()))
        .append(" x ")
        .append(cell(canvas.height()))
        .append(" pixels.\n");
    out.append("Description: ").append(visible(prompt)).append('\n');
    out.append("Texts (place each exactly once, verbatim):\n");
    for (String t : texts) {
      out.append(t).append('\n');
    }
    return out.toString();
  }

  private static String cell(int side) {
    return new BigDecimal(side)
        .divide(BigDecimal.valueOf(128), 2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  /** The prompt with control characters other than line breaks and tabs made spaces. */
  private static String visible(String prompt) {
    StringBuilder out = new StringBuilder(prompt.length());
    prompt
        .codePoints()
        .forEach(
            cp -> {
              boolean keep = cp == '\n' || cp == '\t' || !Character.isISOControl(cp);
              out.appendCodePoint(keep ? cp : ' ');
            });
    return out.toString().strip();
  }
}
