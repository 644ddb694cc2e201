package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * How the relay behaves when its upstream misbehaves (hermetic: the replay upstream injects
 * the fault). Checks that only look at what reached the client are in profile {@code core};
 * checks that wait on wall-clock bounds (pauses, disconnect propagation) are in profile
 * {@code faults}, which {@code all} includes, so a quick {@code core} run stays quick.
 */
public enum FaultCheck implements Check {
  FAULT_010(MUST, "core", "build-with-claude/streaming#error-recovery",
      "an upstream that closes mid-stream is never turned into a complete message",
      "When the upstream connection drops mid-stream, the client sees a broken stream or an error event, never a fabricated message_delta/message_stop.",
      "The relay completes the stream itself when the upstream fails; the client then treats a truncated answer as complete. Close the client stream or send an error event."),
  FAULT_020(MUST, "core", "api/errors#http-errors",
      "an upstream that closes before answering is reported as a server error",
      "When the upstream closes the connection before sending headers, the client gets a 5xx status or a broken connection (both a retriable server error to the SDKs and Claude Code), never a 2xx or a fabricated message. FAULT-025 checks the 5xx body's shape.",
      "The relay answers 200 with an empty, partial or invented body when its upstream call fails; answer a 5xx (502) or close the connection."),
  FAULT_025(SHOULD, "faults", "api/errors#error-shapes",
      "a 5xx for a dropped upstream carries Anthropic's error shape",
      "When the relay answers a dropped upstream connection with a 5xx, its body is Anthropic's error shape ({\"type\":\"error\",\"error\":{\"type\",\"message\"}}), not a proxy's HTML page.",
      "Stock reverse proxies answer their own HTML 502 page; configure an Anthropic-shaped JSON error body for upstream failures."),
  FAULT_030(SHOULD, "faults", "build-with-claude/streaming#error-recovery",
      "a client disconnect cancels the upstream request",
      "When the client closes its connection mid-stream, the relay closes its upstream request within a few seconds (the replay journal records when).",
      "The relay keeps streaming from the upstream after the client left; the tokens are billed for nothing."),
  FAULT_040(SHOULD, "faults", "build-with-claude/streaming#event-types",
      "a pause of the upstream within the bound does not cut the stream",
      "An upstream pause shorter than the documented bound (scaled by the time scale) mid-stream does not make the relay time out; the stream completes.",
      "The relay's read or idle timeout is shorter than the model's thinking pauses; raise it (Anthropic keeps streams alive with ping events)."),
  FAULT_050(INFO, "core", "api/errors#http-errors",
      "upstream retries are reported",
      "A relay that sends the same request upstream more than once after a 5xx or 529 is reported (the replay journal counts the nonce).",
      "Retries inside the relay can double the bill and hide overload from clients; make them visible or disable them.");

  private final CheckSpec spec;

  FaultCheck(Severity severity, String profile, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, profile, docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
