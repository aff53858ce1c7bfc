package io.glyphwright.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutJsonTest {
  private static final String CANONICAL =
      "{\"width\":512,\"height\":512,\"grid\":128,\"lines\":[{\"text\":\"SUMMER SALE\","
          + "\"box\":[12,20,116,44],\"font\":\"auto\",\"color\":null,\"chars\":[{\"c\":\"S\","
          + "\"box\":[50,83,79,170]}]},{\"text\":\"出口\",\"box\":[10,60,40,80],"
          + "\"font\":\"noto-sans-cjk-sc\",\"color\":\"#FF8800\",\"chars\":[]}]}";

  @Test
  void canonicalJsonRoundTripsByteForByte() {
    Layout layout = LayoutJson.parse(CANONICAL);
    assertEquals(CANONICAL, LayoutJson.print(layout));
    assertEquals(layout, LayoutJson.parse(LayoutJson.print(layout)));
    TextLine first = layout.lines().get(0);
    assertEquals(List.of(new CharBox("S", new Box(50, 83, 79, 170))), first.chars());
    assertEquals("#FF8800", layout.lines().get(1).color());
  }

  @Test
  void optionalFieldsDefault() {
    Layout layout =
        LayoutJson.parse(
            "{\"width\":256,\"height\":384,\"lines\":[{\"text\":\"A\",\"box\":[1,2,3,4]}]}");
    assertEquals(128, layout.grid());
    assertEquals(new TextLine("A", new Box(1, 2, 3, 4)), layout.lines().get(0));
  }

  @Test
  void jsonAndTd2FormsAgree() {
    Layout layout = Td2Format.parse("SALE 12,20,60,44\n半价 20,50,60,70\n", new Canvas(512, 512));
    assertEquals(layout, LayoutJson.parse(LayoutJson.print(layout)));
    assertEquals(
        Td2Format.print(layout), Td2Format.print(LayoutJson.parse(LayoutJson.print(layout))));
  }

  @Test
  void badShapesSayWhichField() {
    assertMessage("not valid JSON", "{\"width\":");
    assertMessage("needs an integer 'width'", "{\"height\":512,\"lines\":[]}");
    assertMessage("needs a 'lines' array", "{\"width\":512,\"height\":512}");
    assertMessage(
        "line 1: lines[0].box[2] is 3.5, not an integer",
        "{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"A\",\"box\":[1,2,3.5,4]}]}");
    assertMessage(
        "lines[0].box must be an array of four integers",
        "{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"A\",\"box\":[1,2,3]}]}");
    assertMessage(
        "unknown field 'colour'",
        "{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"A\",\"box\":[1,2,3,4],\"colour\":\"red\"}]}");
    assertMessage(
        "must be #RRGGBB",
        "{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"A\",\"box\":[1,2,3,4],\"color\":\"red\"}]}");
    assertMessage("canvas width 0 is out of range", "{\"width\":0,\"height\":512,\"lines\":[]}");
    assertMessage(
        "line 1: box 1,2,300,4 is outside the grid",
        "{\"width\":512,\"height\":512,\"lines\":[{\"text\":\"A\",\"box\":[1,2,300,4]}]}");
  }

  private static void assertMessage(String expected, String json) {
    LayoutException e = assertThrows(LayoutException.class, () -> LayoutJson.parse(json));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }
}
