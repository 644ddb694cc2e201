package dev.relaytck.recordings.record;

/** The upstream could not be reached at all (connection refused, unknown host, TLS failure, connect timeout). */
public final class UpstreamUnreachableException extends Exception {
  public UpstreamUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
