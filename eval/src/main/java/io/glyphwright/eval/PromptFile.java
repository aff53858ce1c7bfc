package io.glyphwright.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a prompt file: UTF-8, one JSON object a line, {@code {"id": "...", "prompt": "...",
 * "texts": ["...", ...], "lang": "en|zh|mixed"}}. Blank lines are skipped.
 *
 * <p>A bad line fails the whole file, and the message lists every bad line with its number: figures
 * measured over a silently smaller set would not compare with earlier runs, so nothing is skipped.
 */
public final class PromptFile {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Set<String> FIELDS = Set.of("id", "prompt", "texts", "lang");

  /** At most this many problems are spelled out in the message. */
  static final int MAX_LISTED = 5;

  private PromptFile() {}

  /**
   * Reads and checks a prompt file.
   *
   * @throws IllegalArgumentException when the file is missing, empty, or has bad lines (every bad
   *     line numbered in one message)
   */
  public static List<EvalPrompt> read(Path file) throws IOException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
              .toString();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "prompt file " + file + " does not exist: give a .jsonl file with one prompt a line");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + " is not UTF-8 text: save it as UTF-8");
    }
    return parse(text, file.toString());
  }

  /**
   * Parses prompt-file text; {@code name} is used in messages.
   *
   * @throws IllegalArgumentException as {@link #read} does
   */
  public static List<EvalPrompt> parse(String text, String name) {
    List<EvalPrompt> prompts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    String[] rows = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1);
    for (int i = 0; i < rows.length; i++) {
      int lineNo = i + 1;
      String row = rows[i].strip();
      if (row.isEmpty()) {
        continue;
      }
      try {
        EvalPrompt p = parseLine(row);
        Integer first = ids.putIfAbsent(p.id(), lineNo);
        if (first != null) {
          throw new IllegalArgumentException(
              "id '" + p.id() + "' is already used on line " + first + ": ids must be unique");
        }
        prompts.add(p);
      } catch (IllegalArgumentException e) {
        problems.add("line " + lineNo + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder msg =
          new StringBuilder(name)
              .append(" has ")
              .append(problems.size())
              .append(problems.size() == 1 ? " bad line" : " bad lines")
              .append(" (fix or remove them; nothing was evaluated): ");
      msg.append(String.join("; ", problems.subList(0, Math.min(MAX_LISTED, problems.size()))));
      if (problems.size() > MAX_LISTED) {
        msg.append("; and ").append(problems.size() - MAX_LISTED).append(" more");
      }
      throw new IllegalArgumentException(msg.toString());
    }
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException(
          name
              + " holds no prompts: write one JSON object a line, e.g. {\"id\":\"p1\",\"prompt\":"
              + "\"A sign that says 'OPEN'\",\"texts\":[\"OPEN\"],\"lang\":\"en\"}");
    }
    return prompts;
  }

  private static EvalPrompt parseLine(String row) {
    JsonNode node;
    try {
      node = MAPPER.readTree(row);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "not valid JSON (" + oneLine(e.getOriginalMessage()) + ")");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("expected a JSON object with id, prompt, texts and lang");
    }
    for (String field : node.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            "unknown field '" + field + "'; the fields are id, prompt, texts, lang");
      }
    }
    String id = requiredString(node, "id");
    String prompt = requiredString(node, "prompt");
    JsonNode textsNode = node.get("texts");
    if (textsNode == null || !textsNode.isArray() || textsNode.isEmpty()) {
      throw new IllegalArgumentException(
          "'texts' must be a non-empty array of the exact strings the image must show");
    }
    List<String> texts = new ArrayList<>();
    for (int k = 0; k < textsNode.size(); k++) {
      JsonNode t = textsNode.get(k);
      if (!t.isString() || t.stringValue().isBlank()) {
        throw new IllegalArgumentException("texts[" + k + "] must be a non-blank string");
      }
      texts.add(t.stringValue());
    }
    Language lang = Language.lookup(requiredString(node, "lang"));
    return new EvalPrompt(id, prompt, texts, lang);
  }

  private static String requiredString(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString() || v.stringValue().isBlank()) {
      throw new IllegalArgumentException("missing or blank '" + field + "' (a string)");
    }
    return v.stringValue();
  }

  /** The parser's message on one line, without its source-location internals. */
  private static String oneLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    return s.replaceAll("\\s+", " ")
        .replaceAll("\\s*\\(start marker at \\[Source:.*$", "")
        .replaceAll("\\s*at \\[Source:.*$", "")
        .strip();
  }
}
