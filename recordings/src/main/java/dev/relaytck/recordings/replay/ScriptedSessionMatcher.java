package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;

/**
 * WireMock request matcher {@value #NAME}: a Messages request the kit did not author (a JSON
 * body with no scenario marker), such as the Claude Code CLI's own calls. A request that carries
 * a marker never matches, so a kit request that misses its recording still gets the near-miss 404.
 */
final class ScriptedSessionMatcher extends RequestMatcherExtension {
  static final String NAME = "relay-tck-unmarked";

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public MatchResult match(Request request, Parameters parameters) {
    RequestView view = RequestView.of(request);
    boolean unmarked = view.body() != null && view.body().isObject() && view.marker() == null && view.markerError() == null;
    return MatchResult.of(unmarked);
  }
}
