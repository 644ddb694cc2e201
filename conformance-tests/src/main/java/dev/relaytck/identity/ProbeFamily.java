package dev.relaytck.identity;

/**
 * The families of identity probes: five with checkable answers a careful user tests by hand
 * (ID-030, Fisher's exact test per family) and the open-ended prompts of the distribution test
 * (ID-020, ID-080).
 */
public enum ProbeFamily {
  RECALL("long-context recall", true),
  TOOL_USE("tool-use style", true),
  CODE("code reasoning", true),
  MULTILINGUAL("multilingual details", true),
  REFUSAL("refusal boundaries", true),
  OPEN("open-ended continuations", false);

  private final String title;
  private final boolean checkable;

  ProbeFamily(String title, boolean checkable) {
    this.title = title;
    this.checkable = checkable;
  }

  public String title() {
    return title;
  }

  /** Whether its probes have an exact expected answer (capability probes). */
  public boolean checkable() {
    return checkable;
  }
}
