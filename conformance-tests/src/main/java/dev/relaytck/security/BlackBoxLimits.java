package dev.relaytck.security;

import java.util.List;

/**
 * What no test from outside a relay can observe (SEC-080), so every report lists it for the user
 * to ask the relay's operator, with the advice for code that must not leak.
 */
public final class BlackBoxLimits {
  public static final List<String> QUESTIONS = List.of(
      "Are prompts, code and responses logged? Where, and who can read them?",
      "How long is anything retained, and is it used for training or sold?",
      "Who holds the upstream API key and account: the official API, a cloud provider, a reseller, a pool of shared accounts?",
      "What is the refund policy for unused balance and for failed or degraded requests?",
      "Which support channel answers, and how fast, when something goes wrong?");

  public static final String ADVICE = "For repositories holding secrets, customer data or unreleased work, use the official API,"
      + " an enterprise offering, or a gateway you host yourself: a relay sees every prompt, file and tool call in clear text.";

  private BlackBoxLimits() {}
}
