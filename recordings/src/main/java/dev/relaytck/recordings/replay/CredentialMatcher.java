package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

/**
 * WireMock request matcher {@value #NAME}: matches requests that carry no credential the
 * official API would accept in form, i.e. neither a non-empty {@code x-api-key} nor an
 * {@code Authorization: Bearer} with a non-empty token. Any value is accepted: this is a
 * stand-in, and the relay's own key must never be needed here.
 */
final class CredentialMatcher extends RequestMatcherExtension {
  static final String NAME = "relay-tck-missing-credential";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public MatchResult match(Request request, Parameters parameters) {
    return MatchResult.of(!hasCredential(request));
  }

  static boolean hasCredential(Request request) {
    String apiKey = request.getHeader("x-api-key");
    if (apiKey != null && !apiKey.isBlank()) {
      return true;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null) {
      return false;
    }
    String value = authorization.strip();
    return value.regionMatches(true, 0, "Bearer ", 0, 7) && !value.substring(7).isBlank();
  }
}
