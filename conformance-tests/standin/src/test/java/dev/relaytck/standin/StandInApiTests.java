package dev.relaytck.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.sse.SseParser;
import dev.relaytck.stream.JsonBodyValidator;
import dev.relaytck.stream.StreamValidator;
import dev.relaytck.stream.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stand-in official API behaves like the real service: grammar, counts, signatures, errors. */
class StandInApiTests {
  static final String KEY = "fake-test-key-not-a-real-credential";
  static final String ALPHA = "claude-standin-alpha-1";
  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

  static StandInApi api;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws IOException {
    api = StandInApi.builder()
        .model(StandInModels.alpha(ALPHA).renamed(ALPHA, 8_192, 20_000))
        .model(StandInModels.beta("standin-beta-1"))
        .model(StandInModels.gamma("standin-gamma-1"))
        .apiKey(KEY).seed(42).maxBodyBytes(400_000)
        .clock(NOW::get)
        .start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  record Reply(int status, JsonNode json, byte[] body, java.net.http.HttpHeaders headers) {}

  static Reply post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(api.url().resolve(path)).header("x-api-key", KEY)
        .header("anthropic-version", "2023-06-01").header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static Reply send(HttpRequest.Builder b) throws Exception {
    HttpResponse<byte[]> r = HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = null;
    try {
      json = JSON.readTree(r.body());
    } catch (IOException notJson) {
      json = null;
    }
    return new Reply(r.statusCode(), json, r.body(), r.headers());
  }

  static ObjectNode request(String model, String prompt, int maxTokens) {
    ObjectNode r = JSON.createObjectNode().put("model", model).put("max_tokens", maxTokens);
    r.putArray("messages").addObject().put("role", "user").put("content", prompt);
    return r;
  }

  static ValidationReport validateStream(byte[] body) {
    StreamValidator v = new StreamValidator();
    SseParser p = new SseParser(v);
    p.feed(body, 0);
    p.end(0);
    return v.finish(body.length);
  }

  static String text(JsonNode message) {
    StringBuilder sb = new StringBuilder();
    message.path("content").forEach(b -> sb.append(b.path("text").asText("")));
    return sb.toString();
  }

  @Test
  void jsonAnswerIsAValidMessageWithOfficialIdsAndUsage() throws Exception {
    Reply r = post("/v1/messages", request(ALPHA, "Tell me about rivers. [[relay-tck:text-basic:abc123:status=500]]", 300).toString());
    assertThat(r.status()).isEqualTo(200);
    assertThat(new JsonBodyValidator().validate(r.body()).failures()).isEmpty();
    assertThat(r.json().path("id").asText()).matches("msg_01[1-9A-HJ-NP-Za-km-z]{22}");
    assertThat(r.headers().firstValue("request-id").orElseThrow()).startsWith("req_011C");
    assertThat(r.json().path("model").asText()).isEqualTo(ALPHA);
    assertThat(r.json().path("usage").path("service_tier").asText()).isEqualTo("standard");
    assertThat(r.json().path("usage").path("output_tokens").asInt()).isPositive();
    // The marker (with a fault suffix) is just text to the real API: no fault, no echo.
    assertThat(text(r.json())).doesNotContain("relay-tck");
  }

  @Test
  void streamFollowsTheOfficialGrammarForTextThinkingAndTools() throws Exception {
    ObjectNode plain = request(ALPHA, "Describe a morning walk.", 400).put("stream", true);
    ObjectNode thinking = request(ALPHA, "Think about a garden.", 3000).put("stream", true);
    thinking.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    ObjectNode tools = request(ALPHA, "Please call get_weather with \"Zürich 8001 🌧\"", 400).put("stream", true);
    tools.putArray("tools").addObject().put("name", "get_weather").put("description", "weather")
        .putObject("input_schema").put("type", "object").putObject("properties").putObject("location").put("type", "string");
    for (ObjectNode req : List.of(plain, thinking, tools)) {
      Reply r = post("/v1/messages", req.toString());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
      ValidationReport report = validateStream(r.body());
      assertThat(report.failures()).as(new String(r.body(), StandardCharsets.UTF_8)).isEmpty();
      assertThat(report.eventCount()).isGreaterThan(5);
      String body = new String(r.body(), StandardCharsets.UTF_8);
      assertThat(body).startsWith("event: message_start\n").contains("event: ping\n").endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }
    ValidationReport tool = validateStream(post("/v1/messages", tools.toString()).body());
    JsonNode use = tool.message().path("content").findParent("input");
    assertThat(use.path("type").asText()).isEqualTo("tool_use");
    assertThat(use.path("id").asText()).startsWith("toolu_01");
    assertThat(use.path("input").path("location").asText()).isEqualTo("Zürich 8001 🌧");
    assertThat(tool.message().path("stop_reason").asText()).isEqualTo("tool_use");
    assertThat(new String(post("/v1/messages", tools.toString()).body(), StandardCharsets.UTF_8))
        .contains("\"partial_json\":\"\"").contains("input_json_delta");
  }

  @Test
  void countTokensAgreesExactlyWithUsageForEveryFamily() throws Exception {
    for (String model : List.of(ALPHA, "standin-beta-1", "standin-gamma-1")) {
      ObjectNode req = request(model, "Count these words, please: the quick brown fox, 東京, مرحبا, 🦊.", 50);
      req.put("system", "You are terse.");
      Reply count = post("/v1/messages/count_tokens", req.toString());
      Reply answer = post("/v1/messages", req.toString());
      assertThat(count.status()).isEqualTo(200);
      assertThat(answer.json().path("usage").path("input_tokens").asInt())
          .isEqualTo(count.json().path("input_tokens").asInt());
    }
    // Families count the same text differently (a substituted family shows at once).
    Set<Integer> counts = new HashSet<>();
    for (String model : List.of(ALPHA, "standin-beta-1", "standin-gamma-1")) {
      counts.add(post("/v1/messages/count_tokens", request(model, "An ordinary sentence about configuration and verification, with a few more words in it to count.", 10)
          .toString()).json().path("input_tokens").asInt());
    }
    assertThat(counts).hasSize(3);
  }

  @Test
  void thinkingSignaturesRoundTripAndForgeriesGetTheOfficial400() throws Exception {
    ObjectNode first = request(ALPHA, "Think about a river.", 2000);
    first.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
    JsonNode answer = post("/v1/messages", first.toString()).json();
    JsonNode thinkingBlock = answer.path("content").get(0);
    assertThat(thinkingBlock.path("type").asText()).isEqualTo("thinking");
    assertThat(thinkingBlock.path("signature").asText()).isEqualTo(api.signatureOf(thinkingBlock.path("thinking").asText()));

    ObjectNode second = first.deepCopy();
    second.withArray("messages").addObject().put("role", "assistant").set("content", answer.path("content"));
    second.withArray("messages").addObject().put("role", "user").put("content", "Go on.");
    assertThat(post("/v1/messages", second.toString()).status()).isEqualTo(200);

    ObjectNode forged = second.deepCopy();
    ((ObjectNode) forged.withArray("messages").get(1).withArray("content").get(0)).put("thinking",
        thinkingBlock.path("thinking").asText() + " (edited)");
    Reply r = post("/v1/messages", forged.toString());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertThat(r.json().path("error").path("message").asText()).isEqualTo("messages.1.content.0: Invalid `signature` in `thinking` block");
  }

  @Test
  void promptCachingWritesThenReadsAndTheCountsAddUp() throws Exception {
    String longDoc = "The garden river answer. ".repeat(900);
    ObjectNode req = request(ALPHA, "Summarise the document.", 100);
    req.putArray("system").addObject().put("type", "text").put("text", longDoc)
        .putObject("cache_control").put("type", "ephemeral");
    int total = post("/v1/messages/count_tokens", req.toString()).json().path("input_tokens").asInt();
    JsonNode u1 = post("/v1/messages", req.toString()).json().path("usage");
    JsonNode u2 = post("/v1/messages", req.toString()).json().path("usage");
    assertThat(u1.path("cache_creation_input_tokens").asInt()).isGreaterThanOrEqualTo(1024);
    assertThat(u1.path("cache_read_input_tokens").asInt()).isZero();
    assertThat(u2.path("cache_read_input_tokens").asInt()).isEqualTo(u1.path("cache_creation_input_tokens").asInt());
    for (JsonNode u : List.of(u1, u2)) {
      assertThat(u.path("input_tokens").asInt() + u.path("cache_creation_input_tokens").asInt()
          + u.path("cache_read_input_tokens").asInt()).isEqualTo(total);
    }
    NOW.set(NOW.get().plus(Duration.ofMinutes(6)));
    JsonNode u3 = post("/v1/messages", req.toString()).json().path("usage");
    assertThat(u3.path("cache_creation_input_tokens").asInt()).as("expired after 5 minutes").isPositive();
  }

  @Test
  void realErrorsForRealCauses() throws Exception {
    Reply noKey = send(HttpRequest.newBuilder(api.url().resolve("/v1/messages")).header("anthropic-version", "2023-06-01")
        .POST(HttpRequest.BodyPublishers.ofString(request(ALPHA, "hi", 10).toString())));
    assertThat(noKey.status()).isEqualTo(401);
    Reply wrongKey = send(HttpRequest.newBuilder(api.url().resolve("/v1/messages")).header("x-api-key", "fake-wrong")
        .header("anthropic-version", "2023-06-01").POST(HttpRequest.BodyPublishers.ofString(request(ALPHA, "hi", 10).toString())));
    assertThat(wrongKey.status()).isEqualTo(401);
    assertThat(wrongKey.json().path("error").path("type").asText()).isEqualTo("authentication_error");
    assertThat(wrongKey.json().path("request_id").asText()).startsWith("req_011C");
    Reply bearer = send(HttpRequest.newBuilder(api.url().resolve("/v1/models")).header("authorization", "Bearer " + KEY)
        .header("anthropic-version", "2023-06-01").GET());
    assertThat(bearer.status()).isEqualTo(200);

    assertError(post("/v1/messages", "{not json"), 400, "invalid_request_error", null);
    assertError(post("/v1/messages", "{\"model\":\"" + ALPHA + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"),
        400, "invalid_request_error", "max_tokens: Field required");
    assertError(post("/v1/messages", request(ALPHA, "x", 128_000).toString()), 400, "invalid_request_error",
        "max_tokens: 128000 > 8192, which is the maximum allowed number of output tokens for " + ALPHA);
    assertError(post("/v1/messages", request("no-such-model", "x", 10).toString()), 404, "not_found_error", "model: no-such-model");
    assertError(post("/v1/messages", request(ALPHA, "word ".repeat(25_000), 10).toString()), 400, "invalid_request_error", null);
    assertThat(post("/v1/messages", request(ALPHA, "word ".repeat(25_000), 10).toString()).json().path("error")
        .path("message").asText()).startsWith("prompt is too long: ").endsWith(" > 20000 maximum");
    Reply big = post("/v1/messages", request(ALPHA, "x".repeat(500_000), 10).toString());
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.json().path("error").path("type").asText()).isEqualTo("request_too_large");
    assertThat(new JsonBodyValidator().validate(big.body()).failures()).isEmpty();
  }

  @Test
  void aBodyAboveTheOfficialLimitGets413() throws Exception {
    try (StandInApi official = StandInApi.builder().model(StandInModels.alpha(ALPHA)).start()) {
      Reply big = send(HttpRequest.newBuilder(official.url().resolve("/v1/messages")).header("x-api-key", KEY)
          .header("anthropic-version", "2023-06-01")
          .POST(HttpRequest.BodyPublishers.ofString(request(ALPHA, "x".repeat(33 * 1024 * 1024), 10).toString())));
      assertThat(big.status()).isEqualTo(413);
    }
  }

  static void assertError(Reply r, int status, String type, String message) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.json().path("type").asText()).isEqualTo("error");
    assertThat(r.json().path("error").path("type").asText()).isEqualTo(type);
    if (message != null) {
      assertThat(r.json().path("error").path("message").asText()).isEqualTo(message);
    }
    assertThat(new JsonBodyValidator().validate(r.body()).failures()).isEmpty();
  }

  @Test
  void faultsOnlyWhenATestAsksForThem() throws Exception {
    api.failNext(1, 529);
    assertError(post("/v1/messages", request(ALPHA, "hi", 20).toString()), 529, "overloaded_error", "Overloaded");
    api.failNext(1, 429);
    Reply limited = post("/v1/messages", request(ALPHA, "hi", 20).toString());
    assertError(limited, 429, "rate_limit_error", null);
    assertThat(limited.headers().firstValue("retry-after")).isPresent();
    assertThat(post("/v1/messages", request(ALPHA, "hi", 20).toString()).status()).isEqualTo(200);
    api.failNextMidStream(1);
    Reply mid = post("/v1/messages", request(ALPHA, "hi", 200).put("stream", true).toString());
    assertThat(mid.status()).isEqualTo(200);
    ValidationReport report = validateStream(mid.body());
    assertThat(report.error().path("type").asText()).isEqualTo("overloaded_error");
  }

  @Test
  void modelsListTheirLimitsAndTheJournalKeepsWhatArrived() throws Exception {
    Reply models = send(HttpRequest.newBuilder(api.url().resolve("/v1/models")).header("x-api-key", KEY)
        .header("anthropic-version", "2023-06-01").GET());
    assertThat(models.json().path("data").get(0).path("id").asText()).isEqualTo(ALPHA);
    assertThat(models.json().path("data").get(0).path("max_tokens").asInt()).isEqualTo(8192);
    assertThat(models.json().path("data").get(0).path("max_input_tokens").asInt()).isEqualTo(20_000);
    post("/v1/messages", request(ALPHA, "journal me", 10).toString());
    StandInApi.Received last = api.received().get(api.received().size() - 1);
    assertThat(last.path()).isEqualTo("/v1/messages");
    assertThat(last.header("X-Api-Key")).isEqualTo(KEY);
    assertThat(last.json().path("messages").get(0).path("content").asText()).isEqualTo("journal me");
    assertThat(api.requestCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void answersAreStochasticAtTemperatureOneAndDeterministicAtZero() throws Exception {
    Set<String> hot = new HashSet<>();
    Set<String> cold = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      hot.add(text(post("/v1/messages", request(ALPHA, "Write about the sea.", 300).toString()).json()));
      cold.add(text(post("/v1/messages", request(ALPHA, "Write about the sea.", 300).put("temperature", 0).toString()).json()));
    }
    assertThat(hot).hasSize(5);
    assertThat(cold).hasSize(1);
  }

  @Test
  void stopSequencesAndMaxTokensEndAnswersAsTheApiDoes() throws Exception {
    JsonNode cut = post("/v1/messages", request(ALPHA, "Write about the sea at length.", 5).toString()).json();
    assertThat(cut.path("stop_reason").asText()).isEqualTo("max_tokens");
    assertThat(cut.path("usage").path("output_tokens").asInt()).isLessThanOrEqualTo(5);
    ObjectNode stop = request(ALPHA, "Write about the sea at length.", 400);
    stop.putArray("stop_sequences").add(".");
    JsonNode stopped = post("/v1/messages", stop.toString()).json();
    assertThat(stopped.path("stop_reason").asText()).isEqualTo("stop_sequence");
    assertThat(stopped.path("stop_sequence").asText()).isEqualTo(".");
    assertThat(text(stopped)).doesNotContain(".");
  }
}
