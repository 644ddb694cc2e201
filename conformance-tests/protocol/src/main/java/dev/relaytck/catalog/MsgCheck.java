package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.INFO;
import static dev.relaytck.catalog.Severity.MUST;

/** Non-streaming message responses. */
public enum MsgCheck implements Check {
  MSG_010(MUST, "api/messages",
      "a non-streaming response is a valid Message",
      "The JSON body of a 200 response to POST /v1/messages validates against the Message schema (id, type \"message\", role \"assistant\", content, model, stop_reason, usage).",
      "The relay reshapes the response (OpenAI choices[], missing usage, renamed fields); pass the upstream body through."),
  MSG_020(INFO, "api/versioning",
      "unknown fields, block types or values are reported",
      "Fields, content block types or enumeration values the kit does not know are reported, never failed.",
      "Nothing to fix: this lists protocol extensions the kit saw.");

  private final CheckSpec spec;

  MsgCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
