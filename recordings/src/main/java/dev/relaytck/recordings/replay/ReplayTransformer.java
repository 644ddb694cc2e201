package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.AnthropicErrors;
import dev.relaytck.recordings.format.FaultSpec;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * WireMock response transformer {@value #NAME}: answers with the recording named by the
 * stub's {@code recording} parameter, paced at its recorded offsets times the time scale,
 * with the fault the marker suffix asks for, or else the recording's own fault.
 */
final class ReplayTransformer implements ResponseTransformerV2 {
  static final String NAME = "relay-tck-replay";

  /** Framing headers Jetty computes for the body actually sent; replaying them would lie. */
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "content-encoding", "connection", "keep-alive");

  private static final Pattern PLACEHOLDER = Pattern.compile("<[A-Z_]+>");

  private final RecordingIndex index;
  private final double timeScale;
  private final ThinkingSignatures signatures;

  ReplayTransformer(RecordingIndex index, double timeScale) {
    this.index = index;
    this.timeScale = timeScale;
    this.signatures = new ThinkingSignatures(index.entries().stream().map(RecordingIndex.Entry::recording).toList());
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
    RecordingIndex.Entry entry = entryFor(serveEvent);
    if (entry == null) {
      return Replies.error(response, AnthropicErrors.reply(500, "api_error",
          "relay-tck: stub " + serveEvent.getStubMapping().getName() + " names no recording this server has"));
    }
    Recording recording = entry.recording();
    RequestView request = RequestView.of(serveEvent.getRequest());
    Fault fault = request.marker() != null && request.marker().fault() != null ? request.marker().fault() : recording.fault();

    ExchangeContext context = ExchangeContext.current();
    context.serveEventId = serveEvent.getId().toString();
    context.scenario = recording.scenario();
    context.nonce = request.marker() == null ? null : request.marker().nonce();
    context.fault = fault == null ? null : FaultSpec.format(fault);

    if (fault != null && FaultSpec.STATUS.equals(fault.kind())) {
      return Replies.error(response, AnthropicErrors.reply(fault.status(), fault.errorType(), null));
    }
    if (request.path().equals("/v1/messages")) {
      var tooLong = ContextWindow.tooLong(serveEvent.getRequest());
      if (tooLong.isPresent()) {
        return Replies.error(response, tooLong.get());
      }
    }
    var forged = signatures.invalid(request.body());
    if (forged.isPresent()) {
      return Replies.error(response, AnthropicErrors.reply(400, "invalid_request_error", forged.get()));
    }
    RecordedResponse recorded = recording.response();
    HttpHeaders headers = replayHeaders(recorded.headers(), recording.streaming());
    List<byte[]> chunks = new ArrayList<>();
    long[] due;
    if (recording.streaming()) {
      due = new long[recorded.events().size()];
      for (int i = 0; i < due.length; i++) {
        RecordedEvent event = recorded.events().get(i);
        chunks.add(event.bytes());
        due[i] = Math.round(event.offsetMs() * timeScale);
      }
    } else {
      if (fault != null && FaultSpec.ERROR_EVENT.equals(fault.kind())) {
        return Replies.error(response, AnthropicErrors.reply(400, "invalid_request_error",
            "relay-tck: fault " + FaultSpec.format(fault) + " needs a streaming scenario; '" + recording.scenario() + "' is not one"));
      }
      byte[] body = recorded.body() == null ? new byte[0] : recorded.body();
      chunks.add(body);
      due = new long[] {0};
      headers = headers.plus(new HttpHeader("Content-Length", Integer.toString(body.length)));
    }
    context.paced = true;
    context.eventsTotal = chunks.size();
    return Response.Builder.like(response).but()
        .status(recorded.status())
        .headers(headers)
        .body(new PacedBody(chunks, due, fault, context))
        .build();
  }

  /** The transformer's {@code recording} parameter, else the scenario its stub's matcher names. */
  private RecordingIndex.Entry entryFor(ServeEvent serveEvent) {
    Parameters parameters = serveEvent.getTransformerParameters();
    if (parameters != null && parameters.containsKey("recording")) {
      return index.get(parameters.getString("recording"));
    }
    var matcher = serveEvent.getStubMapping() == null ? null : serveEvent.getStubMapping().getRequest().getCustomMatcher();
    return matcher == null || matcher.getParameters() == null ? null : index.get(RecordingIndex.keyOf(matcher.getParameters()));
  }

  /**
   * Recordings normalise volatile header values to placeholders such as {@code <REQUEST_ID>}
   * (docs/recording-format.md); a relay must see a value of the real form, fresh each time.
   */
  private static String fillPlaceholder(String name, String value) {
    if (!PLACEHOLDER.matcher(value).matches()) {
      return value;
    }
    if (name.equals("request-id")) {
      return AnthropicErrors.newRequestId();
    }
    return Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  private static HttpHeaders replayHeaders(Map<String, List<String>> recorded, boolean streaming) {
    List<HttpHeader> headers = new ArrayList<>();
    boolean hasType = false;
    boolean hasRequestId = false;
    if (recorded != null) {
      for (Map.Entry<String, List<String>> h : recorded.entrySet()) {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        if (FRAMING.contains(name) || h.getValue() == null || h.getValue().isEmpty()) {
          continue;
        }
        hasType |= name.equals("content-type");
        hasRequestId |= name.equals("request-id");
        headers.add(new HttpHeader(h.getKey(), h.getValue().stream().map(v -> fillPlaceholder(name, v)).toList()));
      }
    }
    if (!hasType) {
      headers.add(new HttpHeader("Content-Type", streaming ? "text/event-stream; charset=utf-8" : "application/json"));
    }
    if (!hasRequestId) {
      headers.add(new HttpHeader("request-id", AnthropicErrors.newRequestId()));
    }
    return new HttpHeaders(headers);
  }
}
