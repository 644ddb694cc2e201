package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.record.ClaudeCodeRecordings;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The requests a balance audit sends between its readings. Successful recorded conversations
 * whose usage the recording knows (plain, streamed, tool use, cache write and cache read), so
 * every kind of token is priced; no server tools, which are billed per use on top of tokens, and
 * no Claude Code captures, whose 50 kB prompts a live run would pay for. Live, the list is cut
 * to what {@code --max-cost-usd} allows at list price.
 */
final class AuditWorkload {
  static final int MAX_REQUESTS = 8;
  static final long MAX_PROMPT_TOKENS = 3000;

  private AuditWorkload() {}

  static List<Scenario> successful(RunContext run, ListPrices list) {
    double budget = run.config().hermetic() ? Double.MAX_VALUE
        : run.setting(EvidenceSettings.MAX_COST_USD).map(Double::parseDouble).orElse(0.5);
    List<Scenario> out = new ArrayList<>();
    double cost = 0;
    for (Scenario s : run.scenarios().all()) {
      if (out.size() == MAX_REQUESTS) break;
      if (!s.messages() || s.injected() || s.fault() != null || s.recordedStatus() != 200 || s.has(ClaudeCodeRecordings.FEATURE)) continue;
      Optional<JsonNode> recorded = Usage.recorded(s.recording());
      Optional<TokenCount> tokens = recorded.flatMap(Usage::tokens);
      if (tokens.isEmpty() || Usage.serverTools(recorded.get()) || tokens.get().prompt() > MAX_PROMPT_TOKENS) continue;
      Price p = list.of(model(run, s));
      double usd = p == null ? 0 : p.usd(tokens.get());
      if (cost + usd > budget) continue;
      cost += usd;
      out.add(s);
    }
    return out;
  }

  /**
   * Requests that fail: hermetic, the recorded and injected error scenarios the replay upstream
   * answers with 4xx, 5xx and 529; live, a request the API must reject (no messages).
   */
  static List<ExchangeRequest> failing(RunContext run) {
    List<ExchangeRequest> out = new ArrayList<>();
    if (run.config().hermetic()) {
      for (Scenario s : run.scenarios().all()) {
        if (out.size() == MAX_REQUESTS) break;
        if (s.messages() && !s.streaming() && s.recordedStatus() >= 400 && s.recordedStatus() != 401) {
          out.add(ScenarioRequests.build(s, run.config(), s.freshMarker()));
        }
      }
      return out;
    }
    String model = run.primary().map(s -> model(run, s)).orElse(run.config().model());
    if (model == null) return out;
    byte[] invalid = ("{\"model\":\"" + model.replace("\"", "") + "\",\"max_tokens\":16,\"messages\":[]}").getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 3; i++) {
      out.add(ExchangeRequest.postJson("/v1/messages", new String(invalid, StandardCharsets.UTF_8)));
    }
    return out;
  }

  static String model(RunContext run, Scenario s) {
    return run.config().model() != null ? run.config().model() : s.recording().model();
  }

  /** Sends the scenario's request with a fresh marker and reads the usage the relay reported. */
  static Charge send(RunContext run, Scenario s, String label) {
    Exchange e = run.client().send(label, ScenarioRequests.build(s, run.config(), s.freshMarker()));
    TokenCount t = Usage.message(e).flatMap(Usage::tokens).orElse(TokenCount.ZERO);
    return new Charge(s.id(), model(run, s), e.status(), t);
  }
}
