package dev.relaytck.recordings.cassette;

/** A corpus file or selection that cannot be read; the message names the file and what is wrong. */
public class CorpusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CorpusException(String message) {
    super(message);
  }

  public CorpusException(String message, Throwable cause) {
    super(message, cause);
  }
}
