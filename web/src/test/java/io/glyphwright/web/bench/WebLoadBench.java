package io.glyphwright.web.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop load client for {@code POST /v1/layouts} followed by {@code POST /v1/glyphs} with the
 * layout it returned. N client threads each send pairs back to back for a fixed time; latencies are
 * recorded per endpoint and per pair. Needs nothing but the JDK, so {@code bench/web-load.sh} runs
 * it as a single source file ({@code java WebLoadBench.java ...}).
 *
 * <pre>
 * WebLoadBench --base http://127.0.0.1:PORT --planner auto --clients 16 --seconds 25 [--seed 7]
 * WebLoadBench --base ... --planner auto --warmup 200      # warm-up: 200 pairs, no report
 * WebLoadBench --header 1                                 # the table header
 * </pre>
 *
 * Prints one markdown table row on stdout (see {@link #HEADER}); progress and failures on stderr.
 * Exits 2 when any request got a 5xx, a 4xx other than 429, a transport error or an unexpected
 * body: those are failures of the service (or of the bench), not load.
 */
public final class WebLoadBench {
  /** Prompts the clients draw from (seeded): English and Chinese, one to four quoted texts. */
  static final List<String> PROMPTS =
      List.of(
          "A summer sale poster with the words 'SUMMER SALE' and '50% OFF'",
          "A book cover titled 'The Silent Orchard' by 'Mara Quinn'",
          "A neon sign that says 'OPEN 24 HOURS'",
          "A coffee shop chalkboard reading 'Fresh Brew', 'Latte $4' and 'Croissant $3'",
          "A movie poster for 'NIGHT HARBOR' with the tagline 'Every light hides a secret'",
          "A birthday card that says 'Happy Birthday Emma!'",
          "A road sign: 'EXIT 12' 'Main Street' 'Airport 5 km'",
          "A concert flyer: 'THE VELVET ECHO' 'LIVE AT THE ROXY' 'FRIDAY 9PM' 'TICKETS $25'",
          "A minimalist logo with the text 'nordlys'",
          "A vintage travel poster that says 'Visit Lisbon'",
          "A warning label reading 'HIGH VOLTAGE - KEEP OUT'",
          "A bakery storefront sign 'Golden Crust Bakery' and 'since 1987'",
          "一张写着“新年快乐”的红色海报",
          "电商促销横幅,文字“限时秒杀”和“全场五折”",
          "一本书的封面,标题“山海之间”,作者“林晓”",
          "奶茶店招牌,写着“鲜果茶饮”",
          "一张音乐节海报,文字“夏日音乐节”、“七月十五日”和“城市公园”",
          "地铁站指示牌,写着“出口 EXIT”和“2号线”",
          "A bilingual cafe sign '咖啡 Coffee' and 'WiFi 免费'",
          "A product box with 'ULTRA CLEAN' 'Lavender Scent' and '1.5 L'",
          "A graduation banner: 'Congratulations Class of 2026'",
          "餐厅菜单封面,标题“老北京炸酱面”");

  /** Canvas sizes the clients draw from (seeded), width × height. */
  static final int[][] CANVASES = {{512, 512}, {512, 768}, {768, 512}, {1024, 1024}};

  static final String HEADER =
      "| planner | clients | s | pairs | pairs/s | requests/s | layouts p50 / p95 / p99 ms"
          + " | glyphs p50 / p95 / p99 ms | pair p50 / p95 / p99 ms | 429 | failures | planned by |\n"
          + "|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|---|";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private WebLoadBench() {}

  /** What one client thread saw. */
  static final class ClientStats {
    final List<Long> layoutNanos = new ArrayList<>();
    final List<Long> glyphNanos = new ArrayList<>();
    final List<Long> pairNanos = new ArrayList<>();
    final Map<String, Integer> errors = new TreeMap<>();
    final Map<String, Integer> plannedBy = new TreeMap<>();
    int tooMany;
    int failures;
    int requests;

    void error(String key) {
      errors.merge(key, 1, Integer::sum);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (opts.containsKey("header")) {
      System.out.println(HEADER);
      return;
    }
    String base = opts.getOrDefault("base", "http://127.0.0.1:8080");
    String planner = opts.getOrDefault("planner", "auto");
    int clients = Integer.parseInt(opts.getOrDefault("clients", "16"));
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "25"));
    int warmup = Integer.parseInt(opts.getOrDefault("warmup", "0"));
    long seed = Long.parseLong(opts.getOrDefault("seed", "20251129"));

    if (warmup > 0) {
      // Warm-up: a fixed number of pairs spread over the clients, nothing reported but failures.
      List<ClientStats> stats = run(base, planner, clients, Long.MAX_VALUE, warmup, seed ^ 0x5eed);
      ClientStats all = merge(stats);
      System.err.printf(
          Locale.ROOT,
          "warm-up (%s): %d pairs, %d x 429, %d failures %s%n",
          planner,
          all.pairNanos.size(),
          all.tooMany,
          all.failures,
          all.errors);
      System.exit(all.failures > 0 ? 2 : 0);
    }

    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    List<ClientStats> stats = run(base, planner, clients, deadline, Integer.MAX_VALUE, seed);
    double elapsed = (System.nanoTime() - start) / 1e9;
    ClientStats all = merge(stats);
    System.out.println(row(planner, clients, elapsed, all));
    if (!all.errors.isEmpty()) {
      System.err.println("errors by kind: " + all.errors);
    }
    System.exit(all.failures > 0 ? 2 : 0);
  }

  /**
   * Runs {@code clients} closed-loop clients until {@code deadline} (System.nanoTime) or until
   * {@code maxPairs} pairs were started in all.
   */
  static List<ClientStats> run(
      String base, String planner, int clients, long deadline, int maxPairs, long seed)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    java.util.concurrent.atomic.AtomicInteger started =
        new java.util.concurrent.atomic.AtomicInteger();
    try {
      List<Future<ClientStats>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Random random = new Random(seed * 1_000_003L + c);
        futures.add(
            pool.submit(
                () -> {
                  ClientStats s = new ClientStats();
                  while (System.nanoTime() < deadline && started.getAndIncrement() < maxPairs) {
                    pair(base, planner, random, s);
                  }
                  return s;
                }));
      }
      List<ClientStats> out = new ArrayList<>();
      for (Future<ClientStats> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /** One layout request and, when it succeeded, one glyph request for its layout. */
  static void pair(String base, String planner, Random random, ClientStats s) {
    String prompt = PROMPTS.get(random.nextInt(PROMPTS.size()));
    int[] canvas = CANVASES[random.nextInt(CANVASES.length)];
    String body =
        "{\"prompt\":"
            + quote(prompt)
            + ",\"width\":"
            + canvas[0]
            + ",\"height\":"
            + canvas[1]
            + ",\"planner\":"
            + quote(planner)
            + "}";
    long t0 = System.nanoTime();
    HttpResponse<byte[]> layoutResponse = post(base + "/v1/layouts", body, s, "layouts");
    long t1 = System.nanoTime();
    if (layoutResponse == null || !ok(layoutResponse, s, "layouts")) {
      return;
    }
    s.layoutNanos.add(t1 - t0);
    String json = new String(layoutResponse.body(), java.nio.charset.StandardCharsets.UTF_8);
    String layout = member(json, "layout");
    String plannedBy = member(json, "planner");
    if (layout == null || !layout.startsWith("{")) {
      s.failures++;
      s.error("layouts: no layout in the response");
      return;
    }
    s.plannedBy.merge(plannedBy == null ? "?" : plannedBy.replace("\"", ""), 1, Integer::sum);
    long t2 = System.nanoTime();
    HttpResponse<byte[]> glyphResponse =
        post(base + "/v1/glyphs", "{\"layout\":" + layout + "}", s, "glyphs");
    long t3 = System.nanoTime();
    if (glyphResponse == null || !ok(glyphResponse, s, "glyphs")) {
      return;
    }
    byte[] png = glyphResponse.body();
    if (png.length < 8 || (png[0] & 0xff) != 0x89 || png[1] != 'P' || png[2] != 'N') {
      s.failures++;
      s.error("glyphs: not a PNG");
      return;
    }
    s.glyphNanos.add(t3 - t2);
    s.pairNanos.add(t3 - t0);
  }

  private static HttpResponse<byte[]> post(String url, String json, ClientStats s, String what) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    s.requests++;
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      s.failures++;
      s.error(what + ": " + e.getClass().getSimpleName());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      s.failures++;
      s.error(what + ": interrupted");
      return null;
    }
  }

  /**
   * True for 200; counts a 429 (and backs off as Retry-After asks, at most 1 s), else a failure.
   */
  private static boolean ok(HttpResponse<byte[]> r, ClientStats s, String what) {
    if (r.statusCode() == 200) {
      return true;
    }
    s.error(what + ": " + r.statusCode());
    if (r.statusCode() == 429) {
      s.tooMany++;
      long waitMs =
          r.headers()
              .firstValue("Retry-After")
              .map(v -> Math.min(1000L, Long.parseLong(v.strip()) * 1000L))
              .orElse(100L);
      try {
        Thread.sleep(Math.max(10L, waitMs));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      s.failures++;
      if (s.failures <= 3) {
        System.err.println(
            what
                + " "
                + r.statusCode()
                + ": "
                + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return false;
  }

  static ClientStats merge(List<ClientStats> stats) {
    ClientStats all = new ClientStats();
    for (ClientStats s : stats) {
      all.layoutNanos.addAll(s.layoutNanos);
      all.glyphNanos.addAll(s.glyphNanos);
      all.pairNanos.addAll(s.pairNanos);
      s.errors.forEach((k, v) -> all.errors.merge(k, v, Integer::sum));
      s.plannedBy.forEach((k, v) -> all.plannedBy.merge(k, v, Integer::sum));
      all.tooMany += s.tooMany;
      all.failures += s.failures;
      all.requests += s.requests;
    }
    return all;
  }

  static String row(String planner, int clients, double elapsed, ClientStats all) {
    int pairs = all.pairNanos.size();
    StringBuilder by = new StringBuilder();
    all.plannedBy.forEach(
        (k, v) -> by.append(by.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.1f | %d | %.1f | %.1f | %s | %s | %s | %d | %d | %s |",
        planner,
        clients,
        elapsed,
        pairs,
        pairs / elapsed,
        all.requests / elapsed,
        percentiles(all.layoutNanos),
        percentiles(all.glyphNanos),
        percentiles(all.pairNanos),
        all.tooMany,
        all.failures,
        by);
  }

  /** "p50 / p95 / p99" in milliseconds (nearest rank), or "-" when there is nothing. */
  static String percentiles(List<Long> nanos) {
    if (nanos.isEmpty()) {
      return "-";
    }
    long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "%.1f / %.1f / %.1f",
        rank(sorted, 0.50) / 1e6,
        rank(sorted, 0.95) / 1e6,
        rank(sorted, 0.99) / 1e6);
  }

  /** Nearest-rank percentile of a sorted array. */
  static long rank(long[] sorted, double p) {
    int k = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, k - 1))];
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * The raw JSON text of a member of the top-level object ({@code member("{\"a\":{...}}", "a")} is
   * {@code "{...}"}), or null. Enough JSON for the service's responses; no dependency.
   */
  static String member(String json, String name) {
    int depth = 0;
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = stringEnd(json, i);
        if (depth == 1) {
          String key = json.substring(i + 1, end - 1);
          int j = skipSpace(json, end);
          if (j < json.length() && json.charAt(j) == ':') {
            int valueStart = skipSpace(json, j + 1);
            int valueEnd = valueEnd(json, valueStart);
            if (key.equals(name)) {
              return json.substring(valueStart, valueEnd);
            }
            i = valueEnd;
            continue;
          }
        }
        i = end;
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
      i++;
    }
    return null;
  }

  /** Index just past the string literal that starts at {@code start}. */
  private static int stringEnd(String json, int start) {
    int i = start + 1;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    return json.length();
  }

  private static int skipSpace(String json, int i) {
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Index just past the JSON value that starts at {@code start}. */
  private static int valueEnd(String json, int start) {
    if (start >= json.length()) {
      return start;
    }
    char first = json.charAt(start);
    if (first == '"') {
      return stringEnd(json, start);
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      int i = start;
      while (i < json.length()) {
        char c = json.charAt(i);
        if (c == '"') {
          i = stringEnd(json, i);
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      return json.length();
    }
    int i = start;
    while (i < json.length() && ",}]".indexOf(json.charAt(i)) < 0) {
      i++;
    }
    return i;
  }
}
