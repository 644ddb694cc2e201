package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import dev.relaytck.recordings.format.ProbeCredentials;
import java.util.Set;

/**
 * WireMock request matcher {@value #NAME}: requests that carry a credential the official API
 * would refuse: the kit's own wrong-credential probes always, and with an accepted set
 * ({@code serve --accept-key K}) any credential outside it. Requests without a credential are
 * {@link CredentialMatcher}'s.
 */
final class WrongCredentialMatcher extends RequestMatcherExtension {
  static final String NAME = "relay-tck-wrong-credential";

  private final Set<String> accepted;

  /** @param accepted the only credentials accepted; empty accepts any but the kit's wrong probes */
  WrongCredentialMatcher(Set<String> accepted) {
    this.accepted = Set.copyOf(accepted);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public MatchResult match(Request request, Parameters parameters) {
    String key = credential(request);
    if (key == null) return MatchResult.noMatch();
    return MatchResult.of(ProbeCredentials.refused().contains(key) || !accepted.isEmpty() && !accepted.contains(key));
  }

  /** The x-api-key, else the Bearer token, or {@code null} when the request carries neither. */
  static String credential(Request request) {
    String apiKey = request.getHeader("x-api-key");
    if (apiKey != null && !apiKey.isBlank()) return apiKey.strip();
    String authorization = request.getHeader("Authorization");
    if (authorization == null) return null;
    String value = authorization.strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) && !value.substring(7).isBlank() ? value.substring(7).strip() : null;
  }
}
