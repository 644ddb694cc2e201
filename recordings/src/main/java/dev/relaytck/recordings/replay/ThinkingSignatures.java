package dev.relaytck.recordings.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.recordings.format.RecordedEvent;
import dev.relaytck.recordings.format.Recording;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies thinking signatures as the official API does, within what a replay can know: a
 * signature is valid when the official API produced it, that is when it appears in one of the
 * recordings this server serves (in an answer it sends, or in a recorded request that carried it
 * back). Any other signature on a thinking block the client sends back is answered with the
 * official 400, so a relay that mints, strips or edits signatures fails ID-050 hermetically.
 */
final class ThinkingSignatures {
  private static final Pattern SIGNATURE = Pattern.compile("\"signature\"\\s*:\\s*\"([^\"]+)\"");

  private final Set<String> known = new HashSet<>();

  ThinkingSignatures(List<Recording> recordings) {
    for (Recording r : recordings) {
      if (r.request() != null && r.request().body() != null) collect(r.request().body().toString());
      if (r.response() == null) continue;
      if (r.response().body() != null) collect(new String(r.response().body(), StandardCharsets.UTF_8));
      if (r.response().events() != null) {
        for (RecordedEvent e : r.response().events()) collect(new String(e.bytes(), StandardCharsets.UTF_8));
      }
    }
  }

  private void collect(String text) {
    Matcher m = SIGNATURE.matcher(text);
    while (m.find()) known.add(m.group(1));
  }

  /** The official error message for the first thinking block whose signature this server never produced, if any. */
  Optional<String> invalid(JsonNode requestBody) {
    if (requestBody == null) return Optional.empty();
    JsonNode messages = requestBody.path("messages");
    for (int i = 0; i < messages.size(); i++) {
      JsonNode content = messages.get(i).path("content");
      if (!content.isArray()) continue;
      for (int j = 0; j < content.size(); j++) {
        JsonNode block = content.get(j);
        if (!"thinking".equals(block.path("type").asText())) continue;
        String at = "messages." + i + ".content." + j;
        if (!block.path("signature").isTextual()) return Optional.of(at + ".thinking.signature: Field required");
        if (!known.contains(block.path("signature").asText())) return Optional.of(at + ": Invalid `signature` in `thinking` block");
      }
    }
    return Optional.empty();
  }
}
