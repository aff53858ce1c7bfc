package io.glyphwright.web.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load client for {@code POST /v1/images}: N client threads each submit generation requests back to
 * back, follow every accepted job to its end ({@code GET /v1/jobs/{id}}) and download its images. A
 * request must end in images (202, then a job that is {@code done} with {@code n} PNGs) or in a
 * 429; anything else (5xx, another 4xx, a failed or vanished job, a missing image) is a failure.
 * Needs nothing but the JDK: {@code bench/web-generate.sh} runs it as a single source file.
 *
 * <pre>
 * WebGenerateBench --base http://127.0.0.1:PORT --clients 4 --requests 8 [--size 256] [--steps 20]
 *                  [--n 1] [--seed 7]
 * WebGenerateBench --header 1
 * </pre>
 *
 * Prints one markdown table row on stdout (see {@link #HEADER}); exits 2 on any failure.
 */
public final class WebGenerateBench {
  static final List<String> PROMPTS =
      List.of(
          "A summer sale poster with the words 'SUMMER SALE' and '50% OFF'",
          "A neon sign that says 'OPEN 24 HOURS'",
          "A book cover titled 'The Silent Orchard'",
          "A bakery sign 'Golden Crust' and 'since 1987'",
          "一张写着“新年快乐”的红色海报",
          "A warning label reading 'HIGH VOLTAGE'");

  static final String HEADER =
      "| clients | requests | 202 | 429 | done | failures | lost | job p50 / p95 / max s"
          + " | images/s | lines read | wall s |\n"
          + "|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---:|";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
  private static final Pattern READ = Pattern.compile("\"read\"\\s*:\\s*(true|false)");

  private WebGenerateBench() {}

  /** What one client saw. */
  static final class Stats {
    int requests;
    int accepted;
    int rejected;
    int done;
    int failures;
    int lost;
    int images;
    int linesRead;
    int lines;
    final List<Long> jobNanos = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    void add(Stats o) {
      requests += o.requests;
      accepted += o.accepted;
      rejected += o.rejected;
      done += o.done;
      failures += o.failures;
      lost += o.lost;
      images += o.images;
      linesRead += o.linesRead;
      lines += o.lines;
      jobNanos.addAll(o.jobNanos);
      problems.addAll(o.problems);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new TreeMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (a.containsKey("header")) {
      System.out.println(HEADER);
      return;
    }
    String base = a.getOrDefault("base", "http://127.0.0.1:8080");
    int clients = Integer.parseInt(a.getOrDefault("clients", "4"));
    int requests = Integer.parseInt(a.getOrDefault("requests", "8"));
    int size = Integer.parseInt(a.getOrDefault("size", "256"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "20"));
    int n = Integer.parseInt(a.getOrDefault("n", "1"));
    long seed = Long.parseLong(a.getOrDefault("seed", "7"));

    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Stats>> futures = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int c = 0; c < clients; c++) {
      int client = c;
      futures.add(pool.submit(() -> runClient(base, client, requests, size, steps, n, seed)));
    }
    Stats all = new Stats();
    for (Future<Stats> f : futures) {
      all.add(f.get());
    }
    pool.shutdown();
    double wall = (System.nanoTime() - t0) / 1e9;
    for (String p : all.problems.subList(0, Math.min(10, all.problems.size()))) {
      System.err.println("web-generate: " + p);
    }
    List<Long> sorted = new ArrayList<>(all.jobNanos);
    Collections.sort(sorted);
    System.out.println(
        String.format(
            Locale.ROOT,
            "| %d | %d | %d | %d | %d | %d | %d | %s | %.2f | %d / %d | %.1f |",
            clients,
            all.requests,
            all.accepted,
            all.rejected,
            all.done,
            all.failures,
            all.lost,
            sorted.isEmpty()
                ? "-"
                : String.format(
                    Locale.ROOT,
                    "%.1f / %.1f / %.1f",
                    rank(sorted, 0.50) / 1e9,
                    rank(sorted, 0.95) / 1e9,
                    sorted.get(sorted.size() - 1) / 1e9),
            all.images / wall,
            all.linesRead,
            all.lines,
            wall));
    if (all.failures > 0 || all.lost > 0 || all.done != all.accepted) {
      System.exit(2);
    }
  }

  static long rank(List<Long> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  static Stats runClient(
      String base, int client, int requests, int size, int steps, int n, long seed) {
    Stats s = new Stats();
    for (int r = 0; r < requests; r++) {
      s.requests++;
      String prompt = PROMPTS.get((client + r) % PROMPTS.size());
      String body =
          String.format(
              Locale.ROOT,
              "{\"prompt\":%s,\"width\":%d,\"height\":%d,\"steps\":%d,\"n\":%d,\"seed\":%d,"
                  + "\"planner\":\"heuristic\"}",
              quote(prompt),
              size,
              size,
              steps,
              n,
              seed + 1000L * client + r);
      long start = System.nanoTime();
      try {
        HttpResponse<String> res =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/images"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() == 429) {
          s.rejected++;
          long wait = res.headers().firstValueAsLong("Retry-After").orElse(1);
          Thread.sleep(Math.min(2000, wait * 250)); // back off a little, then the next request
          continue;
        }
        if (res.statusCode() != 202) {
          s.failures++;
          s.problems.add("POST /v1/images " + res.statusCode() + ": " + res.body());
          continue;
        }
        s.accepted++;
        Matcher id = ID.matcher(res.body());
        if (!id.find()) {
          s.failures++;
          s.problems.add("202 without a job id: " + res.body());
          continue;
        }
        follow(base, id.group(1), n, start, s);
      } catch (IOException e) {
        s.failures++;
        s.problems.add("transport: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return s;
      }
    }
    return s;
  }

  private static void follow(String base, String id, int n, long start, Stats s)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (true) {
      HttpResponse<String> res =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/v1/jobs/" + id)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (res.statusCode() == 404) {
        s.lost++;
        s.problems.add("job " + id + " vanished");
        return;
      }
      if (res.statusCode() != 200) {
        s.failures++;
        s.problems.add("GET job " + res.statusCode() + ": " + res.body());
        return;
      }
      Matcher st = STATUS.matcher(res.body());
      String status = st.find() ? st.group(1) : "?";
      if (status.equals("done")) {
        s.jobNanos.add(System.nanoTime() - start);
        int got = 0;
        for (int k = 0; k < n; k++) {
          HttpResponse<byte[]> png =
              HTTP.send(
                  HttpRequest.newBuilder(
                          URI.create(base + "/v1/jobs/" + id + "/images/" + k + ".png"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
          byte[] b = png.body();
          if (png.statusCode() == 200
              && b.length > 8
              && b[1] == 'P'
              && b[2] == 'N'
              && b[3] == 'G') {
            got++;
          }
        }
        if (got != n) {
          s.failures++;
          s.problems.add("job " + id + ": " + got + " of " + n + " images");
          return;
        }
        s.done++;
        s.images += got;
        // the job's ocr member lists every (image, line) verdict once
        String body = res.body();
        int from = body.indexOf("\"ocr\":");
        int to = body.indexOf("\"result\":", Math.max(0, from));
        Matcher read = READ.matcher(from < 0 || to < 0 ? "" : body.substring(from, to));
        while (read.find()) {
          s.lines++;
          if (read.group(1).equals("true")) {
            s.linesRead++;
          }
        }
        return;
      }
      if (!status.equals("queued") && !status.equals("running")) {
        s.failures++;
        s.problems.add("job " + id + " ended " + status + ": " + res.body());
        return;
      }
      if (System.nanoTime() > deadline) {
        s.lost++;
        s.problems.add("job " + id + " still " + status + " after 10 min");
        return;
      }
      Thread.sleep(100);
    }
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
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
}
