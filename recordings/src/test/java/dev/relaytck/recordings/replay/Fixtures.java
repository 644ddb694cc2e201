package dev.relaytck.recordings.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.Fault;
import dev.relaytck.recordings.format.Provenance;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.RecordedRequest;
import dev.relaytck.recordings.format.RecordedResponse;
import dev.relaytck.recordings.format.Recording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recordings built from real captured bodies (prism-php/prism fixtures, see
 * src/test/resources/replay/prism-php__prism/ATTRIBUTION.md) and a raw HTTP client that
 * reads bodies as they arrive.
 */
final class Fixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MODEL = "claude-3-7-sonnet-20250219";
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Fixtures() {}

  static byte[] resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/replay/prism-php__prism/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The captured stream split into its events (each with its terminating blank line). */
  static List<byte[]> streamEvents() {
    String text = new String(resource("stream-basic-text-1.sse"), StandardCharsets.UTF_8);
    List<byte[]> events = new ArrayList<>();
    int start = 0;
    int end;
    while ((end = text.indexOf("\n\n", start)) >= 0) {
      events.add(text.substring(start, end + 2).getBytes(StandardCharsets.UTF_8));
      start = end + 2;
    }
    return events;
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static Provenance provenance() {
    return new Provenance("captured-live", "prism-php/prism", "tests/Fixtures/anthropic/stream-basic-text-1.sse",
        "5d6cc65b80b19cf3f22744703ac0c727b68cdca8", "MIT", null, "test pacing", null);
  }

  /** The text stream, its events spread from {@code firstMs} to {@code lastMs}. */
  static Recording textStream(String scenario, long firstMs, long lastMs, Fault fault) {
    List<byte[]> bytes = streamEvents();
    List<RecordedEvent> events = new ArrayList<>();
    for (int i = 0; i < bytes.size(); i++) {
      long offset = bytes.size() == 1 ? firstMs : firstMs + (lastMs - firstMs) * i / (bytes.size() - 1);
      events.add(new RecordedEvent(offset, bytes.get(i)));
    }
    RecordedRequest request = new RecordedRequest("POST", "/v1/messages", null, Map.of(), requestBody(scenario, "n0", true));
    RecordedResponse response = new RecordedResponse(200,
        Map.of("content-type", List.of("text/event-stream; charset=utf-8"), "request-id", List.of("req_recorded"),
            "Content-Length", List.of("999")),
        null, events);
    return new Recording(scenario, "Plain text, streamed", List.of("text", "stream"), MODEL, provenance(), request, response, fault);
  }

  static Recording textMessage(String scenario) {
    byte[] body = resource("generate-text-with-a-prompt-1.json");
    RecordedRequest request = new RecordedRequest("POST", "/v1/messages", null, Map.of(), requestBody(scenario, "n0", false));
    RecordedResponse response = new RecordedResponse(200, Map.of("content-type", List.of("application/json")), body, null);
    return new Recording(scenario, "Plain text", List.of("text"), "claude-3-5-sonnet-20240620", provenance(), request, response, null);
  }

  static Recording countTokens(String scenario) {
    RecordedRequest request = new RecordedRequest("POST", "/v1/messages/count_tokens", null, Map.of(), requestBody(scenario, "n0", false));
    RecordedResponse response = new RecordedResponse(200, Map.of("content-type", List.of("application/json")),
        "{\"input_tokens\":14}".getBytes(StandardCharsets.UTF_8), null);
    return new Recording(scenario, "count_tokens", List.of("count_tokens"), MODEL, provenance(), request, response, null);
  }

  static ObjectNode requestBody(String scenario, String nonce, boolean stream) {
    return requestBody("Hello [[relay-tck:" + scenario + ":" + nonce + "]]", stream);
  }

  static ObjectNode requestBody(String text, boolean stream) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", MODEL);
    body.put("max_tokens", 64);
    if (stream) {
      body.put("stream", true);
    }
    ObjectNode first = body.putArray("messages").addObject();
    first.put("role", "user");
    first.put("content", "Hi");
    body.withArray("messages").addObject().put("role", "assistant").put("content", "Hello.");
    ObjectNode last = body.withArray("messages").addObject();
    last.put("role", "user");
    last.putArray("content").addObject().put("type", "text").put("text", text);
    return body;
  }

  static HttpRequest.Builder post(ReplayServer server, String pathAndQuery, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
        .timeout(TIMEOUT)
        .header("x-api-key", "sk-test-not-a-real-key")
        .header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** What arrived on a stream, read incrementally: events with the ms they arrived after the request was sent. */
  record Arrival(long headersMs, List<String> events, List<Long> eventMs, byte[] bytes, IOException failure) {}

  static Arrival stream(HttpRequest request) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long headersMs = (System.nanoTime() - t0) / 1_000_000;
    List<String> events = new ArrayList<>();
    List<Long> eventMs = new ArrayList<>();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    IOException failure = null;
    try (InputStream in = response.body()) {
      byte[] buf = new byte[8192];
      int n;
      int scanned = 0;
      while ((n = in.read(buf)) >= 0) {
        all.write(buf, 0, n);
        byte[] sofar = all.toByteArray();
        for (int i = Math.max(scanned, 1); i < sofar.length; i++) {
          if (sofar[i] == '\n' && sofar[i - 1] == '\n') {
            int from = events.isEmpty() ? 0 : eventEnd(events);
            events.add(new String(Arrays.copyOfRange(sofar, from, i + 1), StandardCharsets.UTF_8));
            eventMs.add((System.nanoTime() - t0) / 1_000_000);
          }
        }
        scanned = sofar.length;
      }
    } catch (IOException e) {
      failure = e;
    }
    return new Arrival(headersMs, events, eventMs, all.toByteArray(), failure);
  }

  private static int eventEnd(List<String> events) {
    return events.stream().mapToInt(e -> e.getBytes(StandardCharsets.UTF_8).length).sum();
  }
}
