package dev.relaytck.recordings.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.MarkerPlacement;
import dev.relaytck.recordings.format.Provenance;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import dev.relaytck.recordings.format.RecordingFormatException;
import dev.relaytck.recordings.format.RecordingStore;
import dev.relaytck.recordings.format.Recordings;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * {@code relay-tck record}: sends the request of each selected scenario (the request of its bundled
 * recording, with a fresh scenario marker) to a live upstream and writes what came back as a
 * recording in the on-disk format, with per-event arrival times, secrets removed and volatile
 * values normalised (docs/recording.md).
 *
 * <p>Requests go one at a time: timing is what the recording is for, and parallel requests would
 * compete for the same connection and rate limit. No retries: a retried request would hide what
 * the upstream really answered.
 */
public final class Recorder {
  /** Where sample k (k ≥ 2) of a scenario is written, below the output folder: {@code samples/<k>/}. */
  public static final String SAMPLES = "samples";

  /**
   * @param upstream base URL of the upstream (the official API, or any Anthropic-compatible endpoint)
   * @param model replaces the model of requests whose recording was answered with success; null keeps the recorded one
   * @param timeout longest wait for the response headers, and for the next bytes of a body
   * @param toolVersion written into provenance
   */
  public record Options(URI upstream, Path out, int samples, String model, Duration timeout, String toolVersion) {}

  /** What became of one request. */
  public record Result(String scenario, int sample, Path mapping, boolean ok, String message) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Options options;
  private final UpstreamCredential credential;
  private final Consumer<String> progress;
  private final HttpClient client;
  private final Clock clock;

  public Recorder(Options options, UpstreamCredential credential, Consumer<String> progress) {
    this(options, credential, progress, Clock.systemUTC());
  }

  Recorder(Options options, UpstreamCredential credential, Consumer<String> progress, Clock clock) {
    this.options = options;
    this.credential = credential;
    this.progress = progress;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .connectTimeout(options.timeout().compareTo(Duration.ofSeconds(30)) < 0 ? options.timeout() : Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /**
   * Records every template {@link Options#samples()} times.
   *
   * @throws UpstreamUnreachableException at the first request that cannot reach the upstream at all
   */
  public List<Result> record(List<Recording> templates) throws UpstreamUnreachableException, InterruptedException {
    StreamCapture capture = new StreamCapture(client, options.timeout());
    List<Result> results = new ArrayList<>();
    outer:
    for (Recording template : templates) {
      for (int sample = 1; sample <= options.samples(); sample++) {
        Result result = recordOne(capture, template, sample);
        results.add(result);
        progress.accept(line(result));
        if (result.message().startsWith(REFUSED)) {
          break outer; // every further request would be refused the same way
        }
      }
    }
    writeIndexes(results);
    return results;
  }

  private static final String REFUSED = "the upstream refused the credential";

  private Result recordOne(StreamCapture capture, Recording template, int sample)
      throws UpstreamUnreachableException, InterruptedException {
    String scenario = template.scenario();
    String nonce = MarkerPlacement.freshNonce();
    Prepared prepared = prepare(template);
    HttpRequest request = prepared.httpRequest(nonce);
    EchoedSecrets echoes = new EchoedSecrets(credential.secrets());
    StreamCapture.Captured captured;
    try {
      captured = capture.exchange(request);
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw unreachable(e);
    } catch (HttpTimeoutException e) {
      return new Result(scenario, sample, null, false, "no response headers within " + options.timeout().toSeconds() + " s");
    } catch (IOException e) {
      if (isUnreachable(e)) {
        throw unreachable(e);
      }
      return new Result(scenario, sample, null, false, "the exchange failed: " + echoes.scrub(String.valueOf(e.getMessage()), "error"));
    }

    int expected = template.response().status();
    if (captured.status() != expected) {
      String what = errorSummary(captured.body());
      if (captured.status() == 401 || captured.status() == 403) {
        return new Result(scenario, sample, null, false, REFUSED + " (" + captured.status() + what + "): check "
            + credential.describe() + "; nothing more is sent");
      }
      return new Result(scenario, sample, null, false, "the upstream answered " + captured.status() + what
          + " where the scenario expects " + expected + "; not written");
    }

    VolatileValues volatiles = new VolatileValues(scenario);
    Map<String, List<String>> headers = echoes.scrub(volatiles.headers(captured.headers()), "response");
    RecordedResponse response;
    if (captured.events() != null) {
      List<RecordedEvent> events = new ArrayList<>();
      for (int i = 0; i < captured.events().size(); i++) {
        RecordedEvent event = captured.events().get(i);
        events.add(new RecordedEvent(event.offsetMs(), echoes.scrub(volatiles.body(event.bytes()), "event " + i)));
      }
      response = new RecordedResponse(captured.status(), headers, null, events);
    } else {
      response = new RecordedResponse(captured.status(), headers, echoes.scrub(volatiles.body(captured.body()), "body"), null);
    }
    Provenance provenance = new Provenance("captured-live", null, null, null, null,
        derivedFrom(template, sample),
        captured.compressed()
            ? "recorded; the upstream compressed the body although asked for identity, so every event carries the time the body ended"
            : "recorded",
        capturedAt(captured.headers()));
    Recording recording = new Recording(scenario, template.title(), template.features(),
        answeringModel(captured, prepared.model()), provenance, prepared.stored(), response, null);
    Path mapping = RecordingStore.write(recording, folder(sample));

    StringBuilder message = new StringBuilder();
    message.append(captured.status()).append(", ");
    List<RecordedEvent> events = response.events();
    message.append(events == null ? response.body().length + " bytes"
        : events.size() + " events, the last at " + (events.isEmpty() ? 0 : events.get(events.size() - 1).offsetMs()) + " ms");
    boolean ok = true;
    if (!echoes.found().isEmpty()) {
      message.append("; the upstream echoed the credential (").append(String.join(", ", echoes.found()))
          .append("): replaced by ").append(EchoedSecrets.REDACTED);
    }
    if (!captured.problems().isEmpty()) {
      ok = false;
      message.append("; written, but it does not validate: ").append(captured.problems().size())
          .append(" problem(s), first: ").append(echoes.scrub(captured.problems().get(0), "message"));
    }
    return new Result(scenario, sample, mapping, ok, message.toString());
  }

  private String line(Result result) {
    String who = result.scenario() + (options.samples() > 1 ? " (sample " + result.sample() + ")" : "");
    return (result.mapping() != null ? (result.ok() ? "recorded " : "RECORDED WITH PROBLEMS ") : "FAILED ")
        + who + ": " + result.message();
  }

  private Path folder(int sample) {
    return sample == 1 ? options.out() : options.out().resolve(SAMPLES).resolve(Integer.toString(sample));
  }

  private void writeIndexes(List<Result> results) {
    results.stream().filter(r -> r.mapping() != null).map(r -> folder(r.sample())).distinct().forEach(dir -> {
      try {
        Recordings.writeIndex(Recordings.load(dir), dir);
      } catch (RecordingFormatException e) {
        progress.accept("note: index.txt of " + dir + " not rewritten: " + e.getMessage());
      }
    });
  }

  private String derivedFrom(Recording template, int sample) {
    String from = template.provenance().repository() != null
        ? "the bundled recording from " + template.provenance().repository()
        : "the bundled recording";
    return "recorded by relay-tck record " + options.toolVersion() + " from " + origin(options.upstream())
        + ": the request of " + from + " with a scenario marker appended"
        + (options.model() != null && template.response().status() < 300 ? ", model set by --model" : "")
        + (options.samples() > 1 ? "; sample " + sample + " of " + options.samples() : "");
  }

  /** Scheme, host and port only: user info, path and query of an upstream URL may hold tokens. */
  public static String origin(URI upstream) {
    return upstream.getScheme() + "://" + upstream.getHost() + (upstream.getPort() >= 0 ? ":" + upstream.getPort() : "");
  }

  private String capturedAt(Map<String, List<String>> headers) {
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("date") && !header.getValue().isEmpty()) {
        try {
          return ZonedDateTime.parse(header.getValue().get(0), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toString();
        } catch (RuntimeException unparsable) {
          break;
        }
      }
    }
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String answeringModel(StreamCapture.Captured captured, String requested) {
    if (captured.report() != null && captured.report().message() != null
        && captured.report().message().path("model").isTextual()) {
      return captured.report().message().path("model").asText();
    }
    return requested;
  }

  private static String errorSummary(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.path("type").isTextual()) {
        return " " + error.path("type").asText();
      }
    } catch (IOException | RuntimeException notJson) {
      // no detail to add
    }
    return "";
  }

  private boolean isUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnresolvedAddressException || t instanceof UnknownHostException
          || t instanceof SSLException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private UpstreamUnreachableException unreachable(Throwable e) {
    String reason = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        reason = "unknown host";
      } else if (t instanceof SSLException) {
        reason = "TLS failed: " + t.getMessage();
      } else if (t instanceof HttpConnectTimeoutException) {
        reason = "connect timed out";
      } else if (t instanceof ConnectException && reason == null) {
        reason = "connection refused";
      }
    }
    return new UpstreamUnreachableException("cannot reach the upstream " + origin(options.upstream()) + ": "
        + (reason == null || reason.isBlank() ? e.getClass().getSimpleName() : reason), e);
  }

  /** The request of one scenario, as sent (with its marker) and as stored (without). */
  private record Prepared(URI uri, Map<String, String> headers, ObjectNode body, RecordedRequest stored, String model,
      String scenario, UpstreamCredential credential, Duration timeout) {

    HttpRequest httpRequest(String nonce) {
      HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
      if (body != null) {
        ObjectNode sent = body.deepCopy();
        MarkerPlacement.append(sent, MarkerPlacement.marker(scenario, nonce));
        publisher = HttpRequest.BodyPublishers.ofByteArray(write(sent));
      }
      HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout).method(stored.method(), publisher);
      if ("http".equalsIgnoreCase(uri.getScheme())) {
        builder.version(HttpClient.Version.HTTP_1_1); // no h2c upgrade dance with plain-text upstreams
      }
      headers.forEach(builder::header);
      credential.applyTo(builder);
      return builder.build();
    }
  }

  private Prepared prepare(Recording template) {
    RecordedRequest recorded = template.request();
    ObjectNode body = recorded.body() instanceof ObjectNode object ? object.deepCopy() : null;
    String model = body != null && body.path("model").isTextual() ? body.path("model").asText() : template.model();
    if (body != null && options.model() != null && body.has("model") && template.response().status() < 300) {
      // Only where the recording succeeded: an error scenario (an unknown model's 404) needs its own model.
      body.put("model", options.model());
      model = options.model();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    if (body != null) {
      headers.put("content-type", "application/json");
    }
    headers.put("anthropic-version", first(recorded.headers(), "anthropic-version", "2023-06-01"));
    String beta = first(recorded.headers(), "anthropic-beta", null);
    if (beta != null) {
      headers.put("anthropic-beta", beta);
    }
    String accept = first(recorded.headers(), "accept", null);
    if (accept != null) {
      headers.put("accept", accept);
    }
    // Identity: a compressed stream would hide when each event arrived.
    headers.put("accept-encoding", "identity");
    headers.put("user-agent", "relay-tck-recorder/" + options.toolVersion());
    Map<String, List<String>> storedHeaders = new LinkedHashMap<>();
    headers.forEach((k, v) -> storedHeaders.put(k, List.of(v)));
    String path = recorded.path() == null ? "/v1/messages" : recorded.path();
    String base = options.upstream().toString().replaceAll("/+$", "");
    URI uri = URI.create(base + path + (recorded.query() == null || recorded.query().isEmpty() ? "" : "?" + recorded.query()));
    RecordedRequest stored = new RecordedRequest(recorded.method() == null ? "POST" : recorded.method(), path,
        recorded.query(), storedHeaders, body);
    return new Prepared(uri, headers, body, stored, model, template.scenario(), credential, options.timeout());
  }

  private static String first(Map<String, List<String>> headers, String name, String fallback) {
    if (headers != null) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().toLowerCase(Locale.ROOT).equals(name) && !h.getValue().isEmpty()) {
          return String.join(", ", h.getValue());
        }
      }
    }
    return fallback;
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a request tree always serializes", e);
    }
  }
}
