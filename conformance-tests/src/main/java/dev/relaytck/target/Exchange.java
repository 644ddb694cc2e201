package dev.relaytck.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * One request to the relay and everything that came back, as the client saw it: status,
 * headers, the body's chunks with their arrival times, and how the body ended. Immutable;
 * shared by every check that reads the same scenario.
 *
 * @param sentHeaders the headers sent, credential values replaced by {@code ***}
 * @param status the HTTP status, or {@code -1} when no response headers arrived
 * @param headers response headers, names case-insensitive
 * @param endingDetail what broke or timed out, in words, or {@code null}
 */
public record Exchange(
    String label,
    String method,
    URI uri,
    Map<String, String> sentHeaders,
    byte[] sentBody,
    int status,
    Map<String, List<String>> headers,
    List<Chunk> chunks,
    long sentNanos,
    long headersNanos,
    long endNanos,
    Ending ending,
    String endingDetail) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public Exchange {
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(h);
    chunks = List.copyOf(chunks);
  }

  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  public boolean hasHeader(String name) {
    return headers.containsKey(name);
  }

  /** The media type of the response without parameters, lower case, or "" when absent. */
  public String mediaType() {
    return header("content-type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
  }

  public boolean eventStream() {
    return mediaType().equals("text/event-stream");
  }

  /** The body bytes as they arrived (still content-encoded). */
  public byte[] rawBody() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Chunk c : chunks) out.writeBytes(c.bytes());
    return out.toByteArray();
  }

  /**
   * The body after undoing a gzip Content-Encoding; the raw body when there is none or it cannot be
   * decoded. Decoding stops at {@link Transport#LARGE_REQUEST_MAX_BODY_BYTES} whatever the run's
   * limit, so a gzip bomb cannot exhaust memory; {@link TargetClient} has already ended an
   * exchange whose decoded body exceeds the run's own limit with {@link Ending#BODY_LIMIT}.
   */
  public byte[] body() {
    byte[] raw = rawBody();
    // Over the limit, only the first bytes were kept, as evidence: never inflated again.
    if (gzipped() && ending != Ending.BODY_LIMIT) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
        return in.readNBytes((int) Transport.LARGE_REQUEST_MAX_BODY_BYTES);
      } catch (IOException e) {
        return raw;
      }
    }
    return raw;
  }

  /** Whether the response declares a gzip Content-Encoding. */
  public boolean gzipped() {
    return header("content-encoding").map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
  }

  public String bodyText() {
    return new String(body(), StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON, or empty when it is not JSON. */
  public Optional<JsonNode> json() {
    try {
      byte[] b = body();
      if (b.length == 0) return Optional.empty();
      return Optional.ofNullable(JSON.readTree(b));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The JSON request body sent, or empty. */
  public Optional<JsonNode> sentJson() {
    try {
      return sentBody == null ? Optional.empty() : Optional.ofNullable(JSON.readTree(sentBody));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Framings already parsed, by exchange: the rules of every area read one parse of a stream
   * instead of re-parsing it (an exchange is immutable; weak keys let a finished run's go).
   */
  private static final Map<Exchange, StreamFraming> FRAMINGS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** The events of an event-stream body (framing per WHATWG), with arrival times; parsed once per exchange. */
  public StreamFraming framing() {
    return FRAMINGS.computeIfAbsent(this, e -> StreamFraming.parse(e.body(), e.chunks()));
  }

  public double headersMs() {
    return headersNanos <= 0 ? -1 : (headersNanos - sentNanos) / 1e6;
  }

  public double totalMs() {
    return (endNanos - sentNanos) / 1e6;
  }

  /** A short description for failure messages: {@code POST /v1/messages -> 200 (COMPLETE, 1234 bytes)}. */
  public String summary() {
    return method + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " -> "
        + (status < 0 ? "no response" : String.valueOf(status)) + " (" + ending
        + (endingDetail == null ? "" : ": " + endingDetail) + ", " + rawBody().length + " bytes)";
  }

  /** The first {@code max} characters of the body, for evidence. */
  public String excerpt(int max) {
    String s = bodyText();
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
