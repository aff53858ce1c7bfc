package io.glyphwright.web.api;

import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Mono;

/** Strict reading of a {@code multipart/form-data} body: known parts only, each at most once. */
final class Multipart {
  private final MultiValueMap<String, Part> parts;

  private Multipart(MultiValueMap<String, Part> parts) {
    this.parts = parts;
  }

  static Multipart of(MultiValueMap<String, Part> parts, String... known) {
    Set<String> names = Set.of(known);
    for (String name : parts.keySet()) {
      if (!names.contains(name)) {
        throw ApiProblem.field(
            ProblemType.UNKNOWN_FIELD,
            name,
            "the form has an unknown part '" + name + "': the parts are " + List.of(known));
      }
      if (parts.get(name).size() > 1) {
        throw ApiProblem.field(
            ProblemType.INVALID_UPLOAD,
            name,
            "the form has part '" + name + "' more than once: send it once");
      }
    }
    return new Multipart(parts);
  }

  /** The bytes of a required file part. */
  Mono<byte[]> file(String name, String what) {
    Part part = parts.getFirst(name);
    if (part == null) {
      throw ApiProblem.field(
          ProblemType.MISSING_FIELD, name, "the form needs a file part '" + name + "': " + what);
    }
    if (!(part instanceof FilePart)) {
      throw ApiProblem.field(
          ProblemType.WRONG_TYPE,
          name,
          "part '" + name + "' must be a file (with a filename), not a plain field: " + what);
    }
    return DataBufferUtils.join(part.content())
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0]);
  }

  /** The value of an optional text field, or null. */
  String field(String name) {
    Part part = parts.getFirst(name);
    if (part == null) {
      return null;
    }
    if (part instanceof FormFieldPart f) {
      return f.value();
    }
    throw ApiProblem.field(
        ProblemType.WRONG_TYPE,
        name,
        "part '"
            + name
            + "' must be a plain form field, not a file (curl -F '"
            + name
            + "=value')");
  }

  /** An optional integer field (decimal, at most 2^63 - 1), or null when absent or blank. */
  Long longField(String name, String what) {
    String v = field(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.field(
          ProblemType.WRONG_TYPE,
          name,
          "'" + name + "' must be an integer (" + what + "), got \"" + v + "\"");
    }
  }

  /**
   * An optional decimal number field ({@code 5}, {@code 7.5}, {@code 1e1}; not NaN, infinities or
   * hexadecimal), or null when absent or blank.
   */
  Double numberField(String name, String what) {
    String v = field(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return new java.math.BigDecimal(v.strip()).doubleValue();
    } catch (NumberFormatException e) {
      throw ApiProblem.field(
          ProblemType.WRONG_TYPE,
          name,
          "'" + name + "' must be a number (" + what + "), got \"" + v + "\"");
    }
  }

  Integer intField(String name, String what) {
    String v = field(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw ApiProblem.field(
          ProblemType.WRONG_TYPE,
          name,
          "'" + name + "' must be an integer (" + what + "), got \"" + v + "\"");
    }
  }
}
