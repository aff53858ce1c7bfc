package io.glyphwright.eval.report;

import java.util.Base64;
import java.util.Locale;

/**
 * Pieces of the self-contained HTML reports: one file, styles inline, images as {@code data:} URIs,
 * no script and no reference to anything outside the file, so it opens offline and can be mailed.
 */
final class Html {
  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;
        margin:24px;color:#1d2330;background:#fafbfc}
      h1{font-size:22px;margin:0 0 4px} h2{font-size:17px;margin:28px 0 8px}
      h3{font-size:15px;margin:0 0 6px}
      table{border-collapse:collapse;margin:6px 0 12px;background:#fff}
      th,td{border:1px solid #d5d9e0;padding:3px 8px;text-align:left;vertical-align:top}
      th{background:#eef1f5} td.num{text-align:right;font-variant-numeric:tabular-nums}
      .sheet{background:#fff;border:1px solid #d5d9e0;border-left:6px solid #2e9d4f;
        margin:14px 0;padding:10px 14px}
      .sheet.miss{border-left-color:#d23b3b} .sheet.error{border-left-color:#8a5cd0}
      figure{display:inline-block;margin:0 12px 8px 0;vertical-align:top}
      figure img{width:256px;image-rendering:auto;border:1px solid #ccd;background:#fff}
      figcaption{font-size:12px;color:#5a6270}
      .ok{color:#1f7a3a;font-weight:600} .bad{color:#b42323;font-weight:600}
      .muted{color:#5a6270} code{background:#eef1f5;padding:0 3px;border-radius:3px}
      .key span{display:inline-block;width:14px;height:10px;margin:0 4px 0 10px;
        vertical-align:middle}
      """;

  private Html() {}

  /** A whole page. {@code body} must already be escaped. */
  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + esc(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body>\n"
        + body
        + "</body></html>\n";
  }

  /** Text made safe for HTML element content and attribute values. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** An {@code <img>} with the bytes inlined, or a note when there is no image. */
  static String img(byte[] bytes, String mime, String alt) {
    if (bytes == null) {
      return "<div class=\"muted\">(no image: " + esc(alt) + ")</div>";
    }
    return "<img alt=\""
        + esc(alt)
        + "\" src=\"data:"
        + mime
        + ";base64,"
        + Base64.getEncoder().encodeToString(bytes)
        + "\">";
  }

  static String figure(byte[] bytes, String mime, String caption) {
    return "<figure>"
        + img(bytes, mime, caption)
        + "<figcaption>"
        + esc(caption)
        + "</figcaption></figure>";
  }

  /** A rate as a percentage with one decimal, or an en dash when undefined. */
  static String pct(double rate) {
    return Double.isNaN(rate) ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * rate);
  }

  static String num(double v, int decimals) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
