package dev.relaytck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.outcome.ExchangeRecord;
import dev.relaytck.scenario.Marker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Hermetic runs: did anything reach the replay upstream while the suite ran? A relay pointed at
 * another upstream (or answering by itself) fails every request-fidelity and recording check,
 * each for a reason of its own; the one cause is that the replay upstream's journal never saw a
 * request. The newest journal entry is read before the suite starts and again after it: the
 * same entry (or still none) means nothing arrived, however full or shared the journal is and
 * whatever the two machines' clocks say. Anything else arriving (another run, a health check)
 * only withholds the cause, never invents one.
 */
final class ReplayArrivals {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  /** Nothing to compare: not hermetic, the self-check (its relay is the upstream), or the journal could not be read. */
  private static final ReplayArrivals NONE = new ReplayArrivals(null, null);

  private final URI replay;
  /** The id of the newest journal entry before the run, "" for an empty journal; null when unknown. */
  private final String newestBefore;

  private ReplayArrivals(URI replay, String newestBefore) {
    this.replay = replay;
    this.newestBefore = newestBefore;
  }

  /** Marks the journal before the suite runs. */
  static ReplayArrivals before(RunPlan plan) {
    if (plan.selfCheck() || plan.live() || plan.settings().replay() == null) return NONE;
    URI replay = URI.create(plan.settings().replay());
    return newest(replay).map(id -> new ReplayArrivals(replay, id)).orElse(NONE);
  }

  /**
   * After the suite: the common cause when the kit sent at least {@link CommonCause#MIN_EXCHANGES}
   * scenario requests (those carrying a marker, which a relay must forward) and the replay
   * upstream's journal gained no entry.
   */
  Optional<CommonCause> after(List<ExchangeRecord> exchanges) {
    if (newestBefore == null) return Optional.empty();
    List<ExchangeRecord> marked = exchanges.stream()
        .filter(x -> x.request() != null && x.request().body() != null && Marker.find(x.request().body()).isPresent()).toList();
    if (marked.size() < CommonCause.MIN_EXCHANGES) return Optional.empty();
    Optional<String> now = newest(replay);
    if (now.isEmpty() || !now.get().equals(newestBefore)) return Optional.empty();
    Map<String, Long> answers = marked.stream().collect(Collectors.groupingBy(
        x -> x.response() == null ? "no answer" : Integer.toString(x.response().status()), TreeMap::new, Collectors.counting()));
    String answered = answers.entrySet().stream().map(e -> e.getKey() + " to " + e.getValue()).collect(Collectors.joining(", "));
    return Optional.of(new CommonCause("the relay never reached the replay upstream: none of the " + marked.size()
        + " scenario requests arrived at --replay " + replay + " (its journal shows no request during the run; the relay answered "
        + answered + "): the relay answers by itself or forwards elsewhere; point its upstream at " + replay, false));
  }

  /** The id of the newest entry of WireMock's journal ({@code GET /__admin/requests?limit=1}, newest first), "" when empty. */
  static Optional<String> newest(URI replay) {
    String base = replay.toString().endsWith("/") ? replay.toString() : replay + "/";
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
    try {
      HttpResponse<byte[]> resp = http.send(HttpRequest.newBuilder(URI.create(base + "__admin/requests?limit=1")).timeout(TIMEOUT)
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (resp.statusCode() != 200) return Optional.empty();
      JsonNode body = JSON.readTree(resp.body());
      if (body == null || body.path("requestJournalDisabled").asBoolean(false) || !body.path("requests").isArray()) return Optional.empty();
      JsonNode first = body.path("requests").path(0);
      return Optional.of(first.isMissingNode() ? "" : first.path("id").asText(""));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
