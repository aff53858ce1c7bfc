package io.glyphwright.layout.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.glyphwright.core.Box;
import io.glyphwright.core.Canvas;
import io.glyphwright.core.Layout;
import io.glyphwright.core.Td2Format;
import io.glyphwright.core.TextLine;
import io.glyphwright.glyph.GlyphRenderer;
import io.glyphwright.layout.RequestedTexts;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutPromptTest {
  private static final GlyphRenderer MEASURER = GlyphRenderer.system();

  @Test
  void everyExampleIsAValidLayoutOfExactlyItsPromptsTexts() {
    for (LayoutPrompt.Example e : LayoutPrompt.EXAMPLES) {
      Layout layout = Td2Format.parse(e.layout(), e.canvas());
      assertEquals(e.texts(), layout.lines().stream().map(TextLine::text).toList(), e.prompt());
      assertEquals(e.texts(), RequestedTexts.extract(e.prompt()).texts(), e.prompt());
      List<TextLine> lines = layout.lines();
      for (int i = 0; i < lines.size(); i++) {
        for (int j = i + 1; j < lines.size(); j++) {
          assertFalse(lines.get(i).box().intersects(lines.get(j).box()), e.prompt());
        }
      }
    }
  }

  /** The examples teach box shapes the renderer fills: pixel aspect within 15 % of the ink's. */
  @Test
  void exampleBoxesHaveTheShapeOfTheirTextsInk() {
    for (LayoutPrompt.Example e : LayoutPrompt.EXAMPLES) {
      Layout layout = Td2Format.parse(e.layout(), e.canvas());
      for (TextLine line : layout.lines()) {
        Box px = layout.toPixels(line.box());
        double aspect = (double) px.width() / px.height();
        double ink = MEASURER.inkAspect(line.text(), "auto");
        assertTrue(
            Math.abs(aspect / ink - 1) < 0.15,
            line.text() + ": box aspect " + aspect + ", ink aspect " + ink);
      }
    }
  }

  @Test
  void theChatIsSystemThenExamplePairsThenTheRequest() {
    List<ChatMessage> chat =
        LayoutPrompt.messages("A sign that says 'OPEN'", new Canvas(1000, 600), List.of("OPEN"));
    assertEquals(2 + 2 * LayoutPrompt.EXAMPLES.size(), chat.size());
    assertTrue(chat.get(0) instanceof SystemMessage);
    for (int i = 1; i < chat.size() - 1; i += 2) {
      assertTrue(chat.get(i) instanceof UserMessage);
      assertTrue(chat.get(i + 1) instanceof AiMessage);
    }
    assertEquals(
        "Canvas: 1000 x 600 pixels; one grid cell is 7.81 x 4.69 pixels.\n"
            + "Description: A sign that says 'OPEN'\n"
            + "Texts (place each exactly once, verbatim):\n"
            + "OPEN\n",
        ((UserMessage) chat.get(chat.size() - 1)).singleText());
  }

  @Test
  void controlCharactersInThePromptBecomeSpaces() {
    String request =
        LayoutPrompt.request(
            "say\u0000 'HI'\u001b[0m\nplease", new Canvas(512, 512), List.of("HI"));
    assertTrue(request.contains("Description: say  'HI' [0m\nplease\n"), request);
  }
}
