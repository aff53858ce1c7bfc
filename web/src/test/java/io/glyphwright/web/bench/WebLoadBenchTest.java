package io.glyphwright.web.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebLoadBenchTest {
  @Test
  void findsTopLevelMembersOnly() {
    String json =
        "{\"layout\":{\"width\":512,\"lines\":[{\"text\":\"a \\\"}\\\" b\",\"planner\":\"x\"}]},"
            + " \"td2\":\"SALE [1,2]\",\"planner\":\"lm\",\"notes\":[]}";
    assertThat(WebLoadBench.member(json, "layout"))
        .isEqualTo("{\"width\":512,\"lines\":[{\"text\":\"a \\\"}\\\" b\",\"planner\":\"x\"}]}");
    assertThat(WebLoadBench.member(json, "planner")).isEqualTo("\"lm\"");
    assertThat(WebLoadBench.member(json, "notes")).isEqualTo("[]");
    assertThat(WebLoadBench.member(json, "width")).isNull();
  }

  @Test
  void quotesPromptsAsJsonStrings() {
    assertThat(WebLoadBench.quote("say \"hi\" \\ 新年快乐\n"))
        .isEqualTo("\"say \\\"hi\\\" \\\\ 新年快乐\\n\"");
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = (i + 1) * 1_000_000L;
    }
    assertThat(WebLoadBench.rank(sorted, 0.50)).isEqualTo(50_000_000L);
    assertThat(WebLoadBench.rank(sorted, 0.99)).isEqualTo(99_000_000L);
    assertThat(WebLoadBench.percentiles(List.of(3_000_000L, 1_000_000L, 2_000_000L)))
        .isEqualTo("2.0 / 3.0 / 3.0");
    assertThat(WebLoadBench.percentiles(List.of())).isEqualTo("-");
  }

  @Test
  void everyPromptQuotesAText() {
    assertThat(WebLoadBench.PROMPTS).hasSizeGreaterThanOrEqualTo(20);
    assertThat(WebLoadBench.PROMPTS).allMatch(p -> p.contains("'") || p.contains("“"));
  }
}
