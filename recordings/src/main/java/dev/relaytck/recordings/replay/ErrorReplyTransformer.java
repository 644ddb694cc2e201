package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.relaytck.recordings.format.AnthropicErrors;

/**
 * WireMock response transformer {@value #NAME}: the server's own Anthropic-shaped errors.
 * Parameter {@code reply}: {@code unauthenticated} (401 like the official API without a
 * key) or {@code unmatched} (404 naming the closest recording and what differed; 400
 * {@code invalid_request_error} when the body is not JSON).
 */
final class ErrorReplyTransformer implements ResponseTransformerV2 {
  static final String NAME = "relay-tck-error";
  private final RecordingIndex index;

  ErrorReplyTransformer(RecordingIndex index) {
    this.index = index;
  }

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
    Parameters parameters = serveEvent.getTransformerParameters();
    if ("unauthenticated".equals(parameters.getString("reply"))) {
      return Replies.error(response, AnthropicErrors.reply(401, "authentication_error",
          "x-api-key header is required"));
    }
    if ("invalid-credential".equals(parameters.getString("reply"))) {
      // The official API's answer to a key it never issued.
      return Replies.error(response, AnthropicErrors.reply(401, "authentication_error", "invalid x-api-key"));
    }
    RequestView request = RequestView.of(serveEvent.getRequest());
    if (request.malformedBody() && request.path().startsWith("/v1/messages")) {
      // What the official API answers to a body a relay corrupted on the way.
      return Replies.error(response, AnthropicErrors.reply(400, "invalid_request_error",
          "There was an error parsing the body of your request: it is not valid JSON"));
    }
    if (request.path().equals("/v1/messages/count_tokens") && request.marker() != null
        && index.hasScenario(request.marker().scenario())) {
      // A known scenario's request counted (the long-context probes): the replay's own estimate.
      byte[] count = ContextWindow.countTokens(serveEvent.getRequest().getBody());
      return Replies.error(response, new AnthropicErrors.Reply(200, java.util.Map.of("content-type", "application/json",
          "request-id", AnthropicErrors.newRequestId()), count));
    }
    return Replies.error(response, AnthropicErrors.reply(404, "not_found_error", unmatched(request)));
  }

  private String unmatched(RequestView request) {
    String path = request.path();
    if (request.method().equals("GET") && path.startsWith("/v1/models/")) {
      return "model: " + path.substring("/v1/models/".length());
    }
    boolean known = path.equals("/v1/messages") || path.equals("/v1/messages/count_tokens");
    if (!known) {
      return "Not found: relay-tck replay serves POST /v1/messages, POST /v1/messages/count_tokens, "
          + "GET /v1/models and GET /v1/models/{id}; got " + request.method() + " " + path;
    }
    RecordingIndex.NearMiss nearest = index.closest(request);
    if (nearest == null) {
      return "relay-tck: no recordings are loaded";
    }
    return "relay-tck: no recording matches this request; the closest is '" + nearest.entry().key()
        + "', which differs in: " + String.join("; ", nearest.differences());
  }
}
