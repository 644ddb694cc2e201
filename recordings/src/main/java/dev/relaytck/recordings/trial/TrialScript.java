package dev.relaytck.recordings.trial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.recordings.record.ScriptedStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay upstream's scripted model for the trial's Claude Code tasks ({@link TrialTask}). It
 * answers from what reached it, as a model would: the code-reading answer is taken from the tool
 * result the CLI sent back, the vault code from the ledger in the prompt, the resumed session's answer
 * from the history. So a relay that truncates the ledger, loses a tool result or drops the history
 * makes the task fail hermetically, the same way it would with the real model.
 *
 * <p>Turns are recognised from the request itself (the last user message's tool results), never by
 * counting, because Claude Code's background calls interleave. Only the retry task keeps state: the
 * first main-loop request of each Claude Code session (its {@code metadata.user_id} session id) is
 * answered 529 {@code overloaded_error}.
 */
public final class TrialScript {
  static final String READING_READ_ID = "toolu_01RelayTckTrialRead0001";
  static final String EDIT_READ_ID = "toolu_01RelayTckTrialRead0002";
  static final String EDIT_ID = "toolu_01RelayTckTrialEdit0003";
  static final String QA_ANSWER = "It runs the project's tests with the test runner built into Node.js.";
  static final String EDIT_DONE = "Fixed applyDiscount: it now takes a percentage of the total, so `node --test` passes.";
  private static final Pattern THRESHOLD = Pattern.compile("REORDER_THRESHOLD\\s*=\\s*(\\d+)");
  private static final Pattern VAULT = Pattern.compile("vault code for this entry is ([A-Z]+-[A-Z]+-\\d+)");
  private static final Pattern NUMBER = Pattern.compile("\\b(\\d+)\\b");
  private static final Pattern SESSION = Pattern.compile("\"session_id\"\\s*:\\s*\"([^\"]+)\"");
  private static final int REMEMBERED_SESSIONS = 1_024;

  /** One answer: 200 with an SSE body, or 529 (overloaded) with no body of its own. */
  public record Answer(TrialTask task, int status, String body) {
    public boolean overloaded() {
      return status == 529;
    }
  }

  private final ObjectMapper json;
  private final ScriptedStream streams;
  private final Set<String> overloadedOnce = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_SESSIONS;
    }
  });

  public TrialScript(ObjectMapper json) {
    this.json = json;
    this.streams = new ScriptedStream(json);
  }

  /** The trial task a Messages request belongs to, or empty when it is not one of the trial's. */
  public static Optional<TrialTask> taskOf(JsonNode request) {
    if (text(lastUser(request)).contains(TrialTask.CONTINUE.wording()[0])) return Optional.of(TrialTask.CONTINUE);
    String first = text(firstUser(request));
    for (TrialTask task : TrialTask.values()) {
      if (task != TrialTask.CONTINUE && project(task, first).isPresent()) return Optional.of(task);
    }
    return Optional.empty();
  }

  /** The answer to a trial request, or empty when the request is not one of the trial's. */
  public Optional<Answer> answer(JsonNode request, int sequence) {
    Optional<TrialTask> task = taskOf(request);
    if (task.isEmpty()) return Optional.empty();
    String model = request.path("model").asText("unknown-model");
    String messageId = String.format("msg_01RelayTckTrial%06d", sequence);
    if (!isMainLoop(request)) {
      // Titles, summaries and other background calls: a short text, streamed or not as asked.
      String body = request.path("stream").asBoolean(false) ? streams.text(messageId, model, "Trial session")
          : streams.textMessage(messageId, model, "Trial session");
      return Optional.of(new Answer(task.get(), 200, body));
    }
    String project = project(task.get(), text(firstUser(request))).orElse("");
    JsonNode lastUser = lastUser(request);
    Map<String, String> results = toolResults(lastUser);
    String body = switch (task.get()) {
      case QA -> streams.text(messageId, model, QA_ANSWER);
      case READING -> results.containsKey(READING_READ_ID)
          ? streams.text(messageId, model, find(THRESHOLD, results.get(READING_READ_ID))
              .orElse("I could not find REORDER_THRESHOLD in the file I was given."))
          : results.isEmpty() ? streams.toolUse(messageId, model, "I will read the file.", READING_READ_ID, "Read",
              json.createObjectNode().put("file_path", project + "/src/inventory.js"))
          : unexpected(messageId, model);
      case EDIT -> edit(messageId, model, project, results);
      case LONG_CONTEXT -> streams.text(messageId, model, find(VAULT, text(firstUser(request)))
          .orElse("The ledger I received records no vault code."));
      case CONTINUE -> streams.text(messageId, model, previousNumber(request)
          .orElse("I have no previous answer in this conversation."));
      case RETRY -> {
        String session = find(SESSION, request.path("metadata").path("user_id").asText("")).orElse("");
        boolean first;
        synchronized (overloadedOnce) {
          first = overloadedOnce.add(session);
        }
        yield first ? null : streams.text(messageId, model, "ready");
      }
    };
    return Optional.of(body == null ? new Answer(task.get(), 529, "") : new Answer(task.get(), 200, body));
  }

  private String edit(String messageId, String model, String project, Map<String, String> results) {
    if (results.isEmpty()) {
      return streams.toolUse(messageId, model, "I will read src/price.js first.", EDIT_READ_ID, "Read",
          json.createObjectNode().put("file_path", project + "/src/price.js"));
    }
    if (results.containsKey(EDIT_READ_ID)) {
      if (!results.get(EDIT_READ_ID).contains(SampleProject.BUG)) {
        return streams.text(messageId, model, "I could not find the faulty line in the file I was given.");
      }
      return streams.toolUse(messageId, model, "applyDiscount subtracts the percentage itself; I will fix it.", EDIT_ID, "Edit",
          json.createObjectNode().put("file_path", project + "/src/price.js")
              .put("old_string", SampleProject.BUG).put("new_string", SampleProject.FIX));
    }
    return results.containsKey(EDIT_ID) ? streams.text(messageId, model, EDIT_DONE) : unexpected(messageId, model);
  }

  private String unexpected(String messageId, String model) {
    return streams.text(messageId, model, "Unexpected tool result; stopping.");
  }

  /** The last number the assistant said before the latest user turn (the resumed session's memory). */
  private static Optional<String> previousNumber(JsonNode request) {
    String last = null;
    for (JsonNode message : request.path("messages")) {
      if ("assistant".equals(message.path("role").asText())) {
        String t = text(message);
        if (NUMBER.matcher(t).find()) last = t;
      }
    }
    if (last == null) return Optional.empty();
    Matcher m = NUMBER.matcher(last);
    String n = null;
    while (m.find()) n = m.group(1);
    return Optional.ofNullable(n);
  }

  /** The project path the task's prompt names, when {@code text} holds that prompt. */
  static Optional<String> project(TrialTask task, String text) {
    String[] parts = task.wording();
    if (parts.length == 1) return text.contains(parts[0]) ? Optional.of("") : Optional.empty();
    StringBuilder re = new StringBuilder(Pattern.quote(parts[0])).append("(/[^\\s]+?)");
    for (int i = 1; i < parts.length; i++) {
      re.append(Pattern.quote(parts[i]));
      if (i < parts.length - 1) re.append("\\1");
    }
    Matcher m = Pattern.compile(re.toString()).matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Optional<String> find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static boolean isMainLoop(JsonNode request) {
    if (!request.path("stream").asBoolean(false)) return false;
    for (JsonNode tool : request.path("tools")) {
      if ("Read".equals(tool.path("name").asText())) return true;
    }
    return false;
  }

  private static JsonNode firstUser(JsonNode request) {
    for (JsonNode m : request.path("messages")) {
      if ("user".equals(m.path("role").asText())) return m;
    }
    return json().missingNode();
  }

  private static JsonNode lastUser(JsonNode request) {
    JsonNode messages = request.path("messages");
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) return messages.get(i);
    }
    return json().missingNode();
  }

  /** The text of a message's text blocks (or its string content), joined. */
  static String text(JsonNode message) {
    JsonNode content = message.path("content");
    if (content.isTextual()) return content.asText();
    StringBuilder sb = new StringBuilder();
    for (JsonNode block : content) {
      if ("text".equals(block.path("type").asText())) sb.append(block.path("text").asText()).append('\n');
    }
    return sb.toString();
  }

  /** tool_use_id → the tool result's text, for the tool_result blocks of a user message. */
  private static Map<String, String> toolResults(JsonNode message) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode block : message.path("content")) {
      if (!"tool_result".equals(block.path("type").asText())) continue;
      JsonNode c = block.path("content");
      out.put(block.path("tool_use_id").asText(), c.isTextual() ? c.asText() : text(block));
    }
    return out;
  }

  private static ObjectMapper json() {
    return JSON;
  }

  private static final ObjectMapper JSON = new ObjectMapper();
}
