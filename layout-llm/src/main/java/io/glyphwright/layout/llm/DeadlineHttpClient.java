package io.glyphwright.layout.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * LangChain4j's HTTP transport for one attempt, over the JDK client, with a hard deadline on the
 * whole exchange (connect, send, read every byte of the answer) and the answer's Retry-After kept
 * on errors, which LangChain4j's own clients drop.
 *
 * <p>The JDK request timeout alone stops waiting once the headers arrive; a server that trickles
 * its body would hold the caller for ever. Here the exchange is cancelled at the deadline.
 */
final class DeadlineHttpClient implements HttpClient {
  /** Longest answer read; a chat answer with a layout is a few kilobytes. */
  static final int MAX_BODY_BYTES = 4 << 20;

  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final java.net.http.HttpClient http;
  private final long deadlineNanos;

  /**
   * @param http the shared JDK client
   * @param deadlineNanos {@link System#nanoTime()} after which the attempt has failed
   */
  DeadlineHttpClient(java.net.http.HttpClient http, long deadlineNanos) {
    this.http = http;
    this.deadlineNanos = deadlineNanos;
  }

  /** A builder that LangChain4j's model builders accept; their timeouts are ignored. */
  static HttpClientBuilder builder(java.net.http.HttpClient http, long deadlineNanos) {
    return new HttpClientBuilder() {
      private Duration connect;
      private Duration read;

      @Override
      public Duration connectTimeout() {
        return connect;
      }

      @Override
      public HttpClientBuilder connectTimeout(Duration timeout) {
        this.connect = timeout;
        return this;
      }

      @Override
      public Duration readTimeout() {
        return read;
      }

      @Override
      public HttpClientBuilder readTimeout(Duration timeout) {
        this.read = timeout;
        return this;
      }

      @Override
      public HttpClient build() {
        return new DeadlineHttpClient(http, deadlineNanos);
      }
    };
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new AttemptTimeoutException();
    }
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
            .timeout(Duration.ofNanos(left));
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> b.header(name, v));
              }
            });
    String body = request.body() == null ? "" : request.body();
    switch (request.method()) {
      case GET -> b.GET();
      case DELETE -> b.DELETE();
      case POST -> b.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
    }
    CompletableFuture<HttpResponse<String>> pending =
        http.sendAsync(b.build(), info -> new CappedBody(MAX_BODY_BYTES));
    HttpResponse<String> response;
    try {
      response = pending.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new AttemptTimeoutException();
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted"));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw new AttemptTimeoutException();
      }
      if (cause instanceof AnswerTooLongException tooLong) {
        throw tooLong;
      }
      if (cause instanceof IOException io) {
        throw new UncheckedIOException(io);
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new UncheckedIOException(new IOException(String.valueOf(cause), cause));
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      Duration retryAfter =
          response
              .headers()
              .firstValue("Retry-After")
              .map(v -> retryAfter(v, Instant.now()))
              .orElse(null);
      throw new HttpStatusException(status, response.body(), retryAfter);
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(status)
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    throw new UnsupportedOperationException("the llm planner does not stream");
  }

  /**
   * A Retry-After value (delta-seconds or an HTTP date) as a wait from {@code now}; null when it is
   * neither.
   */
  static Duration retryAfter(String value, Instant now) {
    String v = value.strip();
    if (v.matches("\\d{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** No complete answer before the attempt's deadline. */
  static final class AttemptTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AttemptTimeoutException() {
      super("no complete answer before the deadline");
    }
  }

  /** An answer longer than {@link #MAX_BODY_BYTES}: not a layout, and not worth asking again. */
  static final class AnswerTooLongException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AnswerTooLongException(int limit) {
      super("the answer is longer than " + (limit >> 20) + " MiB");
    }
  }

  /** An HTTP error status, with the wait the server asked for (null when it asked for none). */
  static final class HttpStatusException extends HttpException {
    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    HttpStatusException(int statusCode, String body, Duration retryAfter) {
      super(statusCode, body);
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  /** Collects the body as UTF-8 text, failing once it passes {@code limit} bytes. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<String> {
    private final int limit;
    private final List<ByteBuffer> parts = new ArrayList<>();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private long size;
    private Flow.Subscription subscription;

    CappedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<String> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        size += item.remaining();
        parts.add(item);
      }
      if (size > limit) {
        subscription.cancel();
        parts.clear();
        result.completeExceptionally(new AnswerTooLongException(limit));
      }
    }

    @Override
    public void onError(Throwable error) {
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      if (result.isDone()) {
        return;
      }
      byte[] all = new byte[(int) size];
      int at = 0;
      for (ByteBuffer part : parts) {
        int n = part.remaining();
        part.get(all, at, n);
        at += n;
      }
      result.complete(new String(all, StandardCharsets.UTF_8));
    }
  }
}
