package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;

/**
 * The official Java SDK as a client, pointed at the relay with an explicit base URL and no
 * retries. The SDK drops unknown events and pings silently, so these complement the raw
 * checks; they are in profile {@code sdk} because they need the SDK on the class path.
 */
public enum SdkCheck implements Check {
  SDK_010(MUST, "api/client-sdks",
      "the official SDK streams and accumulates a message",
      "anthropic-java with baseUrl set to the relay and maxRetries 0 streams the scenario and accumulates a Message without an exception.",
      "The SDK rejects the relay's stream; compare the stream with the raw SSE checks' findings."),
  SDK_020(MUST, "api/client-sdks",
      "the official SDK parses a non-streaming message",
      "anthropic-java parses the relay's non-streaming response into a Message without an exception.",
      "The SDK rejects the relay's JSON; see the MSG checks."),
  SDK_030(MUST, "api/client-sdks",
      "the SDK's result equals the recording (hermetic)",
      "The content (ids aside), stop_reason, stop_sequence and usage of the Message the SDK returned or accumulated equal the recorded response's.",
      "The relay alters content in a way the SDK accepts silently.");

  private final CheckSpec spec;

  SdkCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "sdk", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
