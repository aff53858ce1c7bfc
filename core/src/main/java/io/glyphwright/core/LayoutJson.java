package io.glyphwright.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The canonical JSON form of a layout (what the API returns):
 *
 * <pre>{"width":512,"height":512,"grid":128,
 *  "lines":[{"text":"SALE","box":[12,20,116,44],"font":"auto","color":null,
 *            "chars":[{"c":"S","box":[50,83,79,170]}]}]}</pre>
 *
 * Printing is compact with fields in that order, so that reading and printing the printed form
 * gives back the same bytes.
 */
public final class LayoutJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Set<String> LAYOUT_FIELDS = Set.of("width", "height", "grid", "lines");
  private static final Set<String> LINE_FIELDS = Set.of("text", "box", "font", "color", "chars");
  private static final Set<String> CHAR_FIELDS = Set.of("c", "box");

  private LayoutJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  public static String print(Layout layout) {
    return MAPPER.writeValueAsString(toTree(layout));
  }

  public static ObjectNode toTree(Layout layout) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("width", layout.width());
    root.put("height", layout.height());
    root.put("grid", layout.grid());
    ArrayNode lines = root.putArray("lines");
    for (TextLine line : layout.lines()) {
      ObjectNode l = lines.addObject();
      l.put("text", line.text());
      putBox(l, line.box());
      l.put("font", line.font());
      if (line.color() == null) {
        l.putNull("color");
      } else {
        l.put("color", line.color());
      }
      ArrayNode chars = l.putArray("chars");
      for (CharBox cb : line.chars()) {
        ObjectNode c = chars.addObject();
        c.put("c", cb.c());
        putBox(c, cb.box());
      }
    }
    return root;
  }

  private static void putBox(ObjectNode node, Box box) {
    node.putArray("box").add(box.left()).add(box.top()).add(box.right()).add(box.bottom());
  }

  /**
   * Reads a layout and checks it against the rules.
   *
   * @throws LayoutException saying which field or line is wrong
   */
  public static Layout parse(String json, LayoutLimits limits) {
    return LayoutRules.requireValid(parseUnchecked(json), limits);
  }

  public static Layout parse(String json) {
    return parse(json, LayoutLimits.DEFAULT);
  }

  /** Reads a layout, checking its shape and types but not the layout rules. */
  public static Layout parseUnchecked(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new LayoutException("the layout is not valid JSON: " + e.getOriginalMessage());
    }
    return fromTree(root);
  }

  public static Layout fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new LayoutException(
          "a layout is a JSON object with width, height, grid and lines fields");
    }
    rejectUnknown(root, LAYOUT_FIELDS, "the layout");
    int width = requiredInt(root, "width", "the layout");
    int height = requiredInt(root, "height", "the layout");
    int grid = root.has("grid") ? requiredInt(root, "grid", "the layout") : Layout.DEFAULT_GRID;
    JsonNode linesNode = root.get("lines");
    if (linesNode == null || !linesNode.isArray()) {
      throw new LayoutException("the layout needs a 'lines' array");
    }
    new Canvas(width, height);
    List<TextLine> lines = new ArrayList<>();
    for (int i = 0; i < linesNode.size(); i++) {
      lines.add(readLine(linesNode.get(i), i + 1));
    }
    return new Layout(width, height, grid, lines);
  }

  private static TextLine readLine(JsonNode node, int lineNo) {
    String where = "lines[" + (lineNo - 1) + "]";
    if (!node.isObject()) {
      throw new LayoutException(lineNo, where + " must be an object with text and box");
    }
    rejectUnknown(node, LINE_FIELDS, where);
    JsonNode text = node.get("text");
    if (text == null || !text.isString()) {
      throw new LayoutException(lineNo, where + ".text must be a string");
    }
    Box box = readBox(node.get("box"), where + ".box", lineNo);
    String font = optionalString(node, "font", where, lineNo);
    String color = optionalString(node, "color", where, lineNo);
    if (color != null && !color.matches("#[0-9A-Fa-f]{6}")) {
      throw new LayoutException(
          lineNo, where + ".color '" + color + "' must be #RRGGBB (e.g. #FF8800) or null");
    }
    List<CharBox> chars = new ArrayList<>();
    JsonNode charsNode = node.get("chars");
    if (charsNode != null && !charsNode.isNull()) {
      if (!charsNode.isArray()) {
        throw new LayoutException(lineNo, where + ".chars must be an array");
      }
      for (int k = 0; k < charsNode.size(); k++) {
        chars.add(readChar(charsNode.get(k), where + ".chars[" + k + "]", lineNo));
      }
    }
    return new TextLine(text.stringValue(), box, font, color, chars);
  }

  private static CharBox readChar(JsonNode node, String where, int lineNo) {
    if (!node.isObject()) {
      throw new LayoutException(lineNo, where + " must be an object with c and box");
    }
    rejectUnknown(node, CHAR_FIELDS, where);
    JsonNode c = node.get("c");
    if (c == null
        || !c.isString()
        || c.stringValue().codePointCount(0, c.stringValue().length()) != 1) {
      throw new LayoutException(lineNo, where + ".c must be a string of one character");
    }
    return new CharBox(c.stringValue(), readBox(node.get("box"), where + ".box", lineNo));
  }

  private static Box readBox(JsonNode node, String where, int lineNo) {
    if (node == null || !node.isArray() || node.size() != 4) {
      throw new LayoutException(lineNo, where + " must be an array of four integers [l,t,r,b]");
    }
    int[] v = new int[4];
    for (int k = 0; k < 4; k++) {
      JsonNode n = node.get(k);
      if (!n.isInt()) {
        throw new LayoutException(
            lineNo, where + "[" + k + "] is " + n + ", not an integer: use whole numbers");
      }
      v[k] = n.intValue();
    }
    return new Box(v[0], v[1], v[2], v[3]);
  }

  private static int requiredInt(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isInt()) {
      throw new LayoutException(where + " needs an integer '" + field + "'");
    }
    return v.intValue();
  }

  private static String optionalString(JsonNode node, String field, String where, int lineNo) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw new LayoutException(lineNo, where + "." + field + " must be a string or null");
    }
    return v.stringValue();
  }

  private static void rejectUnknown(JsonNode node, Set<String> known, String where) {
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      String name = it.next().getKey();
      if (!known.contains(name)) {
        throw new LayoutException(
            where + " has an unknown field '" + name + "'; known fields: " + known);
      }
    }
  }
}
