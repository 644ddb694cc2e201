package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;

/** Error responses. */
public enum ErrCheck implements Check {
  ERR_010(MUST, "api/errors#error-shapes",
      "an error body has Anthropic's error shape",
      "An error response body is {\"type\":\"error\",\"error\":{\"type\":...,\"message\":...}} (request_id optional), with a documented error type.",
      "The relay wraps or rewrites errors (OpenAI {\"error\":{\"code\":...}}, HTML pages, plain text); pass the upstream body through.");

  private final CheckSpec spec;

  ErrCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
