package io.glyphwright.layout.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LlmPlannerConfigTest {
  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private static IllegalArgumentException refused(Map<String, String> env) {
    return assertThrows(
        IllegalArgumentException.class, () -> LlmPlannerConfig.from(env, new Properties()));
  }

  @Test
  void withoutABaseUrlTheErrorSaysWhatToSet() {
    IllegalArgumentException e = refused(Map.of("GLYPHWRIGHT_LLM_MODEL", "qwen2.5"));
    assertEquals(
        "the llm planner has no endpoint: set GLYPHWRIGHT_LLM_BASE_URL (or"
            + " -Dglyphwright.llm.base-url), e.g. http://localhost:11434 with"
            + " GLYPHWRIGHT_LLM_PROVIDER=ollama, or https://api.openai.com/v1 with"
            + " GLYPHWRIGHT_LLM_API_KEY",
        e.getMessage());
    assertEquals(e.getMessage(), refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", "  ")).getMessage());
  }

  @Test
  void onlyTheBaseUrlIsRequiredAndTheRestHasDefaults() {
    LlmPlannerConfig c =
        LlmPlannerConfig.from(
            Map.of("GLYPHWRIGHT_LLM_BASE_URL", "http://localhost:8000/v1/"), new Properties());
    assertEquals(LlmProvider.OPENAI, c.provider());
    assertEquals("http://localhost:8000/v1", c.baseUrl());
    assertEquals("gpt-4o-mini", c.model());
    assertNull(c.apiKey());
    assertEquals(Duration.ofSeconds(30), c.timeout());
    assertEquals(3, c.maxAttempts());
    assertEquals(Duration.ofMillis(500), c.backoff());
    assertNull(c.temperature());
    assertEquals(Duration.ofSeconds(90), c.budget());
  }

  @Test
  void everySettingIsReadAndAPropertyWinsOverTheVariable() {
    Map<String, String> env =
        Map.of(
            "GLYPHWRIGHT_LLM_PROVIDER", "openai",
            "GLYPHWRIGHT_LLM_BASE_URL", "http://env-host:1/v1",
            "GLYPHWRIGHT_LLM_MODEL", "env-model",
            "GLYPHWRIGHT_LLM_API_KEY", "env-key",
            "GLYPHWRIGHT_LLM_TIMEOUT_MS", "1000",
            "GLYPHWRIGHT_LLM_MAX_ATTEMPTS", "2",
            "GLYPHWRIGHT_LLM_BACKOFF_MS", "100",
            "GLYPHWRIGHT_LLM_TEMPERATURE", "0.7");
    LlmPlannerConfig fromEnv = LlmPlannerConfig.from(env, new Properties());
    assertEquals(
        new LlmPlannerConfig(
            LlmProvider.OPENAI,
            "http://env-host:1/v1",
            "env-model",
            "env-key",
            Duration.ofSeconds(1),
            2,
            Duration.ofMillis(100),
            0.7),
        fromEnv);
    LlmPlannerConfig c =
        LlmPlannerConfig.from(
            env,
            props(
                "glyphwright.llm.provider", " Ollama ",
                "glyphwright.llm.base-url", "http://127.0.0.1:11434",
                "glyphwright.llm.model", "qwen2.5:7b",
                "glyphwright.llm.timeout-ms", "2500",
                "glyphwright.llm.max-attempts", "1",
                "glyphwright.llm.backoff-ms", "0",
                "glyphwright.llm.temperature", "0"));
    assertEquals(LlmProvider.OLLAMA, c.provider());
    assertEquals("http://127.0.0.1:11434", c.baseUrl());
    assertEquals("qwen2.5:7b", c.model());
    assertEquals("env-key", c.apiKey());
    assertEquals(Duration.ofMillis(2500), c.timeout());
    assertEquals(1, c.maxAttempts());
    assertEquals(Duration.ZERO, c.backoff());
    assertEquals(0.0, c.temperature());
  }

  @Test
  void ollamaHasItsOwnDefaultModel() {
    LlmPlannerConfig c =
        LlmPlannerConfig.from(
            Map.of(
                "GLYPHWRIGHT_LLM_BASE_URL", "http://localhost:11434",
                "GLYPHWRIGHT_LLM_PROVIDER", "ollama"),
            new Properties());
    assertEquals("llama3.1", c.model());
  }

  @Test
  void badValuesNameTheSettingToFix() {
    String base = "http://localhost:11434";
    assertEquals(
        "GLYPHWRIGHT_LLM_PROVIDER: unknown LLM provider 'anthropic': use openai (any"
            + " OpenAI-compatible server) or ollama",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", base, "GLYPHWRIGHT_LLM_PROVIDER", "anthropic"))
            .getMessage());
    assertEquals(
        "GLYPHWRIGHT_LLM_TIMEOUT_MS must be a whole number from 1 to 600000 (ms), got '30s'",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", base, "GLYPHWRIGHT_LLM_TIMEOUT_MS", "30s"))
            .getMessage());
    assertEquals(
        "GLYPHWRIGHT_LLM_MAX_ATTEMPTS must be a whole number from 1 to 10 (attempts), got '0'",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", base, "GLYPHWRIGHT_LLM_MAX_ATTEMPTS", "0"))
            .getMessage());
    assertEquals(
        "GLYPHWRIGHT_LLM_BACKOFF_MS must be a whole number from 0 to 60000 (ms), got '-5'",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", base, "GLYPHWRIGHT_LLM_BACKOFF_MS", "-5"))
            .getMessage());
    assertEquals(
        "GLYPHWRIGHT_LLM_TEMPERATURE must be a number from 0 to 2, got 'NaN'",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", base, "GLYPHWRIGHT_LLM_TEMPERATURE", "NaN"))
            .getMessage());
    assertEquals(
        "GLYPHWRIGHT_LLM_BASE_URL 'localhost:11434' is not an http(s) URL with a host (e.g."
            + " http://localhost:11434 or https://api.openai.com/v1)",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", "localhost:11434")).getMessage());
    assertTrue(
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", "http://a b"))
            .getMessage()
            .startsWith("GLYPHWRIGHT_LLM_BASE_URL 'http://a b' is not a URL"));
    assertEquals(
        "GLYPHWRIGHT_LLM_BASE_URL 'http://h/v1?x=1' must not have a query or fragment: give the"
            + " API's root",
        refused(Map.of("GLYPHWRIGHT_LLM_BASE_URL", "http://h/v1?x=1")).getMessage());
  }

  @Test
  void theApiKeyIsNeverPrinted() {
    LlmPlannerConfig c =
        LlmPlannerConfig.of(LlmProvider.OPENAI, "https://api.openai.com/v1")
            .withApiKey("sk-very-secret");
    assertFalse(c.toString().contains("sk-very-secret"), c.toString());
    assertTrue(c.toString().contains("apiKey=(set)"), c.toString());
  }

  @Test
  void theRecordChecksItsRanges() {
    LlmPlannerConfig c = LlmPlannerConfig.of(LlmProvider.OLLAMA, "http://localhost:11434");
    assertThrows(
        IllegalArgumentException.class,
        () -> c.withRetries(Duration.ZERO, 3, Duration.ofMillis(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> c.withRetries(Duration.ofSeconds(1), 11, Duration.ofMillis(1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> c.withRetries(Duration.ofSeconds(1), 1, Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> c.withModel(" "));
    assertNull(c.withApiKey("  ").apiKey());
  }
}
