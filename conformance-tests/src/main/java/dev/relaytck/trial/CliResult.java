package dev.relaytck.trial;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one {@code claude -p --output-format json} run ended with: exit code (or a timeout), the JSON
 * result object (empty when it printed none), and an excerpt of stderr.
 */
public record CliResult(Integer exitCode, boolean timedOut, JsonNode result, String stderr, long wallMs) {

  /** Exit 0, subtype success and is_error false: the three things the CLI says when a task went through. */
  public boolean succeeded() {
    return !timedOut && exitCode != null && exitCode == 0 && "success".equals(result.path("subtype").asText())
        && !result.path("is_error").asBoolean(true);
  }

  public String text() {
    return result.path("result").asText("");
  }

  /** How the CLI failed, in its own words where it gave any. */
  public String failure() {
    if (timedOut) return "the CLI did not finish within " + ClaudeCli.TIMEOUT_SECONDS + " s and was stopped";
    String said = excerpt(text().isBlank() ? stderr : text());
    String status = result.has("api_error_status") ? " (API error " + result.path("api_error_status").asText() + " "
        + result.path("api_error_type").asText("") + ")" : "";
    return "the CLI exited " + exitCode + ", subtype " + result.path("subtype").asText("none") + ", is_error "
        + result.path("is_error").asBoolean(true) + status + (said.isBlank() ? "" : ": " + said);
  }

  static String excerpt(String s) {
    String one = s == null ? "" : s.strip().replaceAll("\\s+", " ");
    return one.length() <= 240 ? one : one.substring(0, 240) + "…";
  }
}
