package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.RequestMatcherExtension;
import java.util.List;

/**
 * WireMock request matcher {@value #NAME}: a request belongs to the recording named by the
 * stub's {@code recording} parameter (or, in an on-disk mapping, its {@code scenario}
 * parameter) when {@link RecordingIndex#differences} finds nothing.
 * A near match scores partially so WireMock's own near-miss report ranks it first.
 */
final class ScenarioMatcher extends RequestMatcherExtension {
  static final String NAME = "relay-tck-scenario";
  private final RecordingIndex index;

  ScenarioMatcher(RecordingIndex index) {
    this.index = index;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public MatchResult match(Request request, Parameters parameters) {
    RecordingIndex.Entry entry = index.get(RecordingIndex.keyOf(parameters));
    if (entry == null) {
      return MatchResult.noMatch();
    }
    List<String> differences = index.differences(entry, RequestView.of(request));
    return differences.isEmpty() ? MatchResult.exactMatch() : MatchResult.partialMatch(Math.min(1.0, differences.size() / 4.0));
  }
}
