package dev.relaytck.catalog;

/** The first part of a check ID: what part of the protocol a check is about (docs/contract.md, Checks). */
public enum Area {
  AUTH("Authentication"),
  HDR("Headers"),
  REQ("Request fidelity (hermetic)"),
  MSG("Non-streaming message"),
  SSE("Stream framing"),
  EVT("Stream event semantics"),
  TOOL("Tool use"),
  THINK("Extended thinking"),
  CACHE("Prompt caching"),
  ERR("Errors"),
  FAULT("Relay behaviour under upstream faults"),
  EP("Other endpoints"),
  SDK("Official SDK as a client"),
  CC("Claude Code"),
  ID("Model identity"),
  PERF("Latency and streaming timing"),
  CTX("Long context"),
  BILL("Usage and cost"),
  SEC("Tampering and leaks");

  private final String title;

  Area(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
