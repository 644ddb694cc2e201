package dev.relaytck.target;

/** How the client presents its credential to the relay. */
public enum AuthStyle {
  /** {@code x-api-key: K}, as the SDKs send ANTHROPIC_API_KEY. */
  API_KEY,
  /** {@code Authorization: Bearer T}, as Claude Code sends ANTHROPIC_AUTH_TOKEN. */
  BEARER,
  /** No credential: for relays that authenticate otherwise (mTLS, network) or the AUTH probes. */
  NONE
}
