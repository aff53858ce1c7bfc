package io.glyphwright.dataset;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The metadata of one corpus sample, stored as {@code KEY.json} in a shard (the design contract's
 * "Corpus sample" format; see docs/DATASET.md).
 *
 * @param key the sample's key: letters, digits, {@code _} and {@code -}, as WebDataset needs (the
 *     key is the member name up to its first dot)
 * @param width image width in pixels
 * @param height image height in pixels
 * @param caption what the picture shows, quoting its text
 * @param source where the image came from (an input path or URL, or {@code synthetic:...})
 * @param ocr the text lines read in (or drawn on) the image
 * @param layout the TD2 layout on the 128 grid: one {@code text l,t,r,b} line per text line
 * @param filters the filters' verdict
 * @param background the background's dominant colour (an extension); null when not known
 */
public record CorpusSample(
    String key,
    int width,
    int height,
    String caption,
    String source,
    CorpusOcr ocr,
    String layout,
    FilterVerdict filters,
    BackgroundInfo background) {

  /** Longest key accepted, so that {@code KEY.json} fits a plain ustar name field. */
  public static final int MAX_KEY_LENGTH = 90;

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  public CorpusSample {
    requireValidKey(key);
    Objects.requireNonNull(caption, "caption");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ocr, "ocr");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(filters, "filters");
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "sample " + key + ": width and height must be positive, got " + width + "x" + height);
    }
  }

  /**
   * Checks a sample key.
   *
   * @throws IllegalArgumentException saying what a key may hold
   */
  public static String requireValidKey(String key) {
    if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "sample key '"
              + key
              + "' is not usable: a key is 1 to "
              + MAX_KEY_LENGTH
              + " letters, digits, '_' or '-', starting with a letter or digit (no dots: WebDataset"
              + " splits member names at the first dot)");
    }
    return key;
  }
}
