package dev.relaytck.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.MarkerPlacement;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The live probes (no recording to compare with): a forced tool call that must carry an exact
 * literal (SEC-010, SEC-040) and a "reply exactly with" sentinel (SEC-020). They carry no kit
 * marker. The model is the run's ({@code --model}), else the bundled recordings' model.
 */
public final class LiveProbes {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_TOKENS = 200;
  static final String TOOL = "run_command";

  /** Ways of asking for the same call, so repeated probes do not look alike (SEC-040). */
  private static final List<String> ASKS = List.of(
      "Please call %s with \"%s\" and nothing else; the command must be exactly that.",
      "Now call the tool %s with `%s` (exactly this command, unchanged).",
      "You must call %s with '%s' as the command, character for character.",
      "Go ahead and call %s with \"%s\"; do not alter the command in any way.");

  /** Commands a coding agent runs every day; the nonce makes each literal unique. */
  private static final List<String> COMMANDS = List.of(
      "git status --short notes-%s", "cat ./docs/notes-%s.txt", "ls -la ./build/reports-%s", "grep -rn TODO ./src/module-%s");

  /** What one literal probe found: the literal asked for, the input received, and what is wrong. */
  public record LiteralCall(String label, String literal, String input, Optional<Finding> finding, boolean inconclusive, String note) {}

  private LiveProbes() {}

  public static String model(RunContext run) {
    if (run.config().model() != null) return run.config().model();
    return run.primary().map(s -> s.recording().model()).orElse(null);
  }

  /** One forced tool call asked to carry an exact literal, worded by {@code variant}. */
  public static LiteralCall literalCall(RunContext run, String label, int variant) {
    String nonce = MarkerPlacement.freshNonce();
    String literal = String.format(COMMANDS.get(Math.floorMod(variant, COMMANDS.size())), nonce);
    String ask = String.format(ASKS.get(Math.floorMod(variant / COMMANDS.size() + variant, ASKS.size())), TOOL, literal);
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model(run));
    body.put("max_tokens", MAX_TOKENS);
    ObjectNode tool = body.putArray("tools").addObject();
    tool.put("name", TOOL);
    tool.put("description", "Runs one shell command in the project directory and returns its output.");
    ObjectNode schema = tool.putObject("input_schema");
    schema.put("type", "object");
    schema.putObject("properties").putObject("command").put("type", "string");
    schema.putArray("required").add("command");
    body.putObject("tool_choice").put("type", "tool").put("name", TOOL);
    body.putArray("messages").addObject().put("role", "user").put("content", ask);
    Exchange e = run.client().send(label, post(body));
    Optional<MessageView> m = MessageView.of(e);
    if (m.isEmpty()) return new LiteralCall(label, literal, null, Optional.empty(), true, "no message: " + e.summary());
    if (m.get().toolUses().isEmpty()) return new LiteralCall(label, literal, null, Optional.empty(), true, "the model called no tool");
    String input = m.get().toolUses().get(0).input();
    String command;
    try {
      command = JSON.readTree(input).path("command").asText(null);
    } catch (JsonProcessingException ex) {
      command = null;
    }
    if (literal.equals(command)) return new LiteralCall(label, literal, input, Optional.empty(), false, "exact");
    String got = command == null ? input : command;
    ByteDiff d = ByteDiff.of(literal, got);
    List<String> executable = ExecutableAdditions.in(d.actual(), ask);
    if (!executable.isEmpty() || got.contains(literal)) {
      return new LiteralCall(label, literal, input, Optional.of(new Finding(label, "tool_use #0 (" + TOOL + ")",
          "the command differs from the exact literal asked for", d, executable)), false, "differs");
    }
    // The model reworded the literal without adding anything: not evidence against the relay.
    return new LiteralCall(label, literal, input, Optional.empty(), true, "the model did not reproduce the literal: " + d);
  }

  /** A "reply exactly with" sentinel; a finding when anything substantial surrounds it. */
  public static LiteralCall sentinel(RunContext run, String label) {
    String sentinel = "SENTINEL-" + MarkerPlacement.freshNonce();
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model(run));
    body.put("max_tokens", 50);
    body.putArray("messages").addObject().put("role", "user")
        .put("content", "Reply with exactly this text and nothing else: " + sentinel);
    Exchange e = run.client().send(label, post(body));
    Optional<MessageView> m = MessageView.of(e);
    if (m.isEmpty()) return new LiteralCall(label, sentinel, null, Optional.empty(), true, "no message: " + e.summary());
    String text = m.get().text().strip();
    if (!text.contains(sentinel)) return new LiteralCall(label, sentinel, text, Optional.empty(), true, "the model did not reply with the sentinel");
    String extra = text.replace(sentinel, " ").replaceAll("[\\s\"'`.,!:*]+", " ").strip();
    List<String> executable = ExecutableAdditions.in(extra, "");
    long textBlocks = m.get().blocks().stream().filter(b -> "text".equals(b.type())).count();
    if (textBlocks > 1 || !executable.isEmpty() || extra.split(" ").length >= 3) {
      return new LiteralCall(label, sentinel, text, Optional.of(new Finding(label, "text", "content around the sentinel the"
          + " prompt did not ask for", ByteDiff.of(sentinel, text), executable)), false, "injected");
    }
    return new LiteralCall(label, sentinel, text, Optional.empty(), false, "exact");
  }

  /** Ordinary filler requests between endurance probes: a short question with a varied wording. */
  public static Exchange ordinary(RunContext run, String label, Random random) {
    List<String> asks = List.of("In one sentence, what does a build tool do?", "Name one benefit of unit tests, briefly.",
        "What is a pull request? One sentence.", "Briefly: why pin dependency versions?");
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model(run));
    body.put("max_tokens", 60);
    body.putArray("messages").addObject().put("role", "user").put("content", asks.get(random.nextInt(asks.size())));
    return run.client().send(label, post(body));
  }

  static ExchangeRequest post(ObjectNode body) {
    try {
      return ExchangeRequest.postJson("/v1/messages", JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a probe", e);
    }
  }

  /** Padding of {@code words} words, so concurrent prompts differ in length (SEC-030). */
  static String padding(int words) {
    List<String> w = new ArrayList<>();
    for (int i = 0; i < words; i++) w.add("context" + i);
    return String.join(" ", w);
  }
}
