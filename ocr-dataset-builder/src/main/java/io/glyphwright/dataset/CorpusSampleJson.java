package io.glyphwright.dataset;

import io.glyphwright.core.Box;
import io.glyphwright.core.CharBox;
import io.glyphwright.core.LayoutJson;
import io.glyphwright.ocr.Quad;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code KEY.json} form of a {@link CorpusSample}:
 *
 * <pre>{"key":"...","width":512,"height":512,"caption":"...","source":"...",
 *  "ocr":{"engine":"ppocr-v4","lines":[{"text":"SALE","quad":[x1,y1,x2,y2,x3,y3,x4,y4],
 *         "box":[l,t,r,b],"conf":0.98,"chars":[{"c":"S","box":[l,t,r,b]}]}]},
 *  "layout":"SALE 12,20,60,44\n","filters":{"passed":true,"reasons":[]},
 *  "background":{"color":"dark blue","rgb":"#1c2a4f","kind":"linear-gradient"}}</pre>
 *
 * Printing is compact, fields in that order ({@code background} only when known), so the same
 * sample always gives the same bytes. Reading ignores fields it does not know, so that readers keep
 * working when writers add extensions.
 */
public final class CorpusSampleJson {
  private static final JsonMapper MAPPER = LayoutJson.mapper();

  private CorpusSampleJson() {}

  public static String print(CorpusSample sample) {
    return MAPPER.writeValueAsString(toTree(sample));
  }

  public static ObjectNode toTree(CorpusSample s) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("key", s.key());
    root.put("width", s.width());
    root.put("height", s.height());
    root.put("caption", s.caption());
    root.put("source", s.source());
    ObjectNode ocr = root.putObject("ocr");
    ocr.put("engine", s.ocr().engine());
    ArrayNode lines = ocr.putArray("lines");
    for (CorpusLine line : s.ocr().lines()) {
      ObjectNode l = lines.addObject();
      l.put("text", line.text());
      ArrayNode quad = l.putArray("quad");
      line.quad().toList().forEach(quad::add);
      putBox(l, line.box());
      l.put("conf", line.conf());
      ArrayNode chars = l.putArray("chars");
      for (CharBox cb : line.chars()) {
        ObjectNode c = chars.addObject();
        c.put("c", cb.c());
        putBox(c, cb.box());
      }
    }
    root.put("layout", s.layout());
    ObjectNode filters = root.putObject("filters");
    filters.put("passed", s.filters().passed());
    ArrayNode reasons = filters.putArray("reasons");
    s.filters().reasons().forEach(reasons::add);
    if (s.background() != null) {
      ObjectNode bg = root.putObject("background");
      bg.put("color", s.background().color());
      bg.put("rgb", s.background().rgb());
      bg.put("kind", s.background().kind());
    }
    return root;
  }

  private static void putBox(ObjectNode node, Box box) {
    node.putArray("box").add(box.left()).add(box.top()).add(box.right()).add(box.bottom());
  }

  /**
   * Reads a sample.
   *
   * @throws IllegalArgumentException naming the field that is missing or has the wrong type
   */
  public static CorpusSample parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "the sample metadata is not valid JSON: " + e.getOriginalMessage());
    }
    return fromTree(root);
  }

  public static CorpusSample fromTree(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("sample metadata must be a JSON object");
    }
    String key = text(root, "key", "the sample");
    String where = "sample " + key;
    JsonNode ocrNode = object(root, "ocr", where);
    JsonNode linesNode = array(ocrNode, "lines", where + " ocr");
    List<CorpusLine> lines = new ArrayList<>();
    for (int i = 0; i < linesNode.size(); i++) {
      lines.add(readLine(linesNode.get(i), where + " ocr.lines[" + i + "]"));
    }
    JsonNode filtersNode = object(root, "filters", where);
    JsonNode reasonsNode = array(filtersNode, "reasons", where + " filters");
    List<String> reasons = new ArrayList<>();
    for (JsonNode r : reasonsNode) {
      if (!r.isString()) {
        throw new IllegalArgumentException(where + ": filters.reasons holds a non-string");
      }
      reasons.add(r.stringValue());
    }
    JsonNode passed = filtersNode.get("passed");
    if (passed == null || !passed.isBoolean()) {
      throw new IllegalArgumentException(where + ": filters.passed must be true or false");
    }
    BackgroundInfo background = null;
    JsonNode bg = root.get("background");
    if (bg != null && !bg.isNull()) {
      String bw = where + " background";
      if (!bg.isObject()) {
        throw new IllegalArgumentException(bw + " must be an object with color, rgb and kind");
      }
      background =
          new BackgroundInfo(text(bg, "color", bw), text(bg, "rgb", bw), text(bg, "kind", bw));
    }
    return new CorpusSample(
        key,
        integer(root, "width", where),
        integer(root, "height", where),
        text(root, "caption", where),
        text(root, "source", where),
        new CorpusOcr(text(ocrNode, "engine", where + " ocr"), lines),
        text(root, "layout", where),
        new FilterVerdict(passed.booleanValue(), reasons),
        background);
  }

  private static CorpusLine readLine(JsonNode node, String where) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    JsonNode quadNode = array(node, "quad", where);
    if (quadNode.size() != 8) {
      throw new IllegalArgumentException(where + ".quad must hold eight integers");
    }
    List<Integer> xy = new ArrayList<>(8);
    for (JsonNode v : quadNode) {
      xy.add(intValue(v, where + ".quad"));
    }
    JsonNode conf = node.get("conf");
    if (conf == null || !conf.isNumber()) {
      throw new IllegalArgumentException(where + ".conf must be a number");
    }
    JsonNode charsNode = array(node, "chars", where);
    List<CharBox> chars = new ArrayList<>(charsNode.size());
    for (int k = 0; k < charsNode.size(); k++) {
      JsonNode c = charsNode.get(k);
      String cw = where + ".chars[" + k + "]";
      if (!c.isObject()) {
        throw new IllegalArgumentException(cw + " must be an object with c and box");
      }
      chars.add(new CharBox(text(c, "c", cw), box(c, cw)));
    }
    return new CorpusLine(
        text(node, "text", where), Quad.of(xy), box(node, where), conf.doubleValue(), chars);
  }

  private static Box box(JsonNode node, String where) {
    JsonNode b = array(node, "box", where);
    if (b.size() != 4) {
      throw new IllegalArgumentException(where + ".box must hold four integers l,t,r,b");
    }
    return new Box(
        intValue(b.get(0), where + ".box"),
        intValue(b.get(1), where + ".box"),
        intValue(b.get(2), where + ".box"),
        intValue(b.get(3), where + ".box"));
  }

  private static int intValue(JsonNode v, String where) {
    if (!v.isInt()) {
      throw new IllegalArgumentException(where + " holds " + v + ", not an integer");
    }
    return v.intValue();
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString()) {
      throw new IllegalArgumentException(where + " needs a string '" + field + "'");
    }
    return v.stringValue();
  }

  private static int integer(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isInt()) {
      throw new IllegalArgumentException(where + " needs an integer '" + field + "'");
    }
    return v.intValue();
  }

  private static JsonNode object(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw new IllegalArgumentException(where + " needs an object '" + field + "'");
    }
    return v;
  }

  private static JsonNode array(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalArgumentException(where + " needs an array '" + field + "'");
    }
    return v;
  }
}
