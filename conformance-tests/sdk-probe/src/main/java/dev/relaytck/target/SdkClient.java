package dev.relaytck.target;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * The official Java SDK (anthropic-java) as a client of the relay: base URL set explicitly
 * (never read from the environment), no retries (they hide relay errors), the run's
 * credential, timeout and extra headers. It sends the kit's own request body, marker included,
 * so the replay upstream serves the same recording as for the raw client.
 */
public final class SdkClient {
  /** What the SDK made of one request: the Message it returned or accumulated (as JSON), or what it threw. */
  public record Result(ObjectNode message, int events, String failure) {
    public boolean ok() {
      return failure == null;
    }
  }

  private final TargetConfig config;
  private final Transport transport;

  public SdkClient(TargetConfig config) {
    this(config, Transport.DEFAULT);
  }

  /** A client with the run's proxy and trust (never the JVM's defaults). */
  public SdkClient(TargetConfig config, Transport transport) {
    this.config = config;
    this.transport = transport;
  }

  /**
   * Sends {@code request} (a Messages API request the kit built) with {@code createStreaming}
   * when {@code stream}, accumulating the events as the SDK does, or with {@code create}.
   * Never throws for what the relay did: a failure is in the result, in words.
   */
  public Result send(ExchangeRequest request, boolean stream) {
    MessageCreateParams params;
    try {
      ObjectNode body = (ObjectNode) ObjectMappers.jsonMapper().readTree(request.body());
      body.remove("stream"); // the SDK sets it itself, by the method called
      MessageCreateParams.Builder b = MessageCreateParams.builder()
          .body(ObjectMappers.jsonMapper().treeToValue(body, MessageCreateParams.Body.class));
      request.headers().forEach((name, value) -> {
        if (name.toLowerCase(Locale.ROOT).equals("anthropic-beta")) b.putAdditionalHeader(name, value);
      });
      params = b.build();
    } catch (IOException | RuntimeException e) {
      return new Result(null, 0, "the kit could not express the scenario's request with the SDK: " + e);
    }
    AnthropicClient client = client();
    try {
      if (!stream) {
        Message m = client.messages().create(params);
        return new Result(ObjectMappers.jsonMapper().valueToTree(m), 0, null);
      }
      MessageAccumulator acc = MessageAccumulator.create();
      int[] events = {0};
      try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params)) {
        s.stream().forEach(e -> {
          events[0]++;
          acc.accumulate(e);
        });
      }
      return new Result(ObjectMappers.jsonMapper().valueToTree(acc.message()), events[0], null);
    } catch (AnthropicServiceException e) {
      return new Result(null, 0, masked("the SDK raised " + e.getClass().getSimpleName() + " (HTTP " + e.statusCode() + "): " + e.getMessage()));
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      return new Result(null, 0, masked("the SDK raised " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + (root != e ? " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "")));
    } finally {
      client.close(); // releases the SDK's connection pool and threads
    }
  }

  /** The failure in words, the credential replaced: a relay may echo it in an error body, a report must not. */
  private String masked(String text) {
    Secret secret = config.secret();
    return secret == null || !secret.occursIn(text) ? text : text.replace(secret.reveal(), "***");
  }

  private AnthropicClient client() {
    AnthropicOkHttpClient.Builder b = AnthropicOkHttpClient.builder()
        .baseUrl(config.baseUrl().toString().replaceAll("/+$", ""))
        .maxRetries(0)
        .timeout(config.timeouts().total())
        .proxy(transport.sdkProxy());
    if (transport.ssl() != null) {
      b.sslSocketFactory(transport.ssl().getSocketFactory()).trustManager(transport.trust());
    }
    // Only the configured credential: no SDK environment defaults.
    switch (config.authStyle()) {
      case API_KEY -> b.apiKey(config.secret().reveal());
      case BEARER -> b.authToken(config.secret().reveal());
      case NONE -> { }
    }
    for (Map.Entry<String, String> h : config.headers().entrySet()) b.putHeader(h.getKey(), h.getValue());
    return b.build();
  }
}
