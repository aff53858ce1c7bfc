package io.glyphwright.layout.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server on 127.0.0.1 (a free port) that answers each request with the next scripted reply
 * (the last one repeats) and records what it was sent. Slow replies wait on a latch that {@link
 * #close()} releases, so no handler outlives the test.
 */
final class ReplayServer implements AutoCloseable {

  /** One scripted answer. */
  record Reply(int status, String body, Map<String, String> headers, Duration delay, Mode mode) {
    enum Mode {
      /** Status, headers and the whole body at once (after {@code delay}). */
      WHOLE,
      /** Headers at once, then the body one byte every {@code delay}. */
      TRICKLE,
      /** Headers promising the whole body, half of it, then the connection closed. */
      CUT
    }

    static Reply ok(String body) {
      return new Reply(
          200, body, Map.of("Content-Type", "application/json"), Duration.ZERO, Mode.WHOLE);
    }

    static Reply resource(String name) {
      return ok(read(name));
    }

    static Reply status(int status, String resourceName) {
      return new Reply(
          status,
          read(resourceName),
          Map.of("Content-Type", "application/json"),
          Duration.ZERO,
          Mode.WHOLE);
    }

    Reply header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, body, h, delay, mode);
    }

    Reply delayed(Duration d) {
      return new Reply(status, body, headers, d, mode);
    }

    Reply trickled(Duration perByte) {
      return new Reply(status, body, headers, perByte, Mode.TRICKLE);
    }

    Reply cut() {
      return new Reply(status, body, headers, delay, Mode.CUT);
    }
  }

  /** A request the server received. */
  record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Deque<Reply> script;
  private final List<Recorded> requests = new ArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  private ReplayServer(List<Reply> replies) throws IOException {
    this.script = new ArrayDeque<>(replies);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  static ReplayServer start(Reply... replies) {
    try {
      return new ReplayServer(List.of(replies));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  synchronized List<Recorded> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    Reply reply;
    try (InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        requests.add(
            new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        reply = script.size() > 1 ? script.poll() : script.peek();
      }
    }
    try {
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      switch (reply.mode()) {
        case WHOLE -> {
          if (!reply.delay().isZero() && pause(reply.delay())) {
            return;
          }
          exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        }
        case TRICKLE -> {
          exchange.sendResponseHeaders(reply.status(), 0);
          OutputStream out = exchange.getResponseBody();
          for (byte b : bytes) {
            out.write(b);
            out.flush();
            if (pause(reply.delay())) {
              return;
            }
          }
          out.close();
        }
        case CUT -> {
          exchange.sendResponseHeaders(reply.status(), bytes.length);
          OutputStream out = exchange.getResponseBody();
          out.write(bytes, 0, bytes.length / 2);
          out.flush();
        }
      }
    } catch (IOException e) {
      // The client gave up (a timeout under test): nothing to answer.
    } finally {
      exchange.close();
    }
  }

  /** Waits {@code d}; true when the server is closing meanwhile. */
  private boolean pause(Duration d) {
    try {
      return closing.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  static String read(String name) {
    try (InputStream in = ReplayServer.class.getResourceAsStream("/llm/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /llm/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
