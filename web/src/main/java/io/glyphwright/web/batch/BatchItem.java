package io.glyphwright.web.batch;

import java.util.List;
import java.util.Objects;

/**
 * One item of a batch: a prompt and a canvas; {@code fields} keeps the CSV columns it came from
 * (product, slogan, price), empty for JSON items.
 */
public record BatchItem(String prompt, int width, int height, List<String> fields) {
  public BatchItem {
    Objects.requireNonNull(prompt, "prompt");
    fields = List.copyOf(fields);
  }
}
