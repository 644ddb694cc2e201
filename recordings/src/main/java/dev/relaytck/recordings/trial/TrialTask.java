package dev.relaytck.recordings.trial;

import java.nio.file.Path;

/**
 * The Claude Code tasks of the trial, each a fixed prompt over the {@link SampleProject}: what a
 * person tries first with a new relay (docs/trial.md). The prompts are ordinary requests a
 * user could type; the replay upstream recognises them by their wording (the CLI's requests cannot
 * carry the kit's marker) and learns the project's location from the absolute paths they name.
 */
public enum TrialTask {
  /** Normal question and answer, no tools. */
  QA("qa", "Without using any tools, answer in one short sentence: what does the command `node --test` do?"),
  /** Code reading: the answer ({@link SampleProject#THRESHOLD}) is checked. */
  READING("code-reading", "Read %s/src/inventory.js and tell me the value of REORDER_THRESHOLD. Answer with the number only."),
  /** A code edit: afterwards the kit runs {@code node --test}, which must pass. */
  EDIT("code-edit", "The test 'applyDiscount takes a percentage off' in %1$s/test/price.test.js fails. Fix the bug in"
      + " %1$s/src/price.js so that `node --test` passes. Change only src/price.js."),
  /** Long-context recall: the ledger (~60k tokens) is piped on stdin; the answer is {@link SampleProject#VAULT_CODE}. */
  LONG_CONTEXT("long-context", "The input above is a warehouse ledger. What vault code does it record? Answer with the code only."),
  /** A second session that resumes the code-reading one ({@code claude -p --continue}). */
  CONTINUE("continue", "What number did you give me in your previous answer? Answer with the number only."),
  /** The upstream answers 529 overloaded first (hermetic only); Claude Code must retry and finish. */
  RETRY("retry-after-overloaded", "Reply with the single word: ready.");

  private final String id;
  private final String template;

  TrialTask(String id, String template) {
    this.id = id;
    this.template = template;
  }

  public String id() {
    return id;
  }

  /** The prompt for a project at {@code project} (absolute: the CLI's tools want absolute paths). */
  public String prompt(Path project) {
    if (!project.isAbsolute()) throw new IllegalArgumentException("the project path must be absolute: " + project);
    return template.contains("%") ? String.format(java.util.Locale.ROOT, template, project) : template;
  }

  /** The fixed wording around the project path, by which the replay upstream recognises the task. */
  String[] wording() {
    return template.split("%(1\\$)?s", -1);
  }
}
