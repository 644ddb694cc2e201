package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;

/** Extended thinking: thinking blocks, their signatures, redacted thinking, and thinking sent back. */
public enum ThinkCheck implements Check {
  THINK_010(MUST, "build-with-claude/extended-thinking#how-to-use-extended-thinking",
      "thinking blocks carry a signature",
      "Every thinking block of a response has a non-empty signature (streams: delivered by signature_delta).",
      "The relay strips signatures; the next turn that sends the block back is rejected."),
  THINK_020(MUST, "build-with-claude/extended-thinking#thinking-redaction",
      "redacted_thinking blocks are passed through",
      "redacted_thinking blocks reach the client with their data unchanged.",
      "The relay drops block types it cannot display; pass them through, they are needed for the next turn."),
  THINK_030(MUST, "build-with-claude/extended-thinking#preserving-thinking-blocks",
      "a thinking block sent back is accepted and forwarded byte-exact",
      "A request whose assistant turn carries a previous thinking block (with signature) is answered with 200, and (hermetic) the block reaches the upstream unchanged, signature included.",
      "The relay edits, trims or re-encodes thinking blocks in the history; their signatures then fail."),
  THINK_040(MUST, "build-with-claude/extended-thinking#how-to-use-extended-thinking",
      "thinking content equals the recording (hermetic)",
      "The thinking text and signature equal the recorded response's.",
      "The relay rewrites or summarises thinking.");

  private final CheckSpec spec;

  ThinkCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
