package io.glyphwright.web.api;

import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body strictly: the body must be an object, unknown fields are
 * refused (a misspelt {@code heigth} should not pass silently), and each field must have its type
 * (no strings for numbers, no fractions for integers). Every refusal is an {@link ApiProblem} that
 * names the field and says what to send.
 */
final class JsonRequest {
  private final JsonNode node;

  private JsonRequest(JsonNode node) {
    this.node = node;
  }

  /**
   * @param example a valid body, quoted in the problem when the body is not an object
   * @param fields the fields this request knows
   */
  static JsonRequest of(JsonNode body, String example, String... fields) {
    if (body == null || !body.isObject()) {
      throw new ApiProblem(
          ProblemType.WRONG_TYPE,
          "the body must be a JSON object, got " + describe(body) + ": send e.g. " + example);
    }
    Set<String> known = new LinkedHashSet<>(List.of(fields));
    for (String name : body.propertyNames()) {
      if (!known.contains(name)) {
        throw ApiProblem.field(
            ProblemType.UNKNOWN_FIELD,
            name,
            "the body has an unknown field '" + name + "': the fields are " + known);
      }
    }
    return new JsonRequest(body);
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  JsonNode raw(String field) {
    return node.get(field);
  }

  String requiredString(String field, String what) {
    String v = optionalString(field, what);
    if (v == null) {
      throw missing(field, what);
    }
    return v;
  }

  String optionalString(String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw wrongType(field, "a string (" + what + ")", v);
    }
    return v.stringValue();
  }

  int requiredInt(String field, String what) {
    Integer v = optionalInt(field, what);
    if (v == null) {
      throw missing(field, what);
    }
    return v;
  }

  Integer optionalInt(String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isInt()) {
      throw wrongType(field, "an integer (" + what + ")", v);
    }
    return v.intValue();
  }

  Long optionalLong(String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw wrongType(field, "an integer (" + what + ")", v);
    }
    return v.longValue();
  }

  Double optionalNumber(String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw wrongType(field, "a number (" + what + ")", v);
    }
    return v.doubleValue();
  }

  JsonNode optionalObject(String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw wrongType(field, "an object (" + what + ")", v);
    }
    return v;
  }

  JsonNode requiredObject(String field, String what) {
    JsonNode v = optionalObject(field, what);
    if (v == null) {
      throw missing(field, what);
    }
    return v;
  }

  List<JsonNode> requiredArray(String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw missing(field, what);
    }
    if (!v.isArray()) {
      throw wrongType(field, "an array (" + what + ")", v);
    }
    List<JsonNode> items = new ArrayList<>(v.size());
    v.forEach(items::add);
    return items;
  }

  /** Checks that an integer lies in {@code [min, max]}. */
  static int inRange(String field, int value, int min, int max, String unit, String limitKey) {
    if (value < min || value > max) {
      throw ApiProblem.field(
          ProblemType.OUT_OF_RANGE,
          field,
          field
              + " "
              + value
              + " is out of range: use "
              + min
              + " to "
              + max
              + (unit.isEmpty() ? "" : " " + unit)
              + (limitKey.isEmpty() ? "" : " (" + limitKey + ")"));
    }
    return value;
  }

  static ApiProblem missing(String field, String what) {
    return ApiProblem.field(
        ProblemType.MISSING_FIELD, field, "the body needs '" + field + "': " + what);
  }

  static ApiProblem wrongType(String field, String expected, JsonNode got) {
    return ApiProblem.field(
        ProblemType.WRONG_TYPE,
        field,
        "'" + field + "' must be " + expected + ", got " + describe(got));
  }

  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    if (v.isNull()) {
      return "null";
    }
    if (v.isString()) {
      String s = v.stringValue();
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
    }
    if (v.isBoolean()) {
      return "the boolean " + v.booleanValue();
    }
    if (v.isNumber()) {
      return "the number " + v.numberValue();
    }
    if (v.isArray()) {
      return "an array";
    }
    return "an object";
  }
}
