package dev.relaytck.recordings.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.relaytck.recordings.format.AnthropicErrors;
import dev.relaytck.recordings.record.CodingSessionScript;
import dev.relaytck.recordings.record.ScriptedSessionPrompt;
import dev.relaytck.recordings.trial.TrialScript;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WireMock response transformer {@value #NAME}: answers the Claude Code CLI's own requests (no
 * marker) with the scripted coding session (docs/claude-code.md, "Selecting the response"), so a
 * relay can be tested with the real CLI in front of it. The sample file is the one the prompt names
 * ({@link ScriptedSessionPrompt}); the trial's tasks are answered by {@link TrialScript}; a request
 * outside both is answered 404 with the reason.
 *
 * <p>Like the official API, a request whose body uses {@code context_management} without the
 * {@code context-management-*} beta is rejected with 400: a relay that strips betas fails the session
 * the way it would fail a real one.
 */
final class ScriptedSessionTransformer implements ResponseTransformerV2 {
  static final String NAME = "relay-tck-scripted-session";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicInteger sequence = new AtomicInteger();
  /** The trial's Claude Code tasks (docs/trial.md), answered beside the scripted coding session. */
  private final TrialScript trials = new TrialScript(JSON);

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    RequestView request = RequestView.of(serveEvent.getRequest());
    JsonNode body = request.body();
    Optional<CodingSessionScript> script = ScriptedSessionPrompt.scriptFor(JSON, body);
    Optional<TrialScript.Answer> trial = script.isPresent() || body == null ? Optional.empty()
        : trials.answer(body, sequence.incrementAndGet());
    if (trial.isPresent() && trial.get().overloaded()) {
      return Replies.error(response, AnthropicErrors.reply(529, "overloaded_error", "Overloaded"));
    }
    if (script.isEmpty() && trial.isEmpty()) {
      return Replies.error(response, AnthropicErrors.reply(404, "not_found_error",
          "relay-tck: no scenario marker and not the scripted Claude Code session (no sample file named in the first user message)"));
    }
    String betas = serveEvent.getRequest().getHeader("anthropic-beta");
    if (body.has("context_management") && !hasBeta(betas, "context-management-")) {
      return Replies.error(response, AnthropicErrors.reply(400, "invalid_request_error",
          "context_management: Extra inputs are not permitted"));
    }
    CodingSessionScript.Reply reply = trial.isPresent()
        ? new CodingSessionScript.Reply(CodingSessionScript.Kind.BACKGROUND, 200,
            trial.get().body().startsWith("{") ? "application/json" : "text/event-stream; charset=utf-8", trial.get().body())
        : script.get().reply(body, sequence.incrementAndGet());
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    return Response.Builder.like(response).but()
        .status(reply.status())
        .headers(new HttpHeaders(new HttpHeader("Content-Type", reply.contentType()),
            new HttpHeader("request-id", AnthropicErrors.newRequestId()),
            new HttpHeader("Cache-Control", "no-cache")))
        .body(bytes)
        .build();
  }

  private static boolean hasBeta(String header, String prefix) {
    return header != null && Arrays.stream(header.split(",")).map(String::trim).anyMatch(b -> b.startsWith(prefix));
  }
}
