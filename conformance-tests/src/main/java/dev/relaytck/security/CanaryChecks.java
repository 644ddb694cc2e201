package dev.relaytck.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SEC-050's judgements on the canary exchange: forwarded once and unchanged (hermetic, from the
 * journal), and no canary in the answer (the prompt asked for none).
 */
public final class CanaryChecks {
  private CanaryChecks() {}

  /** What is wrong with how the relay forwarded the canary prompt; {@code upstream} is the journal's entries for its nonce. */
  public static List<Finding> forwarding(CanaryPrompt prompt, Exchange sent, List<JournalEntry> upstream) {
    List<Finding> out = new ArrayList<>();
    if (upstream.size() != 1) {
      out.add(new Finding("canary prompt", "upstream requests", upstream.isEmpty()
          ? "the upstream never received the prompt" : "the upstream received the prompt " + upstream.size()
          + " times (one request was sent): a relay that repeats a prompt elsewhere reuses its contents", null, List.of()));
    }
    if (upstream.isEmpty()) return out;
    JournalEntry first = upstream.get(0);
    String forwarded = first.body() == null ? "" : first.body();
    for (String literal : prompt.canaries().literals()) {
      if (!forwarded.contains(literal)) {
        out.add(new Finding("canary prompt", "forwarded body", "the canary " + literal + " did not reach the upstream unchanged",
            null, List.of()));
      }
    }
    Optional<JsonNode> want = sent.sentJson().map(j -> j.path("messages"));
    Optional<JsonNode> got = first.json().map(j -> j.path("messages"));
    if (want.isPresent() && got.isPresent() && !want.get().equals(got.get())) {
      out.add(new Finding("canary prompt", "forwarded messages", "the messages were changed on the way upstream",
          ByteDiff.of(want.get().toString(), got.get().toString()), List.of()));
    }
    return out;
  }

  /** Canaries the answer repeats (the prompt asked it to repeat none). */
  public static List<Finding> echoed(CanaryPrompt prompt, Exchange answer) {
    List<Finding> out = new ArrayList<>();
    String text = MessageView.of(answer).map(MessageView::text).orElse(answer.bodyText());
    String headers = answer.headers().toString();
    for (String literal : prompt.canaries().literals()) {
      int at = text.indexOf(literal);
      if (at >= 0) {
        out.add(new Finding("canary prompt", "response text", "the answer repeats the canary secret " + literal,
            ByteDiff.of("", text.substring(Math.max(0, at - 20), Math.min(text.length(), at + literal.length() + 20))), List.of()));
      } else if (headers.contains(literal)) {
        out.add(new Finding("canary prompt", "response headers", "a response header repeats the canary secret " + literal, null, List.of()));
      }
    }
    return out;
  }
}
