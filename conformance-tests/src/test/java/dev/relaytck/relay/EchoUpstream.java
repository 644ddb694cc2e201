package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model that does what "reply with exactly this text and nothing else: X" asks (answers X)
 * and otherwise says one short sentence: the obedient upstream the live sentinel probes of
 * SEC-020 need, where the stand-in's word model would not echo. JSON answers only.
 */
public final class EchoUpstream implements AutoCloseable {
  private static final Pattern EXACT = Pattern.compile("nothing else: (\\S+)");
  private final LoopbackServer server;
  private final AtomicInteger ids = new AtomicInteger();

  public EchoUpstream() throws IOException {
    server = LoopbackServer.start("echo-upstream", ex -> {
      try (ex) {
        JsonNode req = TestRecordings.JSON.readTree(ex.getRequestBody().readAllBytes());
        String prompt = req.path("messages").path(req.path("messages").size() - 1).path("content").asText("");
        Matcher m = EXACT.matcher(prompt);
        ObjectNode msg = TestRecordings.JSON.createObjectNode();
        msg.put("id", "msg_echo" + ids.incrementAndGet());
        msg.put("type", "message").put("role", "assistant").put("model", req.path("model").asText());
        msg.putArray("content").addObject().put("type", "text").put("text", m.find() ? m.group(1) : "The configuration looks well formed.");
        msg.put("stop_reason", "end_turn").putNull("stop_sequence");
        msg.putObject("usage").put("input_tokens", prompt.length() / 4 + 1).put("output_tokens", 5);
        byte[] body = TestRecordings.JSON.writeValueAsBytes(msg);
        ex.getResponseHeaders().set("content-type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    });
  }

  public URI url() {
    return server.url();
  }

  @Override
  public void close() {
    server.close();
  }
}
