package dev.relaytck.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A relay in front of the stand-in official API for the identity checks, faithful or with one
 * of the defects those checks exist for: it substitutes another model (echoing the requested name
 * back), substitutes every other request, forges thinking signatures, or caches answers. Buffers
 * each response whole (identity checks judge content, not pacing). Loopback only.
 */
public final class IdentityRelay implements AutoCloseable {
  public enum Defect {
    NONE,
    /** Every messages and count_tokens request goes to {@code substitute}. */
    SUBSTITUTE,
    /** Every second messages request goes to {@code substitute}. */
    HALF,
    /** Thinking signatures in responses are replaced by the relay's own. */
    FORGE_SIGNATURES,
    /** Identical request bodies get the first answer again. */
    CACHE,
    /** Requests for {@code substitute} (a model name) come back with Bedrock's message ids: another channel for one model. */
    BEDROCK_FOR
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoopbackServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI upstream;
  private final Defect defect;
  private final String substitute;
  private final AtomicLong messages = new AtomicLong();
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  public IdentityRelay(URI upstream, Defect defect, String substitute) throws IOException {
    this.upstream = upstream;
    this.defect = defect;
    this.substitute = substitute;
    server = LoopbackServer.start("identity-relay", this::handle);
  }

  public URI url() {
    return server.url();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      String path = ex.getRequestURI().getRawPath();
      String requested = null;
      if (body.length > 0 && ex.getRequestMethod().equals("POST")) {
        JsonNode json = JSON.readTree(body);
        requested = json.path("model").asText(null);
        boolean messagesCall = path.equals("/v1/messages");
        long n = messagesCall ? messages.incrementAndGet() : 0;
        boolean swap = defect == Defect.SUBSTITUTE || (defect == Defect.HALF && messagesCall && n % 2 == 0);
        if (swap) {
          ((ObjectNode) json).put("model", substitute);
          body = JSON.writeValueAsBytes(json);
        }
      }
      String key = new String(body, StandardCharsets.UTF_8);
      byte[] cached = defect == Defect.CACHE ? cache.get(key) : null;
      HttpResponse<byte[]> resp = null;
      byte[] out;
      String type;
      int status;
      if (cached != null) {
        out = cached;
        status = 200;
        type = key.contains("\"stream\":true") ? "text/event-stream" : "application/json";
      } else {
        HttpRequest.Builder b = HttpRequest.newBuilder(upstream.resolve(ex.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(60))
            .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String h : List.of("x-api-key", "authorization", "anthropic-version", "anthropic-beta", "content-type")) {
          String v = ex.getRequestHeaders().getFirst(h);
          if (v != null) b.header(h, v);
        }
        try {
          resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
        out = resp.body();
        status = resp.statusCode();
        type = resp.headers().firstValue("content-type").orElse("application/json");
        String text = new String(out, StandardCharsets.UTF_8);
        if (requested != null && (defect == Defect.SUBSTITUTE || defect == Defect.HALF)) {
          // The substitute's name is echoed back as the requested one: the name proves nothing.
          text = text.replace("\"model\":\"" + substitute + "\"", "\"model\":\"" + requested + "\"");
        }
        if (defect == Defect.BEDROCK_FOR && substitute.equals(requested)) text = text.replace("\"msg_01", "\"msg_bdrk_01");
        if (defect == Defect.FORGE_SIGNATURES) {
          text = text.replaceAll("\"signature\":\"[^\"]+\"", "\"signature\":\"relay-minted-" + Long.toHexString(messages.get()) + "\"");
        }
        out = text.getBytes(StandardCharsets.UTF_8);
        if (defect == Defect.CACHE && status == 200) cache.putIfAbsent(key, out);
      }
      ex.getResponseHeaders().set("content-type", type);
      if (defect == Defect.BEDROCK_FOR && substitute.equals(requested)) {
        ex.getResponseHeaders().set("x-amzn-requestid", java.util.UUID.randomUUID().toString());
      } else if (resp != null) {
        resp.headers().firstValue("request-id").ifPresent(v -> ex.getResponseHeaders().set("request-id", v));
        resp.headers().map().forEach((name, values) -> {
          if (name.toLowerCase(java.util.Locale.ROOT).startsWith("anthropic-ratelimit-") && !values.isEmpty()) {
            ex.getResponseHeaders().set(name, values.get(0));
          }
        });
      }
      ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(out);
      }
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
