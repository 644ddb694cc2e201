package dev.relaytck.target;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request the kit sends to the relay.
 *
 * @param pathAndQuery relative to the target's base URL, e.g. {@code /v1/messages?beta=true}
 * @param headers headers besides the credential and the target's extra headers
 * @param body the bytes to send, or {@code null} for none
 * @param credential which credential to present
 */
public record ExchangeRequest(String method, String pathAndQuery, Map<String, String> headers, byte[] body, Credential credential) {
  public ExchangeRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    credential = credential == null ? Credential.TARGET : credential;
  }

  /** A JSON POST with the headers every Anthropic client sends. */
  public static ExchangeRequest postJson(String pathAndQuery, String json) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("content-type", "application/json");
    h.put("anthropic-version", "2023-06-01");
    return new ExchangeRequest("POST", pathAndQuery, h, json.getBytes(StandardCharsets.UTF_8), Credential.TARGET);
  }

  public static ExchangeRequest get(String pathAndQuery) {
    return new ExchangeRequest("GET", pathAndQuery, Map.of("anthropic-version", "2023-06-01"), null, Credential.TARGET);
  }

  public ExchangeRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ExchangeRequest(method, pathAndQuery, h, body, credential);
  }

  public ExchangeRequest withCredential(Credential c) {
    return new ExchangeRequest(method, pathAndQuery, headers, body, c);
  }

  public String bodyText() {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }
}
