package dev.relaytck.outcome;

import java.util.List;
import java.util.Map;

/**
 * One raw HTTP exchange with the relay, kept so a relay engineer can reproduce a failure:
 * what the kit sent, what came back (every SSE event with its arrival time), and in hermetic
 * mode what the relay forwarded upstream (from the replay server's journal). The suite fills
 * it; the report writer stores those behind failing checks under {@code exchanges/}, after
 * removing secrets (credential header values masked, configured secret values scrubbed).
 *
 * @param id a short name unique in the run (e.g. {@code stream-basic-1}); {@link ScenarioResult#exchange()}
 *     refers to it, and it becomes the file name {@code exchanges/<id>.json}
 * @param scenario the scenario it belongs to
 * @param response {@code null} when no response arrived
 * @param ending how the exchange ended (an {@code Ending} name: COMPLETE, BROKEN, HEADERS_TIMEOUT, ...), or {@code null}
 * @param upstreamRequest what the relay sent upstream, when the replay journal shows it; else {@code null}
 */
public record ExchangeRecord(String id, String scenario, Request request, Response response, Request upstreamRequest,
    String ending) {

  public ExchangeRecord(String id, String scenario, Request request, Response response, Request upstreamRequest) {
    this(id, scenario, request, response, upstreamRequest, null);
  }

  /** The connection broke (reset or closed) before any answer: not a timeout, not a status. */
  public boolean brokenWithoutAnswer() {
    return response == null && "BROKEN".equals(ending);
  }

  /**
   * @param headers as sent, names in any case; values may repeat
   * @param body the body as text, or {@code null}
   */
  public record Request(String method, String url, Map<String, List<String>> headers, String body) {
    public Request {
      headers = headers == null ? Map.of() : headers;
    }
  }

  /**
   * @param body the body as text (the raw SSE text for streams), or {@code null}
   * @param events the SSE events in arrival order (empty for JSON responses)
   */
  public record Response(int status, Map<String, List<String>> headers, String body, List<ArrivedEvent> events) {
    public Response {
      headers = headers == null ? Map.of() : headers;
      events = events == null ? List.of() : events;
    }
  }

  /**
   * One SSE event as it arrived.
   *
   * @param offsetMs milliseconds after the request was sent
   * @param event the {@code event:} field, or {@code null} when absent
   * @param data the {@code data:} field (lines joined by LF)
   */
  public record ArrivedEvent(double offsetMs, String event, String data) {}
}
