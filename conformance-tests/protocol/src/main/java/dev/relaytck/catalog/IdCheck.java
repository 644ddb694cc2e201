package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * Model identity: evidence that the relay serves the model it names, compared with a reference
 * recorded from the official API ({@code relay-tck record --profile identity}). Statistical
 * verdicts state their test, sample size, p-value and power; too little evidence is inconclusive.
 */
public enum IdCheck implements Check {
  ID_010(MUST, "build-with-claude/token-counting#how-to-count-message-tokens",
      "input token counts equal the reference's",
      "For every reference probe, usage.input_tokens and count_tokens equal what the official API counted for the same"
          + " request, exactly. Probe suite v1: recall-depth-10, recall-depth-50, recall-depth-90, tool-two-tools,"
          + " code-output, multilingual-kanji, multilingual-arabic-digits, multilingual-emoji, refusal-answers,"
          + " refusal-declines, open-story, open-describe, open-explain, open-list (docs/identity.md).",
      "A different count means another tokenizer (another model family), an injected system prompt or a trimmed prompt:"
          + " forward the request unchanged to the model it names."),
  ID_020(MUST, "about-claude/models/overview#model-names",
      "the output distribution matches the reference",
      "Repeated answers to the reference's open prompts are not distinguishable from the official model's: a two-sample"
          + " MMD test (Hamming kernel over words, permutation p-value summed across probes) does not reject at --alpha;"
          + " with power below 0.5 the check is inconclusive.",
      "Serve the model the request names; a cheaper sibling, another vendor's model or a fine-tune differs from the"
          + " reference in length and wording."),
  ID_030(SHOULD, "about-claude/models/overview#model-comparison-table",
      "capability probes succeed at the reference's rate",
      "Per family (long-context recall, tool use, code reasoning, multilingual details, refusal boundaries), the relay's"
          + " success rate on exact-answer probes is not lower than the reference's (one-sided Fisher exact test,"
          + " Bonferroni-corrected across families); a family whose comparison has power below 0.5 against a relay"
          + " succeeding half as often is not evidence, and with no such family the check is inconclusive.",
      "A weaker model or a truncated context fails probes the official model passes: check the model routing and that"
          + " long prompts are forwarded whole."),
  ID_040(INFO, "api/overview#response-headers",
      "the channel the responses look like",
      "Reports which backend the bytes look like (first-party, AWS Bedrock, Google Vertex, or another behind a"
          + " translation) with the signals seen; with --expect-channel a mismatch fails it.",
      "A relay that claims first-party access but answers with Bedrock or Vertex ids (or uuids, unsigned thinking)"
          + " routes elsewhere; state the channel you use."),
  ID_050(MUST, "build-with-claude/extended-thinking#preserving-thinking-blocks",
      "thinking signatures survive a round trip",
      "A tool-use turn with extended thinking returns signed thinking; sending that thinking block back unchanged with"
          + " the tool result is accepted (the upstream verifies the signature).",
      "A relay that mints its own signatures, strips them or edits the thinking block gets the follow-up rejected with"
          + " a 400: forward thinking blocks and their signatures byte for byte, both ways."),
  ID_060(MUST, "api/messages#body-temperature",
      "no replayed answers",
      "Identical requests at temperature 1 do not return identical long answers (a response cache or canned answers).",
      "Do not cache or replay completions; temperature 1 sampling must reach the model every time."),
  ID_070(INFO, "about-claude/models/overview#model-names",
      "the model's own answer to which model it is",
      "Reports what the model says when asked which model it is; weighted at nothing (models often do not know).",
      "Informational only."),
  ID_080(SHOULD, "about-claude/models/overview#model-names",
      "no partial substitution",
      "Each answer is attributed to the reference model or not by its kernel similarity to the reference's answers;"
          + " the fraction of off-reference answers is not above the reference's own rate beyond a 95 % interval.",
      "Some requests are answered by another model (a fallback or load-balanced backend): route every request of a"
          + " model name to that model.");

  private final CheckSpec spec;

  IdCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "identity", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
