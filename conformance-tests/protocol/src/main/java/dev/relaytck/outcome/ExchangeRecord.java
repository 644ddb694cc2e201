package dev.relaytck.outcome;

import java.util.List;
import java.util.Map;

/**
 * One raw HTTP exchange with the relay, kept so a relay engineer can reproduce a failure:
 * what the kit sent and what came back, with every SSE event and when it arrived. The suite
 * fills it; the report writer stores the ones behind failing checks under {@code exchanges/},
 * after removing secrets (credential headers dropped, configured secret values scrubbed).
 *
 * @param id a short name unique in the run (e.g. {@code stream-basic-1}); {@link ScenarioResult#exchange()}
 *     refers to it, and it becomes the file name {@code exchanges/<id>.json}
 * @param scenario the scenario it belongs to
 * @param requestHeaders as sent, names in any case; values may repeat
 * @param requestBody the request body as text, or {@code null}
 * @param status the response status, or 0 when no response arrived
 * @param responseBody the body as text (the raw SSE text for streams), or {@code null}
 * @param events the SSE events in arrival order (empty for JSON responses)
 */
public record ExchangeRecord(
    String id, String scenario, String method, String url,
    Map<String, List<String>> requestHeaders, String requestBody,
    int status, Map<String, List<String>> responseHeaders, String responseBody,
    List<ArrivedEvent> events) {

  public ExchangeRecord {
    requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
    responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
    events = events == null ? List.of() : events;
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
