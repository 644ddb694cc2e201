package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/** Headers in both directions: versioning and beta headers upstream, request-id, content type, retry hints and encoding downstream. */
public enum HdrCheck implements Check {
  HDR_010(MUST, "claude-code/llm-gateway#gateway-requirements",
      "anthropic-version is forwarded verbatim",
      "The anthropic-version header the client sent reaches the upstream unchanged (hermetic: read from the replay journal).",
      "The relay drops or pins anthropic-version; forward the client's value."),
  HDR_020(MUST, "claude-code/llm-gateway#gateway-requirements",
      "anthropic-beta is forwarded verbatim, every beta intact",
      "The anthropic-beta header reaches the upstream with the same comma-separated betas in the same order (hermetic).",
      "The relay drops anthropic-beta, keeps only the first value, or filters betas it does not know; Claude Code features break without them."),
  HDR_030(SHOULD, "api/errors#request-id",
      "responses carry a request-id header",
      "Every response from POST /v1/messages carries a non-empty request-id header (any value: a relay may issue its own).",
      "The relay strips the upstream request-id; clients log it for support requests. Pass it through or issue one."),
  HDR_040(MUST, "api/messages",
      "JSON responses have content-type application/json",
      "A non-streaming response (success or error) has Content-Type application/json (parameters such as charset allowed).",
      "The relay labels JSON as text/plain or text/html; set application/json."),
  HDR_050(MUST, "api/rate-limits#response-headers",
      "retry-after is passed through on 429 and 529",
      "When the upstream answers 429 or 529 with a retry-after header, the client receives the same retry-after value (hermetic).",
      "The relay drops retry-after, so clients retry too early; forward it."),
  HDR_060(SHOULD, "api/errors#http-errors",
      "x-should-retry is passed through",
      "When the upstream sends x-should-retry (on errors or on a 200), the client receives the same value (hermetic).",
      "The official SDKs obey x-should-retry; dropping it changes their retry behaviour. Forward it."),
  HDR_070(INFO, "api/rate-limits#response-headers",
      "anthropic-ratelimit-* headers are passed through",
      "The anthropic-ratelimit-* headers of the upstream response reach the client (hermetic); reported, never failed.",
      "Nothing is broken; clients that pace themselves on these headers see none."),
  HDR_080(MUST, "api/messages",
      "gzip only when the client accepted it",
      "A response carries Content-Encoding gzip (or any coding) only if the request's Accept-Encoding allowed it, and then decodes to the same body.",
      "The relay compresses regardless of Accept-Encoding or mislabels the encoding; honour the client's Accept-Encoding."),
  HDR_090(MUST, "api/messages",
      "the declared Content-Length matches the body",
      "When a response declares Content-Length, exactly that many bytes follow.",
      "The relay rewrites the body (decompression, injection) but keeps the upstream Content-Length; recompute it or use chunked encoding.");

  private final CheckSpec spec;

  HdrCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
