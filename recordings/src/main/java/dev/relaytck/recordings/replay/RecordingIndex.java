package dev.relaytck.recordings.replay;

import dev.relaytck.recordings.format.FaultSpec;
import dev.relaytck.recordings.format.Recording;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recordings a server serves, and the one rule that decides whether a request is a
 * recording's: the marker's scenario (or the recording's content rules), the method and
 * path (query ignored: {@code ?beta=true} is the SDK's business), the stream flag, and the
 * model up to the declared map. Headers and bytes never matter: relays may change them.
 */
final class RecordingIndex {
  record Entry(String key, Recording recording, List<ContentRule> rules) {
    String method() {
      return recording.request() == null || recording.request().method() == null ? "POST" : recording.request().method();
    }

    String path() {
      return recording.request() == null || recording.request().path() == null ? "/v1/messages" : recording.request().path();
    }

    String recordedModel() {
      if (recording.request() != null && recording.request().body() != null && recording.request().body().hasNonNull("model")) {
        return recording.request().body().path("model").asText();
      }
      return recording.model();
    }
  }

  /** The recording closest to an unmatched request, and what differed. */
  record NearMiss(Entry entry, List<String> differences) {}

  private final Map<String, Entry> byKey = new LinkedHashMap<>();
  private final Map<String, String> modelMap;

  RecordingIndex(List<Recording> recordings, Map<String, List<ContentRule>> rules, Map<String, String> modelMap) {
    this.modelMap = modelMap;
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < recordings.size(); i++) {
      Recording r = recordings.get(i);
      String where = "recording #" + (i + 1) + (r.scenario() == null ? "" : " (" + r.scenario() + ")");
      if (r.scenario() == null || r.scenario().isBlank()) {
        throw new IllegalArgumentException(where + ": no scenario id");
      }
      if (r.response() == null) {
        throw new IllegalArgumentException(where + ": no response");
      }
      if (r.response().events() != null) {
        long previous = 0;
        for (int e = 0; e < r.response().events().size(); e++) {
          var event = r.response().events().get(e);
          if (event == null || event.bytes() == null || event.offsetMs() < previous) {
            throw new IllegalArgumentException(where + ": event " + e + " has no bytes or goes back in time");
          }
          previous = event.offsetMs();
        }
      }
      if (r.fault() != null) {
        FaultSpec.validate(r.fault(), where);
      }
      int n = seen.merge(r.scenario(), 1, Integer::sum);
      String key = n == 1 ? r.scenario() : r.scenario() + "#" + n;
      byKey.put(key, new Entry(key, r, rules.getOrDefault(r.scenario(), List.of())));
    }
  }

  List<Entry> entries() {
    return List.copyOf(byKey.values());
  }

  /** Whether any recording serves {@code scenario}. */
  boolean hasScenario(String scenario) {
    return byKey.values().stream().anyMatch(e -> e.recording().scenario().equals(scenario));
  }

  Entry get(String key) {
    return key == null ? null : byKey.get(key);
  }

  /** The entry key a stub names: {@code recording} (registered here) or {@code scenario} (an on-disk mapping). */
  static String keyOf(com.github.tomakehurst.wiremock.extension.Parameters parameters) {
    if (parameters.containsKey("recording")) {
      return parameters.getString("recording");
    }
    return parameters.containsKey("scenario") ? parameters.getString("scenario") : null;
  }

  /** What keeps a request from being this recording's; empty when it matches. */
  List<String> differences(Entry entry, RequestView request) {
    List<String> diffs = new ArrayList<>();
    if (!entry.method().equalsIgnoreCase(request.method())) {
      diffs.add("method: recording is " + entry.method() + ", request is " + request.method());
    }
    if (!entry.path().equals(request.path())) {
      diffs.add("path: recording is " + entry.path() + ", request is " + request.path());
    }
    if (!entry.rules().isEmpty()) {
      for (ContentRule rule : entry.rules()) {
        String mismatch = rule.mismatch(request.body());
        if (mismatch != null) {
          diffs.add(mismatch);
        }
      }
      return diffs;
    }
    if (request.markerError() != null) {
      diffs.add(request.markerError());
    } else if (request.marker() == null) {
      diffs.add("no scenario marker [[relay-tck:<scenario>:<nonce>]] in the last user message");
    } else if (!request.marker().scenario().equals(entry.recording().scenario())) {
      diffs.add("scenario: recording is '" + entry.recording().scenario() + "', marker says '"
          + request.marker().scenario() + "'");
    }
    // An error answers a streaming request with a JSON body, as the official API does: only a
    // successful recording says whether the answer streams.
    boolean errorReply = !entry.recording().streaming() && entry.recording().response().status() >= 400;
    if (entry.path().equals("/v1/messages") && request.body() != null && !errorReply
        && entry.recording().streaming() != request.streaming()) {
      diffs.add("stream: recording is " + (entry.recording().streaming() ? "a stream" : "not a stream")
          + ", request has stream=" + request.streaming());
    }
    String modelDiff = modelDifference(entry.recordedModel(), request.model());
    if (modelDiff != null) {
      diffs.add(modelDiff);
    }
    return diffs;
  }

  private String modelDifference(String recorded, String requested) {
    if (modelMap.isEmpty() || recorded == null || requested == null || recorded.equals(requested)) {
      return null;
    }
    if (requested.equals(modelMap.get(recorded)) || recorded.equals(modelMap.get(requested))) {
      return null;
    }
    return "model: recording is " + recorded + ", request has " + requested + ", and the model map "
        + modelMap + " does not map one to the other";
  }

  /** The recording closest to a request no recording matched. */
  NearMiss closest(RequestView request) {
    String wanted = request.marker() == null ? null : request.marker().scenario();
    return byKey.values().stream()
        .map(e -> new NearMiss(e, differences(e, request)))
        .min(Comparator.<NearMiss>comparingInt(m -> wanted == null ? 0 : distance(wanted, m.entry().recording().scenario()))
            .thenComparingInt(m -> m.differences().size()))
        .orElse(null);
  }

  /** Levenshtein distance: a typo'd scenario id names the recording it meant. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Distinct recorded models, for the derived {@code /v1/models} listing. */
  List<String> models() {
    return byKey.values().stream().map(e -> e.recording().model()).filter(Objects::nonNull).distinct().sorted().toList();
  }
}
