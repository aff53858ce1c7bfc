package io.glyphwright.dataset.build;

import io.glyphwright.core.LayoutJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sample keys and sources. A key is the sample's own name (the file or member name up to its first
 * dot, reduced to {@code [A-Za-z0-9_-]}, at most 60 characters) followed by 12 hex digits of the
 * SHA-256 of its identity ({@code INPUT/path/name} for a folder input, {@code INPUT!path/name} for
 * a tar member, where {@code INPUT} is the input's file name): {@code 000000001-3fa2b7c91d04}. The
 * same input gives the same keys on every run and every machine, whatever the folder it lies in;
 * two inputs with the same member names give different keys.
 */
public final class SampleKeys {
  private static final int MAX_STEM = 60;

  private SampleKeys() {}

  /** The key of the sample whose identity is {@code identity} and whose name is {@code name}. */
  public static String key(String identity, String name) {
    StringBuilder stem = new StringBuilder();
    for (int i = 0; i < name.length() && stem.length() < MAX_STEM; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (ok || stem.length() > 0) {
        stem.append(ok ? c : '_');
      }
    }
    while (stem.length() > 0 && !Character.isLetterOrDigit(stem.charAt(0))) {
      stem.deleteCharAt(0);
    }
    String prefix = stem.length() == 0 ? "sample" : stem.toString();
    return prefix + "-" + hash(identity);
  }

  /** 12 hex digits of the SHA-256 of the text. */
  static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  /**
   * The sample's {@code source}: the {@code url} of its img2dataset metadata when it has one (where
   * the picture came from), else {@code location} (where it was read).
   */
  public static String source(String location, byte[] metadata) {
    if (metadata != null && metadata.length > 0 && metadata.length < (1 << 20)) {
      try {
        JsonNode url = LayoutJson.mapper().readTree(metadata).get("url");
        if (url != null && url.isString() && !url.stringValue().isBlank()) {
          return url.stringValue().strip();
        }
      } catch (JacksonException | IllegalArgumentException e) {
        // Unreadable metadata is no reason to drop a sample: the location stands in.
      }
    }
    return location;
  }
}
