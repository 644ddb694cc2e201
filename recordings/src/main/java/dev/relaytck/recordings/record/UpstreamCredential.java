package dev.relaytck.recordings.record;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credential the recorder sends upstream, taken from the environment only
 * ({@code ANTHROPIC_API_KEY} as {@code x-api-key}, {@code ANTHROPIC_AUTH_TOKEN} as
 * {@code Authorization: Bearer}), never from a flag: flags end up in shell history, CI logs and
 * process listings. Its {@link #toString()} never shows the values.
 */
public final class UpstreamCredential {
  public static final String API_KEY_VARIABLE = "ANTHROPIC_API_KEY";
  public static final String AUTH_TOKEN_VARIABLE = "ANTHROPIC_AUTH_TOKEN";

  private final String apiKey;
  private final String authToken;

  private UpstreamCredential(String apiKey, String authToken) {
    this.apiKey = apiKey;
    this.authToken = authToken;
  }

  /**
   * Reads the credential from {@code environment}; both variables are sent when both are set, as
   * the official SDKs do.
   *
   * @throws IllegalArgumentException when neither variable holds a value
   */
  public static UpstreamCredential fromEnvironment(Map<String, String> environment) {
    String key = nonBlank(environment.get(API_KEY_VARIABLE));
    String token = nonBlank(environment.get(AUTH_TOKEN_VARIABLE));
    if (key == null && token == null) {
      throw new IllegalArgumentException("no credential: set " + API_KEY_VARIABLE + " (sent as x-api-key) or "
          + AUTH_TOKEN_VARIABLE + " (sent as Authorization: Bearer) in the environment");
    }
    return new UpstreamCredential(key, token);
  }

  void applyTo(HttpRequest.Builder request) {
    if (apiKey != null) {
      request.header("x-api-key", apiKey);
    }
    if (authToken != null) {
      request.header("authorization", "Bearer " + authToken);
    }
  }

  /** The secret strings themselves, for scrubbing anything the upstream echoes back. */
  List<String> secrets() {
    List<String> out = new ArrayList<>();
    if (apiKey != null) {
      out.add(apiKey);
    }
    if (authToken != null) {
      out.add(authToken);
    }
    return out;
  }

  /** Which headers carry the credential, for messages; never the values. */
  public String describe() {
    return apiKey != null && authToken != null ? "x-api-key and Authorization: Bearer"
        : apiKey != null ? "x-api-key (" + API_KEY_VARIABLE + ")" : "Authorization: Bearer (" + AUTH_TOKEN_VARIABLE + ")";
  }

  @Override
  public String toString() {
    return "UpstreamCredential[" + describe() + ", values hidden]";
  }

  private static String nonBlank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
