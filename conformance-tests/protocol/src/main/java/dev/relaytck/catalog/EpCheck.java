package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * The endpoints beside POST /v1/messages that clients call: token counting, the model list.
 * count_tokens and the models endpoints are optional for a relay: a target that declares
 * them absent gets an explicit skip, and the report says so.
 */
public enum EpCheck implements Check {
  EP_010(MUST, "build-with-claude/token-counting",
      "POST /v1/messages/count_tokens answers input_tokens",
      "POST /v1/messages/count_tokens answers 200 with {\"input_tokens\": n}, n a positive integer (hermetic: equal to the recording).",
      "Claude Code calls count_tokens; route it to the upstream unchanged or declare the capability absent."),
  EP_020(SHOULD, "build-with-claude/token-counting",
      "count_tokens agrees with usage.input_tokens",
      "count_tokens for a request is within " + Thresholds.percent(Thresholds.EP_020_TOKEN_TOLERANCE) + " (or "
          + Thresholds.EP_020_TOKEN_SLACK + " tokens) of usage.input_tokens of the same request answered by /v1/messages.",
      "The relay counts tokens itself with another tokenizer; forward count_tokens upstream."),
  EP_030(SHOULD, "api/models/list",
      "GET /v1/models lists models in Anthropic's shape",
      "GET /v1/models answers 200 with {data: [{type: \"model\", id, display_name, created_at}], has_more, first_id, last_id}.",
      "The relay answers an OpenAI {object: list} shape or 404; Claude Code's model picker reads this endpoint."),
  EP_040(SHOULD, "api/models/retrieve",
      "GET /v1/models/{id} returns that model",
      "GET /v1/models/{id} for a listed id answers 200 with a model object of the same id.",
      "The relay does not route /v1/models/{id}."),
  EP_050(MUST, "api/errors#http-errors",
      "an unknown path gives an Anthropic-shaped 404",
      "A request to an unknown path under /v1/ is answered 404 with an Anthropic error body of type not_found_error.",
      "The relay answers unknown paths with an HTML page or its framework's default error.");

  private final CheckSpec spec;

  EpCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "core", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
