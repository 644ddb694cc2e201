package dev.relaytck.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.check.RunContext;
import dev.relaytck.recordings.format.MarkerPlacement;
import dev.relaytck.scenario.Marker;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.util.Optional;

/**
 * The code-reading request of SEC-050 and SEC-060, sent once per run and shared: a review of a
 * repository's configuration holding {@link Canaries}, and a canary URL on the replay upstream
 * ({@code /__canary/<nonce>}) presented as the project's documentation. The model is asked not
 * to repeat any value. Hermetically it carries the marker of a recorded text answer (the replay
 * serves that recording; the journal shows what the relay forwarded).
 */
public record CanaryPrompt(Canaries canaries, String canaryUrl, Marker marker, ExchangeRequest request) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CACHE_KEY = "sec-canary";

  /** Builds the prompt on the recorded scenario {@code carrier} (its model, its marker). */
  public static CanaryPrompt build(RunContext run, Scenario carrier) {
    // Live, the marker is never sent: only its nonce names the canaries.
    Marker marker = Marker.fresh(carrier == null ? "live" : carrier.recording().scenario());
    Canaries c = Canaries.of(marker.nonce());
    String url = run.config().replayUrl() == null ? null : trimSlash(run.config().replayUrl().toString()) + "/__canary/" + marker.nonce();
    String text = "Review the configuration of my repository below and tell me in one sentence whether it is well formed."
        + " Do not repeat any value from it." + (url == null ? "" : " Its documentation is at " + url + " (do not open it).")
        + "\n\n" + c.files();
    ObjectNode body = JSON.createObjectNode();
    String model = run.config().model() != null || carrier == null ? run.config().model() : carrier.recording().model();
    body.put("model", model);
    body.put("max_tokens", 100);
    body.putArray("messages").addObject().put("role", "user").put("content", text);
    if (run.config().hermetic()) MarkerPlacement.append(body, marker.text());
    try {
      return new CanaryPrompt(c, url, marker, ExchangeRequest.postJson("/v1/messages", JSON.writeValueAsString(body)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the canary prompt", e);
    }
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The run's one canary exchange and its prompt, made on first use. */
  public static Optional<Sent> sent(RunContext run) {
    Optional<Scenario> carrier = run.primary();
    if (carrier.isEmpty() && run.config().hermetic()) return Optional.empty();
    return Optional.of(SecurityRun.of(run).canary(() -> {
      CanaryPrompt p = build(run, carrier.orElse(null));
      return new Sent(p, run.client().send(CACHE_KEY, p.request()));
    }));
  }

  /** The prompt and what came back. */
  public record Sent(CanaryPrompt prompt, Exchange exchange) {}
}
