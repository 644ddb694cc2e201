package dev.relaytck.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.ToolCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.schema.SchemaIssue;
import dev.relaytck.schema.WireSchemas;
import dev.relaytck.schema.WireType;
import dev.relaytck.scenario.Expectations;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * TOOL: tool_choice honoured (live: the scenario's invariants; hermetic: the tool calls equal the
 * recording's), parallel calls intact, tool input valid against the tool's input_schema (for
 * streams: the concatenated input_json_delta), tool_result turns accepted and forwarded, and
 * tool_use ids kept intact both ways.
 */
final class ToolRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        new Rule(ToolCheck.TOOL_010, choice(t -> t.isEmpty() || t.equals("auto"), "auto"),
            p -> Answers.onMessage(p, ToolCheck.TOOL_010, (e, m) -> auto(p, m))),
        new Rule(ToolCheck.TOOL_020, choice(t -> t.equals("any"), "any"),
            p -> Answers.onMessage(p, ToolCheck.TOOL_020, (e, m) -> forced(p, ToolCheck.TOOL_020, m))),
        new Rule(ToolCheck.TOOL_030, choice(t -> t.equals("tool"), "tool"),
            p -> Answers.onMessage(p, ToolCheck.TOOL_030, (e, m) -> forced(p, ToolCheck.TOOL_030, m))),
        new Rule(ToolCheck.TOOL_040, choice(t -> t.equals("none"), "none"),
            p -> Answers.onMessage(p, ToolCheck.TOOL_040, (e, m) -> none(p, m))),
        new Rule(ToolCheck.TOOL_050, parallel(), p -> Answers.onMessage(p, ToolCheck.TOOL_050, (e, m) -> parallel(p, m))),
        new Rule(ToolCheck.TOOL_060, Applies.when(s -> Applies.successfulMessage(s) && Answers.request(s).path("tools").size() > 0,
            "the scenario declares no tools"), p -> Answers.onMessage(p, ToolCheck.TOOL_060, (e, m) -> inputs(p, e, m))),
        new Rule(ToolCheck.TOOL_070, Applies.when(s -> Applies.successfulMessage(s) && Answers.requestHasBlock(Answers.request(s), "tool_result"),
            "the scenario sends no tool_result"), ToolRules::toolResultTurn),
        new Rule(ToolCheck.TOOL_080, ids(), ToolRules::ids),
        new Rule(ToolCheck.TOOL_090, Applies.hermetic(Applies.when(s -> Applies.successfulMessage(s)
            && Answers.recorded(s).map(m -> !Answers.blocks(m, "server_tool_use").isEmpty()).orElse(false),
            "the recording has no server tool blocks")),
            p -> Answers.onMessage(p, ToolCheck.TOOL_090, (e, m) -> serverBlocks(p, m))));
  }

  /** Applies to successful scenarios with tools whose tool_choice type satisfies {@code type}. */
  private static BiFunction<Scenario, RunContext, Optional<String>> choice(java.util.function.Predicate<String> type, String name) {
    return Applies.when(s -> Applies.successfulMessage(s) && Answers.request(s).path("tools").size() > 0
        && type.test(Answers.request(s).path("tool_choice").path("type").asText("")), "the scenario's tool_choice is not " + name);
  }

  private static BiFunction<Scenario, RunContext, Optional<String>> parallel() {
    return (s, run) -> {
      if (!Applies.successfulMessage(s)) return Optional.of("not a successful message scenario");
      boolean recordedParallel = Answers.recorded(s).map(m -> Answers.blocks(m, "tool_use").size() >= 2).orElse(false);
      if (run.config().hermetic()) {
        return recordedParallel ? Optional.empty() : Optional.of("the recording has no parallel tool calls");
      }
      return recordedParallel || s.has("parallel_tool_use") ? Optional.empty() : Optional.of("not a parallel tool use scenario");
    };
  }

  private static BiFunction<Scenario, RunContext, Optional<String>> ids() {
    return Applies.when(s -> Applies.successfulMessage(s) && (Answers.requestHasBlock(Answers.request(s), "tool_use")
        || Answers.recorded(s).map(m -> !Answers.blocks(m, "tool_use", "server_tool_use").isEmpty()).orElse(false)),
        "the scenario has no tool_use blocks either way");
  }

  /** tool_use blocks of {@code m} naming only declared tools; hermetic: the same calls as the recording. */
  private static List<Violation> auto(Probe p, JsonNode m) {
    List<Violation> v = new ArrayList<>(declaredOnly(p, ToolCheck.TOOL_010, m));
    v.addAll(stopReasonAgrees(ToolCheck.TOOL_010, m));
    if (p.config().hermetic()) v.addAll(sameCalls(p, ToolCheck.TOOL_010, m));
    return v;
  }

  private static List<Violation> forced(Probe p, ToolCheck check, JsonNode m) {
    Expectations x = p.scenario().expectations();
    List<Violation> v = new ArrayList<>(declaredOnly(p, check, m));
    List<Map.Entry<Integer, JsonNode>> calls = Answers.blocks(m, "tool_use");
    if (calls.isEmpty()) {
      v.add(Violation.of(check, Location.pointer("/content"), "tool_choice " + (x.forcedTool() == null ? "any" : "tool")
          + " was not honoured: the response has no tool_use block", "a tool_use block" + (x.forcedTool() == null ? "" : " naming " + x.forcedTool()),
          "blocks " + types(m)));
    } else if (x.forcedTool() != null && !x.forcedTool().equals(calls.get(0).getValue().path("name").asText())) {
      v.add(Violation.of(check, Location.pointer("/content/" + calls.get(0).getKey() + "/name"), "the forced tool was not the one called",
          x.forcedTool(), calls.get(0).getValue().path("name").asText()));
    }
    String reason = m.path("stop_reason").asText("");
    if (!calls.isEmpty() && !reason.equals("tool_use")) {
      v.add(Violation.of(check, Location.pointer("/stop_reason"), "a forced tool call must stop with tool_use", "tool_use", reason));
    }
    if (p.config().hermetic()) v.addAll(sameCalls(p, check, m));
    return v;
  }

  private static List<Violation> none(Probe p, JsonNode m) {
    List<Violation> v = new ArrayList<>();
    for (Map.Entry<Integer, JsonNode> b : Answers.blocks(m, "tool_use")) {
      v.add(Violation.of(ToolCheck.TOOL_040, Location.pointer("/content/" + b.getKey()), "tool_choice none, yet a tool was called",
          "no tool_use block", b.getValue().path("name").asText()));
    }
    if (p.config().hermetic()) v.addAll(sameCalls(p, ToolCheck.TOOL_040, m));
    return v;
  }

  private static List<Violation> declaredOnly(Probe p, ToolCheck check, JsonNode m) {
    Set<String> declared = p.scenario().expectations().declaredTools();
    List<Violation> v = new ArrayList<>();
    for (Map.Entry<Integer, JsonNode> b : Answers.blocks(m, "tool_use")) {
      String name = b.getValue().path("name").asText(null);
      if (name == null || !declared.contains(name)) {
        v.add(Violation.of(check, Location.pointer("/content/" + b.getKey() + "/name"), "a tool the request never declared was called",
            "one of " + declared, name == null ? "absent" : name));
      }
    }
    return v;
  }

  private static List<Violation> stopReasonAgrees(ToolCheck check, JsonNode m) {
    boolean calls = !Answers.blocks(m, "tool_use").isEmpty();
    String reason = m.path("stop_reason").asText("");
    if (reason.equals("tool_use") && !calls) {
      return List.of(Violation.of(check, Location.pointer("/content"), "stop_reason is tool_use but no tool_use block arrived",
          "a tool_use block", "blocks " + types(m)));
    }
    return List.of();
  }

  /** Hermetic: the tool calls (name and input, in order) equal the recording's; ids are TOOL-080's. */
  private static List<Violation> sameCalls(Probe p, ToolCheck check, JsonNode m) {
    JsonNode rec = Answers.recorded(p.scenario()).orElse(null);
    if (rec == null) return List.of();
    List<Map.Entry<Integer, JsonNode>> expected = Answers.blocks(rec, "tool_use");
    List<Map.Entry<Integer, JsonNode>> actual = Answers.blocks(m, "tool_use");
    List<Violation> v = new ArrayList<>();
    if (expected.size() != actual.size()) {
      v.add(Violation.of(check, Location.pointer("/content"), "a different number of tool_use blocks than the recording",
          expected.size() + " (" + names(expected) + ")", actual.size() + " (" + names(actual) + ")"));
      return v;
    }
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i).getValue();
      JsonNode a = actual.get(i).getValue();
      String at = "/content/" + actual.get(i).getKey();
      for (String field : List.of("name", "input")) {
        if (!e.path(field).equals(a.path(field))) {
          v.add(Violation.of(check, Location.pointer(at + "/" + field), "tool call #" + i + " differs from the recording",
              JsonDiff.abbreviate(e.path(field)), a.has(field) ? JsonDiff.abbreviate(a.path(field)) : "absent"));
        }
      }
    }
    return v;
  }

  private static List<Violation> parallel(Probe p, JsonNode m) {
    List<Map.Entry<Integer, JsonNode>> calls = Answers.blocks(m, "tool_use");
    List<Violation> v = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<Integer, JsonNode> b : calls) {
      String id = b.getValue().path("id").asText("");
      if (!seen.add(id)) {
        v.add(Violation.of(ToolCheck.TOOL_050, Location.pointer("/content/" + b.getKey() + "/id"), "two tool calls share one id",
            "distinct ids", id));
      }
      if (!b.getValue().path("input").isObject()) {
        v.add(Violation.of(ToolCheck.TOOL_050, Location.pointer("/content/" + b.getKey() + "/input"), "a tool call has no input object",
            "an object", b.getValue().has("input") ? JsonDiff.abbreviate(b.getValue().get("input")) : "absent"));
      }
    }
    if (p.config().hermetic()) v.addAll(sameCalls(p, ToolCheck.TOOL_050, m));
    return v;
  }

  /** Every tool_use input validates against its tool's input_schema; for streams the concatenated partial_json must parse first. */
  private static List<Violation> inputs(Probe p, Exchange e, JsonNode m) {
    JsonNode request = e.sentJson().orElse(Answers.request(p.scenario()));
    List<Violation> v = new ArrayList<>();
    if (e.eventStream()) {
      // The concatenated partial_json must parse first: EVT-070's finding on the one parse of the stream.
      v.addAll(EvtRules.findingsAs(p.run(), e, dev.relaytck.catalog.EvtCheck.EVT_070, ToolCheck.TOOL_060));
    }
    for (Map.Entry<Integer, JsonNode> b : Answers.blocks(m, "tool_use")) {
      String name = b.getValue().path("name").asText(null);
      JsonNode schema = ToolInputs.schemaOf(request, name);
      JsonNode input = b.getValue().path("input");
      String at = "/content/" + b.getKey() + "/input";
      if (!input.isObject()) {
        v.add(Violation.of(ToolCheck.TOOL_060, Location.pointer(at), "the tool input is not a JSON object", "an object",
            input.isMissingNode() ? "absent" : JsonDiff.abbreviate(input)));
      } else if (schema != null) {
        for (String problem : ToolInputs.problems(schema, input)) {
          v.add(Violation.of(ToolCheck.TOOL_060, Location.pointer(at), "the input of tool " + name + " does not validate against its input_schema: "
              + problem, "input valid against " + JsonDiff.abbreviate(schema), JsonDiff.abbreviate(input)));
        }
      }
    }
    return v;
  }

  /** The tool_result turn is answered with a valid Message and (hermetic) reached the upstream with its blocks intact. */
  private static Verdict toolResultTurn(Probe p) {
    return Answers.onMessage(p, ToolCheck.TOOL_070, (e, m) -> {
      List<Violation> v = new ArrayList<>();
      for (SchemaIssue i : WireSchemas.bundled().validate(WireType.MESSAGE, m)) {
        if (i.kind() == SchemaIssue.Kind.VIOLATION) {
          v.add(Violation.of(ToolCheck.TOOL_070, Location.pointer(i.pointer()), "the answer to the tool_result turn is not a valid Message: " + i.message()));
        }
      }
      if (p.config().hermetic()) v.addAll(forwardedBlocks(p, e, ToolCheck.TOOL_070, "tool_result"));
      return v;
    });
  }

  /**
   * Hermetic: the blocks of {@code type} in the request's history reached the upstream unchanged
   * (compared as JSON, so re-serialising is fine).
   */
  static List<Violation> forwardedBlocks(Probe p, Exchange e, dev.relaytck.catalog.Check check, String type) {
    List<JournalEntry> entries = p.upstream(e);
    if (entries.isEmpty()) {
      return List.of(Violation.of(check, Location.NONE, "the request never reached the upstream (no journal entry for its marker)"));
    }
    JsonNode sent = e.sentJson().orElse(null);
    JsonNode up = entries.get(0).json().orElse(null);
    if (sent == null) return List.of();
    if (up == null) return List.of(Violation.of(check, Location.byteOffset(0), "the forwarded body is not JSON"));
    List<Violation> v = new ArrayList<>();
    JsonNode msgs = sent.path("messages");
    for (int i = 0; i < msgs.size(); i++) {
      JsonNode content = msgs.get(i).path("content");
      for (int j = 0; j < content.size(); j++) {
        if (!type.equals(content.get(j).path("type").asText())) continue;
        String at = "/messages/" + i + "/content/" + j;
        JsonNode forwarded = up.at(at);
        if (!content.get(j).equals(forwarded)) {
          v.add(Violation.of(check, Location.pointer(at), "the " + type + " block reached the upstream changed",
              JsonDiff.abbreviate(content.get(j)), forwarded.isMissingNode() ? "absent" : JsonDiff.abbreviate(forwarded)));
        }
      }
    }
    return v;
  }

  /** tool_use ids well formed and (hermetic) equal the recording's; the ids of the request's history forwarded verbatim. */
  private static Verdict ids(Probe p) {
    return Answers.onMessage(p, ToolCheck.TOOL_080, (e, m) -> {
      List<Violation> v = new ArrayList<>();
      // What the protocol requires of an id: a non-empty string, unique in the message. Its prefix
      // (toolu_, srvtoolu_) says which channel served it: evidence for the identity area, not conformance.
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (Map.Entry<Integer, JsonNode> b : Answers.blocks(m, "tool_use", "server_tool_use")) {
        JsonNode id = b.getValue().path("id");
        Location at = Location.pointer("/content/" + b.getKey() + "/id");
        if (!id.isTextual() || id.asText().isEmpty()) {
          v.add(Violation.of(ToolCheck.TOOL_080, at, "a tool block has no id string", "a non-empty string",
              id.isMissingNode() ? "absent" : id));
        } else if (!seen.add(id.asText())) {
          v.add(Violation.of(ToolCheck.TOOL_080, at, "two tool blocks share one id: their tool_results cannot be told apart",
              "a unique id", id.asText()));
        }
      }
      if (p.config().hermetic()) {
        JsonNode rec = Answers.recorded(p.scenario()).orElse(null);
        if (rec != null) {
          List<Map.Entry<Integer, JsonNode>> expected = Answers.blocks(rec, "tool_use", "server_tool_use");
          List<Map.Entry<Integer, JsonNode>> actual = Answers.blocks(m, "tool_use", "server_tool_use");
          for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String want = expected.get(i).getValue().path("id").asText();
            String got = actual.get(i).getValue().path("id").asText("");
            if (!want.equals(got)) {
              v.add(Violation.of(ToolCheck.TOOL_080, Location.pointer("/content/" + actual.get(i).getKey() + "/id"),
                  "the tool id differs from the upstream's: the next turn's tool_result will not match", want, got));
            }
          }
        }
        v.addAll(forwardedIds(p, e));
      }
      return v;
    });
  }

  /** Hermetic: every tool_use id and tool_use_id of the request's history reached the upstream verbatim. */
  private static List<Violation> forwardedIds(Probe p, Exchange e) {
    JsonNode sent = e.sentJson().orElse(null);
    if (sent == null || !Answers.requestHasBlock(sent, "tool_use") && !Answers.requestHasBlock(sent, "tool_result")) return List.of();
    List<JournalEntry> entries = p.upstream(e);
    if (entries.isEmpty()) {
      return List.of(Violation.of(ToolCheck.TOOL_080, Location.NONE, "the request never reached the upstream (no journal entry for its marker)"));
    }
    JsonNode up = entries.get(0).json().orElse(JSON.missingNode());
    List<Violation> v = new ArrayList<>();
    JsonNode msgs = sent.path("messages");
    for (int i = 0; i < msgs.size(); i++) {
      JsonNode content = msgs.get(i).path("content");
      for (int j = 0; j < content.size(); j++) {
        String field = switch (content.get(j).path("type").asText()) {
          case "tool_use" -> "id";
          case "tool_result" -> "tool_use_id";
          default -> null;
        };
        if (field == null) continue;
        String at = "/messages/" + i + "/content/" + j + "/" + field;
        JsonNode forwarded = up.at(at);
        if (!content.get(j).path(field).equals(forwarded)) {
          v.add(Violation.of(ToolCheck.TOOL_080, Location.pointer(at), "a tool id of the history reached the upstream changed",
              content.get(j).path(field).asText(), forwarded.isMissingNode() ? "absent" : forwarded.asText()));
        }
      }
    }
    return v;
  }

  /** Hermetic: server_tool_use and *_tool_result blocks equal the recording's. */
  private static List<Violation> serverBlocks(Probe p, JsonNode m) {
    JsonNode rec = Answers.recorded(p.scenario()).orElse(null);
    if (rec == null) return List.of();
    List<Map.Entry<Integer, JsonNode>> expected = serverBlocksOf(rec);
    List<Map.Entry<Integer, JsonNode>> actual = serverBlocksOf(m);
    List<Violation> v = new ArrayList<>();
    if (expected.size() != actual.size()) {
      v.add(Violation.of(ToolCheck.TOOL_090, Location.pointer("/content"), "a different number of server tool blocks than the recording",
          expected.size() + " " + typesOf(expected), actual.size() + " " + typesOf(actual)));
      return v;
    }
    for (int i = 0; i < expected.size(); i++) {
      v.addAll(JsonDiff.diff(ToolCheck.TOOL_090, "/content/" + actual.get(i).getKey(), expected.get(i).getValue(),
          actual.get(i).getValue(), "the recording", false));
    }
    return v;
  }

  private static List<Map.Entry<Integer, JsonNode>> serverBlocksOf(JsonNode m) {
    List<Map.Entry<Integer, JsonNode>> out = new ArrayList<>();
    JsonNode content = m.path("content");
    for (int i = 0; i < content.size(); i++) {
      String t = content.get(i).path("type").asText();
      if (t.equals("server_tool_use") || t.endsWith("_tool_result")) out.add(Map.entry(i, content.get(i)));
    }
    return out;
  }

  private static List<String> typesOf(List<Map.Entry<Integer, JsonNode>> blocks) {
    return blocks.stream().map(b -> b.getValue().path("type").asText("?")).toList();
  }

  private static String names(List<Map.Entry<Integer, JsonNode>> calls) {
    return String.join(", ", calls.stream().map(c -> c.getValue().path("name").asText("?")).toList());
  }

  private static String types(JsonNode m) {
    List<String> t = new ArrayList<>();
    m.path("content").forEach(b -> t.add(b.path("type").asText("?")));
    return t.toString();
  }


}
