package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.relaytck.recordings.format.MarkerPlacement;
import dev.relaytck.recordings.format.MarkerText;
import dev.relaytck.recordings.format.Recording;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * In front of the replay upstream, for tests of live runs: live requests carry no scenario
 * marker (docs/live.md), so this proxy finds the recording whose request the body is
 * ({@link RecordedRequestIndex}) and adds the marker the replay upstream serves by. The replay
 * upstream then answers live requests the way the official API answered the recording.
 */
public final class RemarkingUpstream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoopbackServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI replay;
  private final RecordedRequestIndex index;

  public RemarkingUpstream(URI replay, List<Recording> recordings) throws IOException {
    String s = replay.toString();
    this.replay = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    index = new RecordedRequestIndex(recordings);
    server = LoopbackServer.start("remarking-upstream", this::handle);
  }

  public URI url() {
    return server.url();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readNBytes(64 * 1024 * 1024);
      byte[] out = remarked(body);
      java.util.Optional<HttpResponse<InputStream>> sent = Forwarding.send(client, replay, ex, out, Duration.ofSeconds(60),
          HttpResponse.BodyHandlers.ofInputStream());
      if (sent.isEmpty()) return;
      HttpResponse<InputStream> resp = sent.get();
      Forwarding.streamReply(ex, resp);
    } catch (IOException e) {
      // The client left mid-answer: nothing to tell it.
    }
  }

  /** {@code body} with the marker of the recording it is the request of, when it has none and one matches. */
  private byte[] remarked(byte[] body) {
    if (body.length == 0 || body.length > 4 * 1024 * 1024) return body;
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject() || MarkerText.last(new String(body, StandardCharsets.UTF_8)).isPresent()) return body;
      Optional<String> scenario = index.scenarioOf(n);
      if (scenario.isEmpty()) return body;
      ObjectNode copy = (ObjectNode) n;
      MarkerPlacement.append(copy, MarkerPlacement.marker(scenario.get(), MarkerPlacement.freshNonce()));
      return JSON.writeValueAsBytes(copy);
    } catch (IOException e) {
      return body;
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
