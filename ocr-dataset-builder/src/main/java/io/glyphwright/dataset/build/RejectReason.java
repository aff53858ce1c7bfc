package io.glyphwright.dataset.build;

import java.util.Arrays;

/**
 * Why the corpus builder did not keep an input. Each reason has a stable kebab-case {@link #id()},
 * the name {@code stats.json} counts it under. An input is counted once, under the first reason
 * found, in the order of the pipeline's steps (reading, caption, decoding, filters).
 */
public enum RejectReason {
  // Reading the input
  /** A tar member whose path is absolute or holds {@code ..}: never read, never written. */
  UNSAFE_PATH("unsafe-path"),
  /** A tar member that is a link, device or pipe rather than a file. */
  UNSUPPORTED_MEMBER("unsupported-member"),
  /** A tar that ends early or is damaged: the member being read, and all after it, are lost. */
  UNREADABLE_MEMBER("unreadable-member"),
  /** A file of a folder input that could not be read (permissions, I/O error). */
  UNREADABLE_FILE("unreadable-file"),
  /** An image or sidecar bigger than the byte limit; it is skipped, not read into memory. */
  FILE_TOO_LARGE("file-too-large"),
  /** A second sample with the same name in one input (a tar listing a key twice). */
  DUPLICATE_KEY("duplicate-key"),
  /** A tar sample (group of members) without an image member. */
  MISSING_IMAGE("missing-image"),

  // The caption
  /** No {@code KEY.txt} and no {@code caption} field in {@code KEY.json}. */
  MISSING_CAPTION("missing-caption"),
  /** The caption's bytes are not valid UTF-8. */
  CAPTION_NOT_UTF8("caption-not-utf8"),
  /** The caption is empty or only whitespace. */
  EMPTY_CAPTION("empty-caption"),

  // Decoding
  /** The image file has zero bytes. */
  EMPTY_FILE("empty-file"),
  /** The bytes are no image format at all (a text file named {@code .jpg}). */
  NOT_AN_IMAGE("not-an-image"),
  /** An image format Java's ImageIO cannot read (WebP, AVIF, HEIC, JPEG XL). */
  UNSUPPORTED_FORMAT("unsupported-format"),
  /** Width × height above the pixel limit: refused from the header, before any pixel is decoded. */
  TOO_MANY_PIXELS("too-many-pixels"),
  /** A damaged or truncated image. */
  CORRUPT_IMAGE("corrupt-image"),
  /** A colour model that cannot be turned into 8-bit sRGB. */
  UNSUPPORTED_COLOR("unsupported-color"),

  // Filters (MARIO-10M style)
  /** The shorter side is below the minimum (checked from the header, before decoding). */
  TOO_SMALL("too-small"),
  /** The OCR engine failed on this image. */
  OCR_FAILED("ocr-failed"),
  /** No text was read. */
  NO_TEXT("no-text"),
  /** More text lines than the maximum. */
  TOO_MANY_LINES("too-many-lines"),
  /** The text boxes cover less of the image than the minimum ratio. */
  TEXT_AREA_TOO_SMALL("text-area-too-small"),
  /** The text boxes cover more of the image than the maximum ratio (documents, screenshots). */
  TEXT_AREA_TOO_LARGE("text-area-too-large"),
  /** The OCR confidence, averaged over characters, is below the minimum. */
  LOW_CONFIDENCE("low-confidence"),
  /** A line's text cannot be a TD2 layout line (too long, control characters). */
  INVALID_LAYOUT("invalid-layout"),
  /** Fewer of the OCR'd words appear in the caption than the required fraction. */
  WORDS_NOT_IN_CAPTION("words-not-in-caption");

  private final String id;

  RejectReason(String id) {
    this.id = id;
  }

  /** The kebab-case name in {@code stats.json}. */
  public String id() {
    return id;
  }

  /**
   * The reason an id names.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public static RejectReason ofId(String id) {
    return Arrays.stream(values())
        .filter(r -> r.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown reject reason '" + id + "'"));
  }
}
