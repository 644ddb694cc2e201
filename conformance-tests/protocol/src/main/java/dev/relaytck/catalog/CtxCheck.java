package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Long context (profile {@code context}): long prompts and long conversations reach the
 * upstream whole, the 1M-token beta is forwarded, the upstream's own context errors reach the
 * client, and the context a relay really accepts is measured.
 */
public enum CtxCheck implements Check {
  CTX_010(MUST, "build-with-claude/context-windows",
      "a request of about 180,000 tokens reaches the upstream byte-exact and is answered",
      "A request of about 180,000 tokens (a large source file in the messages) is accepted, reaches the upstream with"
          + " every byte of its messages unchanged (hermetic: read from the replay journal), and is answered.",
      "The relay truncates, re-encodes or refuses large bodies (a proxy body limit, a request-size cap, a tokenizer"
          + " pre-check): raise body limits to the API's own request size and forward the body unchanged."),
  CTX_020(MUST, "build-with-claude/context-windows",
      "a long conversation reaches the upstream complete: nothing trimmed, summarised or reordered",
      "A conversation of at least 40 turns and 150 KB, with tool calls and results, reaches the upstream with every"
          + " message in order (hermetic: journal; live: usage.input_tokens equals count_tokens of the full request).",
      "The relay trims or summarises long histories to save upstream tokens: forward the client's messages as sent;"
          + " context management is the client's decision."),
  CTX_030(MUST, "build-with-claude/context-windows#1m-token-context-window",
      "the 1M-context beta is forwarded, and the upstream's \"prompt is too long\" 400 reaches the client",
      "A request above 200,000 tokens with anthropic-beta context-1m-2025-08-07 is forwarded with the beta and answered;"
          + " when the model's window is exceeded, the upstream's own 400 invalid_request_error (prompt is too long)"
          + " reaches the client unchanged.",
      "The relay drops the anthropic-beta header, rejects long prompts itself, or rewrites the upstream's 400: forward"
          + " beta headers and pass context errors through as the upstream sent them."),
  CTX_040(SHOULD, "build-with-claude/token-counting",
      "the relay's effective context limit is close to the model's window",
      "Found by binary search with count_tokens first and real requests only at the boundary, the largest prompt the"
          + " relay accepts is reported as \"accepts up to N tokens; the model's window is M\"; it fails when N is well"
          + " below M (less than 90 %).",
      "The relay caps context below the model's window (a smaller upstream model, a cheaper deployment, a prompt"
          + " limit of its own): serve the model's full window or say so in its documentation."),
  CTX_050(SHOULD, "build-with-claude/prompt-engineering/long-context-tips",
      "long-context recall: facts at 10 %, 50 % and 90 % depth of a long document are recalled (live)",
      "Live: a fact placed at 10 %, 50 % and 90 % depth of a ~100,000-token document is recalled, compared with the"
          + " reference's rate when one is given; budget-guarded and shown in the run's estimate.",
      "The relay serves a model with a smaller or degraded context (or trims the middle of long prompts): route long"
          + " prompts to the model the client asked for.");

  private final CheckSpec spec;

  CtxCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "context", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
