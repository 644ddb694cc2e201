package dev.relaytck.target;

/** How the response body ended, as the client saw it. */
public enum Ending {
  /** The body ended normally (end of chunked encoding or Content-Length reached). */
  COMPLETE,
  /** The connection broke (reset, closed early) before or during the body. */
  BROKEN,
  /** No response headers within the headers timeout. */
  HEADERS_TIMEOUT,
  /** No byte within the idle timeout while the body was open. */
  IDLE_TIMEOUT,
  /** The exchange exceeded its total timeout. */
  TOTAL_TIMEOUT,
  /** The kit closed the connection on purpose (client-disconnect probes). */
  CLIENT_CLOSED,
  /** The body exceeded the kit's limit ({@code --max-body-bytes}): the kit stopped reading and closed the connection. */
  BODY_LIMIT
}
