package dev.relaytck.identity;

/**
 * One probe as worded for one reference: the exact request body sent (to the official API when
 * recording, to the relay when comparing) and the answer that counts as a success.
 *
 * @param body the Messages request body, JSON
 * @param expected what a successful answer contains ({@link AnswerJudge}); {@code null} for open-ended probes
 * @param once sent once per run rather than once per sample (the ~20k-token recall probes, for cost)
 */
public record RenderedProbe(String id, ProbeFamily family, String body, String expected, boolean once) {}
