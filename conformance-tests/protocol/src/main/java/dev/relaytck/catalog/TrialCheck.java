package dev.relaytck.catalog;

import static dev.relaytck.catalog.Severity.MUST;
import static dev.relaytck.catalog.Severity.SHOULD;

/**
 * The small-balance trial's Claude Code tasks (profile {@code trial}, docs/trial.md): the
 * pinned CLI does what a person tries first with a new relay, on the bundled sample project, and
 * each task is judged by what a person would check (the answer, the tests after an edit). Area CC:
 * they are Claude Code sessions. The trial's verdict (docs/trial.md) reads these with every other
 * check of the run.
 */
public enum TrialCheck implements Check {
  CC_150(MUST, "claude-code/headless",
      "trial: a question is answered through Claude Code",
      "The pinned Claude Code CLI answers a short question without tools through the relay: it exits 0, reports success and the answer is not empty.",
      "Read the task's errors (status and type of every request) and the CLI's own message in the evidence."),
  CC_160(MUST, "claude-code/common-workflows#understand-new-codebases",
      "trial: code reading gives the checkable answer",
      "Claude Code reads src/inventory.js of the sample project with its Read tool and answers the value of REORDER_THRESHOLD (37); the tool result must reach the model intact.",
      "A relay that drops or rewrites tool_result blocks, or mangles the Read tool_use input, breaks this; forward tool blocks unchanged."),
  CC_170(MUST, "claude-code/common-workflows#fix-bugs-efficiently",
      "trial: a code edit makes the failing test pass",
      "Claude Code fixes the bug in src/price.js of the sample project (Read, then Edit) and the kit's own run of node --test then passes.",
      "The Edit tool's input arrives as input_json_delta fragments; a relay that re-parses, drops or reorders them leaves the file unedited. Stream tool input through unchanged."),
  CC_180(MUST, "build-with-claude/context-windows",
      "trial: a detail from a ~60k-token input is recalled",
      "A ledger of about 60,000 tokens piped into Claude Code reaches the model whole: the vault code written about two thirds in is recalled exactly.",
      "The relay truncates, summarises or caps long prompts below the model's window; forward the prompt unchanged and state any context limit."),
  CC_190(MUST, "claude-code/common-workflows#resume-previous-conversations",
      "trial: a resumed session (--continue) keeps its history",
      "A second claude -p --continue session in the code-reading project is answered from the first session's history (the number it gave).",
      "The relay keeps or trims conversation state itself; forward the whole messages array of every request."),
  CC_200(SHOULD, "claude-code/llm-gateway-protocol#automatic-retry-and-error-forwarding",
      "trial: Claude Code recovers from an upstream 529 overloaded",
      "When the upstream answers 529 overloaded_error (hermetic: the replay injects it once per session), the client receives that status and type and Claude Code's retry completes the task.",
      "The relay rewrites upstream errors (529 to 500 or 502) or hides them; forward the status and error body so the client's retry and messages stay right.");

  private final CheckSpec spec;

  TrialCheck(Severity severity, String docRef, String title, String requirement, String hint) {
    this.spec = new CheckSpec(name().replace('_', '-'), severity, "trial", docRef, title, requirement, hint);
  }

  @Override
  public CheckSpec spec() {
    return spec;
  }
}
