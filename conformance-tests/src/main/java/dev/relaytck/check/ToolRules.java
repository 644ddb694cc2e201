package dev.relaytck.check;

import static dev.relaytck.check.Responses.context;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.ToolCheck;
import dev.relaytck.catalog.Violation;
import dev.relaytck.scenario.Expectations;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * TOOL: tool_choice honoured and tool ids intact, on the Message (non-streaming) or the
 * message the protocol core accumulated from the stream. Live invariants, so they hold in
 * both modes.
 */
final class ToolRules {
  private ToolRules() {}

  static List<CheckEvaluator> all() {
    return List.of(
        new Rule(ToolCheck.TOOL_010, when(e -> !e.declaredTools().isEmpty() && !e.toolRequired() && !e.toolForbidden(),
            "no tools with tool_choice auto"), p -> onMessage(p, ToolCheck.TOOL_010, m -> undeclared(p, m))),
        new Rule(ToolCheck.TOOL_020, when(e -> e.toolRequired() && e.forcedTool() == null, "no tool_choice any"),
            p -> onMessage(p, ToolCheck.TOOL_020, m -> called(ToolCheck.TOOL_020, m, null))),
        new Rule(ToolCheck.TOOL_030, when(e -> e.forcedTool() != null, "no tool_choice naming a tool"),
            p -> onMessage(p, ToolCheck.TOOL_030, m -> called(ToolCheck.TOOL_030, m, p.scenario().expectations().forcedTool()))),
        new Rule(ToolCheck.TOOL_040, when(Expectations::toolForbidden, "no tool_choice none"),
            p -> onMessage(p, ToolCheck.TOOL_040, m -> toolUses(m).isEmpty() ? List.of()
                : List.of(Violation.of(ToolCheck.TOOL_040, Location.pointer("/content"), "a tool was called although tool_choice is none",
                    "no tool_use block", toolUses(m).size() + " tool_use block(s)")))),
        new Rule(ToolCheck.TOOL_080, when(e -> !e.declaredTools().isEmpty(), "no tools in this scenario"),
            p -> onMessage(p, ToolCheck.TOOL_080, m -> ids(p, m))));
  }

  private static BiFunction<Scenario, RunContext, Optional<String>> when(Predicate<Expectations> p, String otherwise) {
    return Applies.when(s -> Applies.successfulMessage(s) && p.test(s.expectations()), otherwise);
  }

  /** The response message: the JSON body, or the message accumulated from the stream. */
  private static Verdict onMessage(Probe p, Check check, java.util.function.Function<JsonNode, List<Violation>> rule) {
    Exchange e = p.exchange();
    List<Violation> v = new ArrayList<>();
    Responses.noResponse(check, e).ifPresent(v::add);
    if (v.isEmpty()) {
      JsonNode message = SseRules.looksLikeStream(e) ? EvtRules.report(p.run(), e).message() : e.json().orElse(null);
      if (e.status() != 200 || message == null || !message.isObject()) {
        v.add(Violation.of(check, Location.NONE, "no message to check: " + e.summary(), "a Message", Responses.quote(e.excerpt(200))));
      } else {
        v.addAll(rule.apply(message));
      }
    }
    return Verdict.of(v, "ok", context(e));
  }

  private static List<JsonNode> toolUses(JsonNode m) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode b : m.path("content")) {
      if ("tool_use".equals(b.path("type").asText())) out.add(b);
    }
    return out;
  }

  private static List<Violation> called(Check check, JsonNode m, String name) {
    List<JsonNode> uses = toolUses(m);
    List<Violation> v = new ArrayList<>();
    if (uses.isEmpty()) {
      v.add(Violation.of(check, Location.pointer("/content"), "the forced tool call is missing",
          name == null ? "a tool_use block" : "tool_use " + name, "no tool_use block"));
    } else if (name != null && !name.equals(uses.get(0).path("name").asText())) {
      v.add(Violation.of(check, Location.pointer("/content"), "another tool was called than tool_choice names", name,
          uses.get(0).path("name").asText()));
    }
    if (!"tool_use".equals(m.path("stop_reason").asText())) {
      v.add(Violation.of(check, Location.pointer("/stop_reason"), "a forced tool call must stop with tool_use", "tool_use",
          m.path("stop_reason").asText("absent")));
    }
    return v;
  }

  private static List<Violation> undeclared(Probe p, JsonNode m) {
    List<Violation> v = new ArrayList<>();
    for (JsonNode u : toolUses(m)) {
      String name = u.path("name").asText();
      if (!p.scenario().expectations().declaredTools().contains(name)) {
        v.add(Violation.of(ToolCheck.TOOL_010, Location.pointer("/content"), "a tool the request never declared was called",
            "one of " + p.scenario().expectations().declaredTools(), name));
      }
    }
    return v;
  }

  private static List<Violation> ids(Probe p, JsonNode m) {
    List<Violation> v = new ArrayList<>();
    List<JsonNode> uses = toolUses(m);
    for (int i = 0; i < uses.size(); i++) {
      String id = uses.get(i).path("id").asText("");
      if (!id.startsWith("toolu_")) {
        v.add(Violation.of(ToolCheck.TOOL_080, Location.pointer("/content"), "a tool_use id was rewritten", "toolu_...", id));
      }
    }
    if (p.config().hermetic() && !p.exchange().eventStream()) {
      JsonNode recorded = MsgRules.recorded(p);
      List<JsonNode> expected = toolUses(recorded);
      for (int i = 0; i < Math.min(expected.size(), uses.size()); i++) {
        String want = expected.get(i).path("id").asText();
        String got = uses.get(i).path("id").asText();
        if (!want.equals(got)) {
          v.add(Violation.of(ToolCheck.TOOL_080, Location.pointer("/content"), "a tool_use id differs from the upstream's", want, got));
        }
      }
    }
    return v;
  }
}
