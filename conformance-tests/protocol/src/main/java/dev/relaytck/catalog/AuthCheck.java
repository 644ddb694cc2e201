package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;

/**
 * Authentication: the two credential styles clients use (an SDK's {@code x-api-key}, Claude
 * Code's {@code ANTHROPIC_AUTH_TOKEN} as {@code Authorization: Bearer}) and what a relay
 * answers without or with a wrong credential.
 */
public enum AuthCheck implements Check {
  AUTH_010(MUST, "api/overview#authentication",
      "an x-api-key credential is accepted",
      "A request authenticated with the x-api-key header the target was configured with gets a 2xx answer.",
      "The relay ignores x-api-key or expects another header; accept the Anthropic header clients send."),
  AUTH_020(MUST, "claude-code/llm-gateway#authentication",
      "an Authorization: Bearer credential is accepted",
      "A request authenticated with Authorization: Bearer (Claude Code's ANTHROPIC_AUTH_TOKEN) gets a 2xx answer.",
      "The relay only reads x-api-key; Claude Code behind a gateway sends Authorization: Bearer."),
  AUTH_030(MUST, "api/errors#http-errors",
      "a request without credentials gets 401 authentication_error",
      "A request with neither x-api-key nor Authorization is refused with status 401 and an Anthropic error body of type authentication_error, unless the target declares itself open on purpose (capability open-relay).",
      "A 2xx here means the relay forwards anonymous requests with its own upstream key: an open relay anyone can bill. Refuse them with 401."),
  AUTH_040(MUST, "api/errors#http-errors",
      "a wrong credential gets 401 authentication_error",
      "A request with a well-formed but unknown credential is refused with status 401 and an Anthropic error body of type authentication_error.",
      "The relay accepts any credential, or answers 403/500/200; validate the client's credential and answer 401 in Anthropic's shape."),
  AUTH_050(MUST, "api/overview#authentication",
      "no credential is echoed in a response",
      "No response header or body contains the client's credential or any string shaped like an Anthropic key (sk-ant-...).",
      "The relay reflects request headers or its own upstream key (debug headers, error messages); remove them.");

  private final CheckSpec spec;

  AuthCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
