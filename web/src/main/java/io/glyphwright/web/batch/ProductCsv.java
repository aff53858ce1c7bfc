package io.glyphwright.web.batch;

import io.glyphwright.web.problem.ApiProblem;
import io.glyphwright.web.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an e-commerce CSV of {@code product,slogan,price} rows (RFC 4180: quoted fields may hold
 * commas, quotes doubled, line breaks) and turns each row into a prompt that asks for the three
 * texts. A first row that reads {@code product,slogan,price} is a header. Problems name the row.
 */
public final class ProductCsv {
  public static final List<String> COLUMNS = List.of("product", "slogan", "price");

  private ProductCsv() {}

  /** The rows, header and blank rows left out; each has exactly three fields. */
  public static List<List<String>> rows(String csv, int maxRows) {
    if (csv.startsWith("\uFEFF")) {
      csv = csv.substring(1);
    }
    List<List<String>> raw = parse(csv);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      List<String> row = raw.get(i);
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      if (i == 0 && isHeader(row)) {
        continue;
      }
      if (row.size() != COLUMNS.size()) {
        throw csvProblem(
            "row "
                + (i + 1)
                + " has "
                + row.size()
                + (row.size() == 1 ? " field" : " fields")
                + ": each row needs product,slogan,price (quote a field that holds a comma)");
      }
      List<String> cleaned = row.stream().map(String::strip).toList();
      if (cleaned.stream().allMatch(String::isEmpty)) {
        continue;
      }
      if (cleaned.get(0).isEmpty()) {
        throw csvProblem("row " + (i + 1) + " has no product: fill in the first column");
      }
      rows.add(cleaned);
      if (rows.size() > maxRows) {
        throw csvProblem(
            "the CSV has more than "
                + maxRows
                + " rows (glyphwright.limits.max-batch-items): split it into several batches");
      }
    }
    if (rows.isEmpty()) {
      throw csvProblem("the CSV has no rows: send lines of product,slogan,price");
    }
    return rows;
  }

  /**
   * The prompt for one row: an e-commerce product image showing the product name, the slogan and
   * the price, each quoted (empty slogan or price left out).
   */
  public static String prompt(List<String> row) {
    List<String> texts = new ArrayList<>();
    for (String field : row) {
      if (!field.isEmpty()) {
        texts.add(quote(field));
      }
    }
    String product = row.get(0);
    return "An e-commerce product image of "
        + product
        + " with the texts "
        + String.join(", ", texts);
  }

  /** Quotes a text with the first quote pair it does not contain. */
  static String quote(String text) {
    String[][] pairs = {{"\"", "\""}, {"“", "”"}, {"「", "」"}, {"«", "»"}};
    for (String[] pair : pairs) {
      if (!text.contains(pair[0]) && !text.contains(pair[1])) {
        return pair[0] + text + pair[1];
      }
    }
    return "\"" + text.replace("\"", "'") + "\"";
  }

  private static boolean isHeader(List<String> row) {
    return row.size() == COLUMNS.size()
        && row.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList().equals(COLUMNS);
  }

  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          if (fieldStarted && !field.toString().isBlank()) {
            throw csvProblem(
                "line "
                    + line
                    + ": a quote inside an unquoted field; quote the whole field and"
                    + " double the quotes inside it (\"say \"\"hi\"\"\")");
          }
          field.setLength(0);
          quoted = true;
          fieldStarted = true;
        }
        case ',' -> {
          row.add(field.toString());
          field.setLength(0);
          fieldStarted = false;
        }
        case '\r' -> {}
        case '\n' -> {
          row.add(field.toString());
          rows.add(row);
          row = new ArrayList<>();
          field.setLength(0);
          fieldStarted = false;
          line++;
        }
        default -> {
          field.append(c);
          fieldStarted = true;
        }
      }
    }
    if (quoted) {
      throw csvProblem("a quoted field is never closed: add the closing quote");
    }
    if (fieldStarted || !row.isEmpty() || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  private static ApiProblem csvProblem(String detail) {
    return ApiProblem.field(ProblemType.INVALID_CSV, "file", detail);
  }
}
