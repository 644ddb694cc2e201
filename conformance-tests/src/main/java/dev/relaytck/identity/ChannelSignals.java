package dev.relaytck.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Attributes a response to the channel its bytes look like, from the shapes each backend leaves:
 * first-party ids ({@code msg_01…}, {@code toolu_01…}, {@code req_011C…}), {@code service_tier},
 * {@code usage.cache_creation} and {@code anthropic-ratelimit-*} headers; AWS Bedrock's
 * {@code msg_bdrk_}/{@code toolu_bdrk_} ids, Converse {@code tooluse_} ids and body shape,
 * {@code amazon-bedrock-invocationMetrics} and {@code x-amzn-*} headers; Google Vertex's
 * {@code msg_vrtx_}, {@code toolu_vrtx_}, {@code req_vrtx_}; and the marks of a translation
 * (OpenAI-style bodies, uuid ids, thinking without a signature). An id prefix weighs three, a
 * header or field shape one; the channel with the most weight wins, a tie or nothing is unknown.
 */
public final class ChannelSignals {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FIRST_PARTY_ID = Pattern.compile("(msg|toolu|srvtoolu)_01[A-Za-z0-9]{16,}");
  private static final Pattern FIRST_PARTY_REQUEST = Pattern.compile("req_01[A-Za-z0-9]{16,}");
  private static final Pattern UUID = Pattern.compile("(?i)(\\w+[-_])?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** One thing seen, and which channel it points to. */
  public record Signal(Channel channel, int weight, String what) {}

  /** @param channel the attribution; {@code signals} every signal seen, strongest first */
  public record Attribution(Channel channel, List<Signal> signals) {
    public List<String> describe() {
      return signals.stream().map(s -> s.channel().label() + ": " + s.what()).toList();
    }
  }

  private ChannelSignals() {}

  /**
   * @param headers response headers (any case), or an empty map for a body captured alone
   * @param body the response body: JSON or a raw event stream
   */
  public static Attribution classify(Map<String, List<String>> headers, byte[] body) {
    List<Signal> signals = new ArrayList<>();
    headers(headers, signals);
    int[] thinking = new int[2];
    for (JsonNode node : documents(body)) {
      body(node, signals);
      thinking(node, thinking);
    }
    if (thinking[0] > 0 && thinking[1] == 0) out(signals, Channel.OTHER, 2, "thinking without a signature");
    return decide(signals);
  }

  /**
   * The first-party rate limiter's mark over several responses in order: its
   * {@code anthropic-ratelimit-requests-remaining} falls as requests are spent. Copied or invented
   * headers tend to stay still.
   */
  public static java.util.Optional<Signal> fallingRateLimit(List<Map<String, List<String>>> headersInOrder) {
    List<Long> remaining = new ArrayList<>();
    for (Map<String, List<String>> h : headersInOrder) {
      for (Map.Entry<String, List<String>> e : h.entrySet()) {
        if (e.getKey().equalsIgnoreCase("anthropic-ratelimit-requests-remaining") && !e.getValue().isEmpty()) {
          try {
            remaining.add(Long.parseLong(e.getValue().get(0).strip()));
          } catch (NumberFormatException ignored) {
            // not a count: no signal
          }
        }
      }
    }
    if (remaining.size() < 3) return java.util.Optional.empty();
    int falls = 0;
    for (int i = 1; i < remaining.size(); i++) if (remaining.get(i) < remaining.get(i - 1)) falls++;
    return falls * 2 >= remaining.size() - 1
        ? java.util.Optional.of(new Signal(Channel.ANTHROPIC, 1, "anthropic-ratelimit-requests-remaining falls (" + falls + " of "
            + (remaining.size() - 1) + " steps)"))
        : java.util.Optional.empty();
  }

  /** Combines the signals of several responses of one relay (the run's samples). */
  public static Attribution combine(List<Attribution> each) {
    return combine(each, List.of());
  }

  /** As {@link #combine(List)}, with signals seen across responses (such as {@link #fallingRateLimit}). */
  public static Attribution combine(List<Attribution> each, List<Signal> acrossResponses) {
    List<Signal> all = new ArrayList<>(acrossResponses);
    Set<String> seen = new LinkedHashSet<>();
    for (Attribution a : each) {
      for (Signal s : a.signals()) {
        if (seen.add(s.channel() + s.what())) all.add(s);
      }
    }
    return decide(all);
  }

  private static Attribution decide(List<Signal> signals) {
    Map<Channel, Integer> score = new EnumMap<>(Channel.class);
    for (Signal s : signals) score.merge(s.channel(), s.weight(), Integer::sum);
    Channel best = Channel.UNKNOWN;
    int top = 0;
    boolean tie = false;
    for (Map.Entry<Channel, Integer> e : score.entrySet()) {
      if (e.getValue() > top) {
        best = e.getKey();
        top = e.getValue();
        tie = false;
      } else if (e.getValue() == top) {
        tie = true;
      }
    }
    List<Signal> sorted = new ArrayList<>(signals);
    sorted.sort((a, b) -> b.weight() - a.weight());
    return new Attribution(tie || top == 0 ? Channel.UNKNOWN : best, List.copyOf(sorted));
  }

  private static void out(List<Signal> signals, Channel c, int weight, String what) {
    signals.add(new Signal(c, weight, what));
  }

  /** Counts thinking blocks ([0]) and signatures ([1]), in a body or a stream's events. */
  private static void thinking(JsonNode node, int[] counts) {
    if (node.isArray()) {
      node.forEach(n -> thinking(n, counts));
      return;
    }
    if (!node.isObject()) return;
    if ("thinking".equals(node.path("type").asText()) && node.has("thinking")) counts[0]++;
    if (!node.path("signature").asText("").isEmpty()) counts[1]++;
    node.elements().forEachRemaining(n -> thinking(n, counts));
  }

  private static void headers(Map<String, List<String>> headers, List<Signal> out) {
    boolean ratelimit = false;
    boolean amzn = false;
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      String value = h.getValue().isEmpty() ? "" : h.getValue().get(0);
      if (name.startsWith("anthropic-ratelimit-")) ratelimit = true;
      if (name.startsWith("x-amzn-") || name.startsWith("x-amz-")) amzn = true;
      if (name.equals("request-id")) requestId(value, "request-id header", out);
    }
    if (ratelimit) out.add(new Signal(Channel.ANTHROPIC, 1, "anthropic-ratelimit-* headers"));
    if (amzn) out.add(new Signal(Channel.BEDROCK, 1, "x-amzn-* headers"));
  }

  private static void requestId(String value, String where, List<Signal> out) {
    if (value.startsWith("req_vrtx_")) out.add(new Signal(Channel.VERTEX, 3, where + " req_vrtx_…"));
    else if (FIRST_PARTY_REQUEST.matcher(value).matches()) out.add(new Signal(Channel.ANTHROPIC, 3, where + " " + value.substring(0, 8) + "…"));
    else if (UUID.matcher(value).matches()) out.add(new Signal(Channel.OTHER, 1, where + " is a uuid"));
  }

  private static void body(JsonNode node, List<Signal> out) {
    if (node.has("choices") || node.path("object").asText().startsWith("chat.completion")) {
      out.add(new Signal(Channel.OTHER, 3, "an OpenAI chat-completion body"));
    }
    if (node.has("output") && node.path("output").has("message") && node.has("stopReason")) {
      out.add(new Signal(Channel.BEDROCK, 3, "a Bedrock Converse body (output.message, stopReason)"));
    }
    if (node.has("amazon-bedrock-invocationMetrics")) out.add(new Signal(Channel.BEDROCK, 3, "amazon-bedrock-invocationMetrics"));
    if (node.has("request_id")) requestId(node.path("request_id").asText(), "error request_id", out);
    walk(node, out);
  }

  /** Ids, usage shapes and thinking blocks wherever they sit (a body, message_start, content_block_start). */
  private static void walk(JsonNode node, List<Signal> out) {
    if (node.isArray()) {
      node.forEach(n -> walk(n, out));
      return;
    }
    if (!node.isObject()) return;
    for (String field : new String[] {"id", "toolUseId"}) {
      JsonNode v = node.get(field);
      if (v != null && v.isTextual()) id(v.asText(), out);
    }
    if (node.has("service_tier") && node.has("output_tokens")) out.add(new Signal(Channel.ANTHROPIC, 1, "usage.service_tier"));
    if (node.has("cache_creation") && node.path("cache_creation").isObject()) {
      out.add(new Signal(Channel.ANTHROPIC, 1, "usage.cache_creation"));
    }
    Iterator<JsonNode> children = node.elements();
    while (children.hasNext()) walk(children.next(), out);
  }

  private static void id(String id, List<Signal> out) {
    if (id.startsWith("msg_bdrk_") || id.startsWith("toolu_bdrk_")) out.add(new Signal(Channel.BEDROCK, 3, id.substring(0, id.indexOf("bdrk_") + 5) + "… id"));
    else if (id.startsWith("tooluse_")) out.add(new Signal(Channel.BEDROCK, 3, "Converse tooluse_… id"));
    else if (id.startsWith("msg_vrtx_") || id.startsWith("toolu_vrtx_")) out.add(new Signal(Channel.VERTEX, 3, id.substring(0, id.indexOf("vrtx_") + 5) + "… id"));
    else if (FIRST_PARTY_ID.matcher(id).matches()) out.add(new Signal(Channel.ANTHROPIC, 3, id.substring(0, id.indexOf('_') + 3) + "… id"));
    else if (id.startsWith("chatcmpl-")) out.add(new Signal(Channel.OTHER, 3, "chatcmpl-… id"));
    else if (UUID.matcher(id).matches()) out.add(new Signal(Channel.OTHER, 2, "a uuid id"));
  }

  /** The JSON documents of a body: itself when it is JSON, every event's data when it is a stream. */
  static List<JsonNode> documents(byte[] body) {
    List<JsonNode> out = new ArrayList<>();
    if (body == null || body.length == 0) return out;
    String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
    if (text.startsWith("{") || text.startsWith("[")) {
      try {
        JsonNode n = JSON.readTree(text);
        if (n != null) out.add(n);
        return out;
      } catch (IOException notJson) {
        // fall through: maybe a stream whose first line is data
      }
    }
    for (String line : text.split("\r\n|\r|\n")) {
      if (!line.startsWith("data:")) continue;
      String data = line.substring(line.startsWith("data: ") ? 6 : 5).strip();
      if (data.isEmpty() || data.equals("[DONE]")) continue;
      try {
        JsonNode n = JSON.readTree(data);
        if (n != null && n.isObject()) out.add(n);
      } catch (IOException skip) {
        // a torn or foreign line says nothing about the channel
      }
    }
    return out;
  }
}
