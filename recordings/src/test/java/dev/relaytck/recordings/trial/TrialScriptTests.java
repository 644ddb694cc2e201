package dev.relaytck.recordings.trial;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.recordings.record.ScriptedSessionPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay upstream's scripted model for the trial answers from what reached it, so a relay that
 * loses part of a request fails the task; and the sample project holds the facts the tasks check.
 * Requests have the shape Claude Code 2.1.330 sends (the captured main-loop request, prompt replaced).
 */
class TrialScriptTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path PROJECT = Path.of("/tmp/relay-tck-trial-x/reading");

  /** The captured first main-loop request with {@code prompt} as the typed text. */
  private static ObjectNode firstTurn(String prompt) {
    ObjectNode body = ClaudeCodeRecordings.all().get(0).request().body().deepCopy();
    ((ObjectNode) body.path("messages").get(0).path("content").get(1)).put("text", prompt);
    return body;
  }

  /** Appends an assistant turn and a user turn holding one tool result. */
  private static ObjectNode withToolResult(ObjectNode body, String toolUseId, String result) {
    ArrayNode messages = (ArrayNode) body.path("messages");
    messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "text").put("text", "working");
    messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
        .put("tool_use_id", toolUseId).put("content", result);
    return body;
  }

  private static String answer(TrialScript script, ObjectNode request) {
    TrialScript.Answer a = script.answer(request, 1).orElseThrow();
    assertThat(a.status()).isEqualTo(200);
    StringBuilder text = new StringBuilder();
    for (String line : a.body().split("\n")) {
      if (line.startsWith("data: ") && line.contains("text_delta")) {
        try {
          text.append(JSON.readTree(line.substring(6)).path("delta").path("text").asText());
        } catch (java.io.IOException e) {
          throw new AssertionError(e);
        }
      }
    }
    return text.length() > 0 ? text.toString() : a.body();
  }

  /** The tool input, reassembled from its input_json_delta fragments. */
  private static String toolInput(String sse) {
    StringBuilder input = new StringBuilder();
    for (String line : sse.split("\n")) {
      if (!line.startsWith("data: ") || !line.contains("input_json_delta")) continue;
      try {
        input.append(JSON.readTree(line.substring(6)).path("delta").path("partial_json").asText());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    return input.toString();
  }

  @Test
  void eachTaskIsRecognisedByItsPromptAndNothingElseIs() {
    for (TrialTask task : TrialTask.values()) {
      if (task == TrialTask.CONTINUE) continue;
      assertThat(TrialScript.taskOf(firstTurn(task.prompt(PROJECT)))).as(task.id()).contains(task);
    }
    assertThat(TrialScript.taskOf(firstTurn(ScriptedSessionPrompt.prompt(Path.of("/tmp/p/src/Greeting.java"))))).isEmpty();
    assertThat(TrialScript.taskOf(firstTurn("Read /tmp/x/src/inventory.js and tell me something else."))).isEmpty();
    ObjectNode resumed = firstTurn(TrialTask.READING.prompt(PROJECT));
    ((ArrayNode) resumed.path("messages")).addObject().put("role", "user").put("content", TrialTask.CONTINUE.prompt(PROJECT));
    assertThat(TrialScript.taskOf(resumed)).contains(TrialTask.CONTINUE);
  }

  @Test
  void codeReadingAnswersFromTheToolResultItReceived() {
    TrialScript script = new TrialScript(JSON);
    ObjectNode first = firstTurn(TrialTask.READING.prompt(PROJECT));
    String read = script.answer(first, 1).orElseThrow().body();
    assertThat(read).contains(TrialScript.READING_READ_ID).contains("\"name\":\"Read\"");
    assertThat(toolInput(read)).isEqualTo("{\"file_path\":\"" + PROJECT + "/src/inventory.js\"}");

    String source = SampleProject.read("src/inventory.js");
    assertThat(answer(script, withToolResult(firstTurn(TrialTask.READING.prompt(PROJECT)), TrialScript.READING_READ_ID, source)))
        .isEqualTo(SampleProject.THRESHOLD);
    assertThat(answer(script, withToolResult(firstTurn(TrialTask.READING.prompt(PROJECT)), TrialScript.READING_READ_ID, "")))
        .as("a tool result lost on the way").contains("could not find");
  }

  @Test
  void theEditIsMadeOnlyWhenTheReadResultHoldsTheFaultyLine() {
    TrialScript script = new TrialScript(JSON);
    String edit = script.answer(withToolResult(firstTurn(TrialTask.EDIT.prompt(PROJECT)), TrialScript.EDIT_READ_ID,
        SampleProject.read("src/price.js")), 2).orElseThrow().body();
    assertThat(edit).contains(TrialScript.EDIT_ID).contains("\"name\":\"Edit\"");
    assertThat(toolInput(edit)).contains("\"old_string\":\"" + SampleProject.BUG + "\"").contains(PROJECT + "/src/price.js");
    assertThat(answer(script, withToolResult(firstTurn(TrialTask.EDIT.prompt(PROJECT)), TrialScript.EDIT_READ_ID, "truncated")))
        .contains("could not find the faulty line");
    assertThat(answer(script, withToolResult(firstTurn(TrialTask.EDIT.prompt(PROJECT)), TrialScript.EDIT_ID, "updated")))
        .isEqualTo(TrialScript.EDIT_DONE);
  }

  @Test
  void longContextRecallFindsTheCodeOnlyWhenTheWholeLedgerArrived() {
    TrialScript script = new TrialScript(JSON);
    String ledger = SampleProject.ledger();
    String prompt = TrialTask.LONG_CONTEXT.prompt(PROJECT);
    assertThat(answer(script, firstTurn(ledger + "\n\n" + prompt))).isEqualTo(SampleProject.VAULT_CODE);
    String truncated = ledger.substring(0, ledger.length() / 2) + ledger.substring(ledger.length() * 3 / 4);
    assertThat(answer(script, firstTurn(truncated + "\n\n" + prompt))).contains("no vault code");
  }

  @Test
  void theResumedSessionAnswersFromItsHistory() {
    TrialScript script = new TrialScript(JSON);
    ObjectNode resumed = withToolResult(firstTurn(TrialTask.READING.prompt(PROJECT)), TrialScript.READING_READ_ID, "x");
    ArrayNode messages = (ArrayNode) resumed.path("messages");
    messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "text").put("text", "37");
    messages.addObject().put("role", "user").putArray("content").addObject().put("type", "text").put("text", TrialTask.CONTINUE.prompt(PROJECT));
    assertThat(answer(script, resumed)).isEqualTo("37");

    ObjectNode forgotten = firstTurn(TrialTask.CONTINUE.prompt(PROJECT));
    assertThat(answer(script, forgotten)).as("history dropped by the relay").contains("no previous answer");
  }

  @Test
  void theRetryTaskIsOverloadedOncePerSession() {
    TrialScript script = new TrialScript(JSON);
    ObjectNode a = firstTurn(TrialTask.RETRY.prompt(PROJECT));
    ((ObjectNode) a.path("metadata")).put("user_id", "{\"device_id\":\"d\",\"session_id\":\"session-a\"}");
    ObjectNode b = a.deepCopy();
    ((ObjectNode) b.path("metadata")).put("user_id", "{\"device_id\":\"d\",\"session_id\":\"session-b\"}");
    assertThat(script.answer(a, 1).orElseThrow().overloaded()).isTrue();
    assertThat(answer(script, a)).isEqualTo("ready");
    assertThat(script.answer(b, 3).orElseThrow().overloaded()).as("another session").isTrue();
  }

  @Test
  void theSampleProjectHoldsWhatTheTasksCheck(@TempDir Path dir) throws Exception {
    String ledger = SampleProject.ledger();
    assertThat(ledger).isEqualTo(SampleProject.ledger());
    assertThat(ledger.length()).as("about 60,000 tokens at about four characters per token").isBetween(220_000, 300_000);
    assertThat(ledger.split(SampleProject.VAULT_CODE, -1)).hasSize(2);
    assertThat(ledger.lines().toList().get(1_899)).contains(SampleProject.VAULT_CODE);
    assertThat(SampleProject.read("src/price.js").split(java.util.regex.Pattern.quote(SampleProject.BUG), -1)).hasSize(2);
    assertThat(SampleProject.read("src/inventory.js")).contains("REORDER_THRESHOLD = " + SampleProject.THRESHOLD + ";");

    SampleProject.copyTo(dir);
    for (String f : SampleProject.FILES) assertThat(dir.resolve(f)).isRegularFile();
    assertThat(Files.readString(dir.resolve(SampleProject.LEDGER))).isEqualTo(ledger);
    assertThat(TrialTask.EDIT.prompt(dir)).contains(dir + "/src/price.js");
    assertThat(Optional.of(TrialTask.QA.prompt(dir))).hasValueSatisfying(p -> assertThat(p).doesNotContain(dir.toString()));
  }
}
