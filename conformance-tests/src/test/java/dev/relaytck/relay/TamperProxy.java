package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A proxy on loopback that sits between a relay and its upstream and applies one
 * {@link FeatureDefect} (or none): to the body it forwards and to the answer, which it reads
 * whole, rewrites and sends on. The relay in front of it stays faithful, so what the client and
 * the upstream journal see is exactly this defect.
 */
public final class TamperProxy implements AutoCloseable {

  private final LoopbackServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI upstream;
  private final FeatureDefect defect;

  public TamperProxy(URI upstream, FeatureDefect defect) throws IOException {
    this.upstream = upstream;
    this.defect = defect;
    server = LoopbackServer.start("tamper-proxy", this::handle);
  }

  public URI url() {
    return server.url();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (defect != null && body.length > 0 && TestRecordings.JSON.readTree(body) instanceof ObjectNode o) {
        defect.request(o);
        body = TestRecordings.JSON.writeValueAsBytes(o);
      }
      java.util.Optional<HttpResponse<byte[]>> sent = Forwarding.send(client, upstream, ex, body, Duration.ofSeconds(20),
          HttpResponse.BodyHandlers.ofByteArray());
      if (sent.isEmpty()) return;
      HttpResponse<byte[]> resp = sent.get();
      byte[] out = resp.body();
      String type = resp.headers().firstValue("content-type").orElse("");
      if (defect != null && defect.changesResponse() && resp.statusCode() == 200) {
        if (type.startsWith("text/event-stream")) {
          out = rewriteStream(out);
        } else if (type.startsWith("application/json")) {
          if (defect == FeatureDefect.TRUNCATE_JSON) {
            out = java.util.Arrays.copyOf(out, out.length / 2);
          } else if (TestRecordings.JSON.readTree(out) instanceof ObjectNode m && "message".equals(m.path("type").asText())) {
            defect.message(m);
            out = TestRecordings.JSON.writeValueAsBytes(m);
          }
        }
      }
      Forwarding.reply(ex, resp, out);
    }
  }

  /** Parses the stream's events (data as JSON), lets the defect change them, and frames them again. */
  private byte[] rewriteStream(byte[] body) throws IOException {
    return frame(defect.events(events(body)));
  }

  /** The events of an SSE body whose data is a JSON object, in order. */
  static List<ObjectNode> events(byte[] body) throws IOException {
    List<ObjectNode> events = new ArrayList<>();
    for (String block : new String(body, StandardCharsets.UTF_8).split("\r?\n\r?\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\r?\n")) {
        if (line.startsWith("data:")) data.append(line.substring(5).strip());
      }
      if (data.length() > 0 && TestRecordings.JSON.readTree(data.toString()) instanceof ObjectNode o) events.add(o);
    }
    return events;
  }

  /** Events framed again as an SSE body, each with an event: line equal to its type. */
  static byte[] frame(List<? extends JsonNode> events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (JsonNode e : events) {
      out.writeBytes(("event: " + e.path("type").asText() + "\ndata: " + TestRecordings.JSON.writeValueAsString(e) + "\n\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.close();
  }
}
