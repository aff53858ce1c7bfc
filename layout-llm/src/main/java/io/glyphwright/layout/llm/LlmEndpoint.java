package io.glyphwright.layout.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.glyphwright.layout.llm.LlmPlannerException.Kind;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configured chat endpoint: sends a chat through LangChain4j and returns the answer's text,
 * with a deadline on each attempt, bounded retries with exponential backoff, Retry-After honoured,
 * and failures turned into {@link LlmPlannerException}s that say what to fix.
 *
 * <p>Retried: timeouts, connection failures, HTTP 408, 425, 429 and 5xx. Not retried: other HTTP
 * errors (401, 404… will not change by asking again) and answers that are not chat responses. The
 * whole call ends within {@link LlmPlannerConfig#budget()}: an attempt gets the configured timeout
 * or what is left of the budget, and a wait that would not leave room for another attempt ends the
 * call at once. LangChain4j's own retries are off.
 */
final class LlmEndpoint {
  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"(?:message|error)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final int PREVIEW = 200;

  private final LlmPlannerConfig config;
  private final HttpClient http;

  LlmEndpoint(LlmPlannerConfig config) {
    this.config = config;
    // HTTP/1.1: the JDK's default asks plain-http servers to upgrade to h2c, which some
    // self-hosted LLM servers mishandle; a chat request gains nothing from HTTP/2.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * Sends the chat and returns the text of the answer.
   *
   * @throws LlmPlannerException when no attempt gave an answer with text
   */
  String chat(List<ChatMessage> messages) {
    ChatRequest request = ChatRequest.builder().messages(messages).build();
    long start = System.nanoTime();
    long end = start + config.budget().toNanos();
    long timeout = config.timeout().toNanos();
    Failure last = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      long now = System.nanoTime();
      long deadline = now + Math.min(timeout, end - now);
      try {
        return text(model(deadline).chat(request));
      } catch (LlmPlannerException e) {
        throw e;
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new LlmPlannerException(
              Kind.TIMEOUT, "interrupted while waiting for the LLM endpoint " + where(), e);
        }
        last = classify(e);
      }
      if (!last.retriable() || attempt == config.maxAttempts()) {
        throw last.exception(attempt, start, "");
      }
      Duration wait = config.backoff().multipliedBy(1L << (attempt - 1));
      if (last.retryAfter() != null && last.retryAfter().compareTo(wait) > 0) {
        wait = last.retryAfter();
      }
      long left = end - System.nanoTime();
      if (wait.toNanos() >= left) {
        String why =
            last.retryAfter() != null && last.retryAfter().equals(wait)
                ? "; it asked to retry after " + seconds(wait.toNanos()) + ", past the budget of "
                : "; no time left for another attempt within the budget of ";
        throw last.exception(
            attempt,
            start,
            why
                + seconds(config.budget().toNanos())
                + " ("
                + LlmPlannerConfig.Setting.TIMEOUT_MS.env()
                + " × "
                + LlmPlannerConfig.Setting.MAX_ATTEMPTS.env()
                + ")");
      }
      try {
        Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LlmPlannerException(
            Kind.TIMEOUT, "interrupted while waiting to retry the LLM endpoint " + where(), e);
      }
    }
    // Reached only when the budget ran out before an attempt could start.
    throw last.exception(config.maxAttempts(), start, "");
  }

  private ChatModel model(long deadline) {
    HttpClientBuilder transport = DeadlineHttpClient.builder(http, deadline);
    return switch (config.provider()) {
      case OPENAI ->
          OpenAiChatModel.builder()
              .httpClientBuilder(transport)
              .baseUrl(config.baseUrl())
              .apiKey(config.apiKey())
              .modelName(config.model())
              .temperature(config.temperature())
              .maxRetries(0)
              .build();
      case OLLAMA ->
          OllamaChatModel.builder()
              .maxRetries(0)
              .httpClientBuilder(transport)
              .baseUrl(config.baseUrl())
              .modelName(config.model())
              .temperature(config.temperature())
              // An Ollama behind an authenticating proxy takes the key as a bearer token.
              .customHeaders(
                  config.apiKey() == null
                      ? Map.of()
                      : Map.of("Authorization", "Bearer " + config.apiKey()))
              .build();
    };
  }

  private String text(ChatResponse response) {
    AiMessage message = response == null ? null : response.aiMessage();
    String text = message == null ? null : message.text();
    if (text == null || text.isBlank()) {
      throw new LlmPlannerException(
          Kind.BAD_REPLY,
          "the LLM endpoint "
              + where()
              + " answered with no text"
              + (response != null && response.finishReason() != null
                  ? " (finish reason " + response.finishReason() + ")"
                  : "")
              + ": check that "
              + config.model()
              + " is a chat model");
    }
    return text;
  }

  private String where() {
    return config.baseUrl() + " (" + config.provider().id() + ", model " + config.model() + ")";
  }

  /** What one failed attempt says about the endpoint. */
  private record Failure(Kind kind, boolean retriable, Duration retryAfter, String what) {
    LlmPlannerException exception(int attempts, long start, String suffix) {
      return new LlmPlannerException(
          kind,
          what
              + (attempts > 1
                  ? " (" + attempts + " attempts in " + seconds(System.nanoTime() - start) + ")"
                  : "")
              + suffix);
    }
  }

  private Failure classify(RuntimeException e) {
    if (cause(e, DeadlineHttpClient.AttemptTimeoutException.class) != null
        || cause(e, java.net.http.HttpTimeoutException.class) != null
        || cause(e, dev.langchain4j.exception.TimeoutException.class) != null) {
      return new Failure(
          Kind.TIMEOUT,
          true,
          null,
          "the LLM endpoint "
              + where()
              + " gave no complete answer within "
              + seconds(config.timeout().toNanos())
              + " per attempt: raise "
              + LlmPlannerConfig.Setting.TIMEOUT_MS.env()
              + " or check the server");
    }
    HttpException http = cause(e, HttpException.class);
    if (http != null) {
      return httpFailure(http);
    }
    DeadlineHttpClient.AnswerTooLongException tooLong =
        cause(e, DeadlineHttpClient.AnswerTooLongException.class);
    if (tooLong != null) {
      return notAChatResponse(tooLong.getMessage());
    }
    JsonProcessingException json = cause(e, JsonProcessingException.class);
    if (json != null) {
      return notAChatResponse(preview(json.getOriginalMessage()));
    }
    Throwable connect = cause(e, java.net.ConnectException.class);
    connect = connect != null ? connect : cause(e, java.net.UnknownHostException.class);
    connect = connect != null ? connect : cause(e, UnresolvedAddressException.class);
    connect = connect != null ? connect : cause(e, UnresolvedModelServerException.class);
    if (connect != null) {
      return new Failure(
          Kind.UNREACHABLE,
          true,
          null,
          "cannot connect to the LLM endpoint "
              + where()
              + " ("
              + (connect instanceof java.net.ConnectException && connect.getMessage() == null
                  ? "connection refused"
                  : connect instanceof UnresolvedAddressException
                      ? "unknown host"
                      : describe(connect))
              + "): check "
              + LlmPlannerConfig.Setting.BASE_URL.env()
              + " and that the server is running");
    }
    IOException io = cause(e, IOException.class);
    if (io != null) {
      return new Failure(
          Kind.UNREACHABLE,
          true,
          null,
          "the connection to the LLM endpoint " + where() + " broke off (" + describe(io) + ")");
    }
    return notAChatResponse(describe(e));
  }

  private Failure notAChatResponse(String detail) {
    return new Failure(
        Kind.BAD_REPLY,
        false,
        null,
        "the LLM endpoint "
            + where()
            + " answered with something that is not a chat response of the "
            + config.provider().id()
            + " API ("
            + detail
            + "): check "
            + LlmPlannerConfig.Setting.PROVIDER.env()
            + " and "
            + LlmPlannerConfig.Setting.BASE_URL.env());
  }

  /** The first throwable of {@code type} in the cause chain of {@code e}, or null. */
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private Failure httpFailure(HttpException h) {
    int status = h.statusCode();
    Duration retryAfter =
        h instanceof DeadlineHttpClient.HttpStatusException s ? s.retryAfter() : null;
    boolean retriable = status == 408 || status == 425 || status == 429 || status >= 500;
    String hint;
    if (status == 401 || status == 403) {
      hint =
          config.apiKey() == null
              ? "set " + LlmPlannerConfig.Setting.API_KEY.env()
              : "check " + LlmPlannerConfig.Setting.API_KEY.env();
    } else if (status == 404) {
      hint =
          "check "
              + LlmPlannerConfig.Setting.MODEL.env()
              + " ('"
              + config.model()
              + "') and "
              + LlmPlannerConfig.Setting.BASE_URL.env()
              + " (OpenAI-compatible servers usually end in /v1, Ollama's does not)";
    } else if (status == 429) {
      hint = "the server is rate limiting; try again later";
    } else if (status >= 500) {
      hint = "the server failed; see its log";
    } else {
      hint =
          "the server refused the request; check "
              + LlmPlannerConfig.Setting.MODEL.env()
              + " and "
              + LlmPlannerConfig.Setting.PROVIDER.env();
    }
    String detail = errorMessage(h.getMessage());
    return new Failure(
        Kind.REFUSED,
        retriable,
        retryAfter,
        "the LLM endpoint "
            + where()
            + " answered HTTP "
            + status
            + (detail.isEmpty() ? "" : " (" + detail + ")")
            + ": "
            + hint);
  }

  /** The error message inside an OpenAI or Ollama error body, or the body itself, shortened. */
  static String errorMessage(String body) {
    if (body == null) {
      return "";
    }
    Matcher m = JSON_MESSAGE.matcher(body);
    String text = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", " ") : body;
    return preview(text);
  }

  /** One line of at most {@value #PREVIEW} characters, control characters removed. */
  static String preview(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("[\\p{Cc}\\s]+", " ").strip();
    return line.codePointCount(0, line.length()) <= PREVIEW
        ? line
        : line.substring(0, line.offsetByCodePoints(0, PREVIEW)) + "…";
  }

  /** The exception's message, or its class name when it has none, as one short line. */
  private static String describe(Throwable t) {
    String message = t.getMessage();
    return preview(message == null || message.isBlank() ? t.getClass().getSimpleName() : message);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
