package io.glyphwright.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileTest {
  @TempDir Path dir;

  @Test
  void readsTheTinyPromptFile() throws Exception {
    List<EvalPrompt> prompts = PromptFile.read(TestFiles.resource("tiny-prompts.jsonl"));
    assertEquals(3, prompts.size());
    assertEquals("tiny-en", prompts.get(0).id());
    assertEquals(List.of("SUMMER SALE", "50% OFF"), prompts.get(0).texts());
    assertEquals(Language.ZH, prompts.get(1).lang());
    assertEquals(Language.MIXED, prompts.get(2).lang());
  }

  @Test
  void everyBadLineIsReportedWithItsNumberInOneMessage() throws Exception {
    Path file = TestFiles.resource("bad-prompts.jsonl");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptFile.read(file));
    String msg = e.getMessage();
    assertTrue(msg.contains("has 5 bad lines"), msg);
    assertTrue(msg.contains("line 2: not valid JSON"), msg);
    assertTrue(msg.contains("line 3: 'texts' must be a non-empty array"), msg);
    assertTrue(msg.contains("line 5: missing or blank 'prompt'"), msg);
    assertTrue(msg.contains("line 6: unknown language 'fr'"), msg);
    assertTrue(msg.contains("line 7: id 'ok-1' is already used on line 1"), msg);
    assertFalse(msg.contains("evaluated): line 1:"), "line 1 is good: " + msg);
    assertFalse(msg.contains("line 4:"), "blank lines are skipped: " + msg);
    assertFalse(msg.contains("[Source"), "no parser internals: " + msg);
    assertFalse(msg.contains("\n"), "one line: " + msg);
  }

  @Test
  void anEmptyFileSaysWhatALineLooksLike() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.jsonl"), "\n\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptFile.read(file));
    assertTrue(e.getMessage().contains("holds no prompts"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("nope.jsonl");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptFile.read(file));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void notUtf8IsRefused() throws IOException {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PromptFile.read(file));
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void languageIsInferredFromScripts() {
    assertEquals(Language.EN, Language.of(List.of("SALE", "50% OFF")));
    assertEquals(Language.ZH, Language.of(List.of("新年快乐", "2025")));
    assertEquals(Language.MIXED, Language.of(List.of("EXIT", "出口")));
  }
}
