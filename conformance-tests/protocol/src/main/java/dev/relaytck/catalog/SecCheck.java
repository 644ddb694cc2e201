package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Security and integrity (docs/contract.md, "Evidence about the relay"): what a relay between a coding
 * agent and the model could change, add, cross, leak or fetch. Judged once per run from probes
 * of their own; profile {@code security}, SEC-040 in the opt-in {@code endurance} profile.
 */
public enum SecCheck implements Check {
  SEC_010(MUST, "security", "agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks",
      "tool-call inputs arrive exactly as the model produced them",
      "Every tool_use input equals the upstream's byte for byte (hermetic: the recording, streamed or not, however many"
          + " input_json_delta fragments); live, a tool call asked to carry an exact literal carries exactly it. Anything"
          + " executable the conversation never contained (a URL, a pipe to a shell, a command chained with && or ;) is"
          + " reported with the bytes that differ.",
      "The relay rewrites tool-call inputs: the agent executes what the relay wrote. Forward input_json_delta fragments"
          + " and tool_use inputs untouched."),
  SEC_020(MUST, "security", "claude-code/llm-gateway-rollout#gateway-requirements",
      "no content the upstream did not send",
      "The response carries no text block, line or URL the upstream did not send (hermetic: equal to the recording;"
          + " live: a \"reply exactly with\" sentinel comes back alone).",
      "The relay injects content (adverts, notices, links) into model output; send the upstream's content blocks only."),
  SEC_030(MUST, "security", "api/messages#response-usage",
      "concurrent sessions stay apart",
      "With --concurrency requests in flight at once, each with its own nonce and prompt length, every response belongs"
          + " to its own request: its own content (hermetic) or nonce (live), its own usage.input_tokens, a unique message id.",
      "Responses cross between concurrent clients: check connection pooling, response caching keyed too loosely, and"
          + " per-request state shared between requests."),
  SEC_040(MUST, "endurance", "agents-and-tools/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks",
      "behaviour does not change over many calls",
      "Over --calls N requests (default 60) in a shuffled order with ordinary requests between them (live: paraphrased"
          + " and without a kit marker), every integrity probe stays intact; tampering that starts at call k is reported with k.",
      "The relay changes tool calls or content after some number of calls or for some clients only; it must behave the"
          + " same on every call."),
  SEC_050(MUST, "security", "claude-code/llm-gateway-rollout#gateway-requirements",
      "secrets in prompts are forwarded untouched and never come back unasked",
      "A code-reading prompt holding canary credentials (a fake cloud key, a fake private key, a fake .env) reaches the"
          + " upstream unchanged and once (hermetic: the journal), and no response repeats a canary it was not asked for.",
      "The relay reads, rewrites or reuses secrets found in prompts; forward the body untouched and keep prompts out of"
          + " anything that answers or logs."),
  SEC_060(MUST, "security", "claude-code/llm-gateway-rollout#gateway-requirements",
      "nothing fetches the URLs a prompt mentions",
      "Canary URLs in a prompt (served by the replay upstream at /__canary/<nonce>) are never fetched while or after the"
          + " request is relayed; a hit is reported with its time and headers (hermetic).",
      "The relay (or a moderation or enrichment step behind it) fetches URLs found in prompts: it leaks the prompt's"
          + " contents to third parties. Do not dereference prompt content."),
  SEC_070(SHOULD, "security", "claude-code/llm-gateway-rollout#prerequisites",
      "the transport protects the credential",
      "An https target presents a chain valid for its host with TLS 1.2 or newer, does not redirect to plain http, and"
          + " sets Strict-Transport-Security; a plain-http target on a non-loopback host sends the API key in clear text.",
      "Serve the relay over https only, with a certificate from a public CA for its host name, TLS 1.2+, HSTS, and no"
          + " http fallback."),
  SEC_080(INFO, "security", "claude-code/llm-gateway#gateway-requirements",
      "what a black-box test cannot see",
      "Prompt and code logging, retention, who holds the upstream key and account, refund policy and support are not"
          + " observable from outside; the report lists them so the user asks the relay.",
      "Publish your logging and retention policy, who holds the upstream account, refunds and support channels.");

  private final CheckSpec spec;

  SecCheck(Severity severity, String profile, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, profile, docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
