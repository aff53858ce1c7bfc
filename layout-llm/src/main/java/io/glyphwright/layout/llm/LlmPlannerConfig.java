package io.glyphwright.layout.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where {@link LlmPlanner} sends its requests and how long it waits.
 *
 * <p>Read with {@link #fromEnvironment()}: each {@link Setting} comes from a system property
 * ({@code -Dglyphwright.llm.base-url=…}) or else an environment variable ({@code
 * GLYPHWRIGHT_LLM_BASE_URL=…}); only the base URL is required. docs/PLANNER.md lists them all.
 *
 * <p>Time bound: one plan takes at most {@code timeout × maxAttempts}, waits between attempts
 * included, whatever the endpoint does.
 *
 * @param provider the API spoken
 * @param baseUrl the API's root, without a trailing slash: {@code https://api.openai.com/v1} or
 *     {@code http://localhost:8000/v1} for OpenAI-compatible servers, {@code
 *     http://localhost:11434} for Ollama
 * @param model the model asked for
 * @param apiKey sent as {@code Authorization: Bearer …} to OpenAI-compatible servers; null sends
 *     none. Never printed by {@link #toString()}.
 * @param timeout the longest one attempt may take, connecting and reading the whole answer
 * @param maxAttempts how many times a request is tried (1 = no retry)
 * @param backoff the wait before the second attempt; it doubles before each later one (a 429 or 503
 *     answer's Retry-After, when longer, is waited instead)
 * @param temperature sampling temperature sent to the model; null leaves the server's default
 */
public record LlmPlannerConfig(
    LlmProvider provider,
    String baseUrl,
    String model,
    String apiKey,
    Duration timeout,
    int maxAttempts,
    Duration backoff,
    Double temperature) {

  /** Default {@link #timeout}: 30 s per attempt. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Default {@link #maxAttempts}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default {@link #backoff}. */
  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

  static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  static final int MAX_ATTEMPTS_LIMIT = 10;
  static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** The configuration keys: each has an environment variable and a system property. */
  public enum Setting {
    PROVIDER("GLYPHWRIGHT_LLM_PROVIDER", "glyphwright.llm.provider"),
    BASE_URL("GLYPHWRIGHT_LLM_BASE_URL", "glyphwright.llm.base-url"),
    MODEL("GLYPHWRIGHT_LLM_MODEL", "glyphwright.llm.model"),
    API_KEY("GLYPHWRIGHT_LLM_API_KEY", "glyphwright.llm.api-key"),
    TIMEOUT_MS("GLYPHWRIGHT_LLM_TIMEOUT_MS", "glyphwright.llm.timeout-ms"),
    MAX_ATTEMPTS("GLYPHWRIGHT_LLM_MAX_ATTEMPTS", "glyphwright.llm.max-attempts"),
    BACKOFF_MS("GLYPHWRIGHT_LLM_BACKOFF_MS", "glyphwright.llm.backoff-ms"),
    TEMPERATURE("GLYPHWRIGHT_LLM_TEMPERATURE", "glyphwright.llm.temperature");

    private final String env;
    private final String property;

    Setting(String env, String property) {
      this.env = env;
      this.property = property;
    }

    /** The environment variable, e.g. {@code GLYPHWRIGHT_LLM_BASE_URL}. */
    public String env() {
      return env;
    }

    /** The system property, e.g. {@code glyphwright.llm.base-url}; it wins over the variable. */
    public String property() {
      return property;
    }
  }

  public LlmPlannerConfig {
    Objects.requireNonNull(provider, "provider");
    baseUrl = checkBaseUrl(baseUrl, "baseUrl");
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("the LLM model name is empty");
    }
    model = model.strip();
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          "the LLM timeout must be from 1 ms to "
              + MAX_TIMEOUT.toMinutes()
              + " min, got "
              + timeout);
    }
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "the LLM attempts must be from 1 to " + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
    }
    Objects.requireNonNull(backoff, "backoff");
    if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
      throw new IllegalArgumentException(
          "the LLM backoff must be from 0 to " + MAX_BACKOFF.toSeconds() + " s, got " + backoff);
    }
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException(
          "the LLM temperature must be from 0 to 2, got " + temperature);
    }
  }

  /** A configuration with default model, no key, and the default timeout, attempts and backoff. */
  public static LlmPlannerConfig of(LlmProvider provider, String baseUrl) {
    return new LlmPlannerConfig(
        provider,
        baseUrl,
        provider.defaultModel(),
        null,
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF,
        null);
  }

  /** This configuration with another model. */
  public LlmPlannerConfig withModel(String newModel) {
    return new LlmPlannerConfig(
        provider, baseUrl, newModel, apiKey, timeout, maxAttempts, backoff, temperature);
  }

  /** This configuration with another API key (null for none). */
  public LlmPlannerConfig withApiKey(String newApiKey) {
    return new LlmPlannerConfig(
        provider, baseUrl, model, newApiKey, timeout, maxAttempts, backoff, temperature);
  }

  /** This configuration with another per-attempt timeout, attempt count and backoff. */
  public LlmPlannerConfig withRetries(
      Duration newTimeout, int newMaxAttempts, Duration newBackoff) {
    return new LlmPlannerConfig(
        provider, baseUrl, model, apiKey, newTimeout, newMaxAttempts, newBackoff, temperature);
  }

  /** The longest one plan may take: {@code timeout × maxAttempts}. */
  public Duration budget() {
    return timeout.multipliedBy(maxAttempts);
  }

  /**
   * Reads the configuration from the system properties and the environment.
   *
   * @throws IllegalArgumentException when no base URL is set ("set GLYPHWRIGHT_LLM_BASE_URL …") or
   *     a value is out of range, naming the variable or property to fix
   */
  public static LlmPlannerConfig fromEnvironment() {
    return from(System.getenv(), System.getProperties());
  }

  /**
   * Reads the configuration from the given environment and properties (a property wins over a
   * variable of the same setting). Blank values count as unset.
   *
   * @throws IllegalArgumentException as {@link #fromEnvironment()}
   */
  public static LlmPlannerConfig from(Map<String, String> env, Properties properties) {
    Map<Setting, Source> values = new HashMap<>();
    for (Setting s : Setting.values()) {
      String prop = properties.getProperty(s.property);
      if (prop != null && !prop.isBlank()) {
        values.put(s, new Source(s.property, prop.strip()));
        continue;
      }
      String var = env.get(s.env);
      if (var != null && !var.isBlank()) {
        values.put(s, new Source(s.env, var.strip()));
      }
    }
    Source base = values.get(Setting.BASE_URL);
    if (base == null) {
      throw new IllegalArgumentException(
          "the llm planner has no endpoint: set "
              + Setting.BASE_URL.env
              + " (or -D"
              + Setting.BASE_URL.property
              + "), e.g. http://localhost:11434 with "
              + Setting.PROVIDER.env
              + "=ollama, or https://api.openai.com/v1 with "
              + Setting.API_KEY.env);
    }
    LlmProvider provider = LlmProvider.OPENAI;
    Source p = values.get(Setting.PROVIDER);
    if (p != null) {
      try {
        provider = LlmProvider.lookup(p.value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(p.name + ": " + e.getMessage(), e);
      }
    }
    String baseUrl = checkBaseUrl(base.value, base.name);
    Source m = values.get(Setting.MODEL);
    String model = m == null ? provider.defaultModel() : m.value;
    Source k = values.get(Setting.API_KEY);
    String apiKey = k == null ? null : k.value;
    Duration timeout =
        Duration.ofMillis(
            integer(values.get(Setting.TIMEOUT_MS), DEFAULT_TIMEOUT.toMillis(), 1, 600_000, "ms"));
    int attempts =
        (int)
            integer(
                values.get(Setting.MAX_ATTEMPTS),
                DEFAULT_MAX_ATTEMPTS,
                1,
                MAX_ATTEMPTS_LIMIT,
                "attempts");
    Duration backoff =
        Duration.ofMillis(
            integer(values.get(Setting.BACKOFF_MS), DEFAULT_BACKOFF.toMillis(), 0, 60_000, "ms"));
    Double temperature = null;
    Source t = values.get(Setting.TEMPERATURE);
    if (t != null) {
      try {
        temperature = Double.valueOf(t.value);
      } catch (NumberFormatException e) {
        temperature = Double.NaN;
      }
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException(
            t.name + " must be a number from 0 to 2, got '" + t.value + "'");
      }
    }
    return new LlmPlannerConfig(
        provider, baseUrl, model, apiKey, timeout, attempts, backoff, temperature);
  }

  @Override
  public String toString() {
    return "LlmPlannerConfig[provider="
        + provider.id()
        + ", baseUrl="
        + baseUrl
        + ", model="
        + model
        + ", apiKey="
        + (apiKey == null ? "none" : "(set)")
        + ", timeout="
        + timeout.toMillis()
        + " ms, maxAttempts="
        + maxAttempts
        + ", backoff="
        + backoff.toMillis()
        + " ms, temperature="
        + (temperature == null ? "server default" : temperature)
        + "]";
  }

  private record Source(String name, String value) {}

  private static long integer(Source s, long fallback, long min, long max, String unit) {
    if (s == null) {
      return fallback;
    }
    long v;
    try {
      v = Long.parseLong(s.value);
    } catch (NumberFormatException e) {
      v = Long.MIN_VALUE;
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          s.name
              + " must be a whole number from "
              + min
              + " to "
              + max
              + " ("
              + unit
              + "), got '"
              + s.value
              + "'");
    }
    return v;
  }

  private static String checkBaseUrl(String url, String name) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException(name + " is empty: give the LLM endpoint's http(s) URL");
    }
    String u = url.strip();
    URI uri;
    try {
      uri = new URI(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          name + " '" + u + "' is not a URL: " + e.getReason() + " (e.g. http://localhost:11434)",
          e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          name
              + " '"
              + u
              + "' is not an http(s) URL with a host (e.g. http://localhost:11434 or"
              + " https://api.openai.com/v1)");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(
          name + " '" + u + "' must not have a query or fragment: give the API's root");
    }
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
