package dev.relaytck.recordings.format;

/** A recording on disk that does not follow docs/recording-format.md; the message names the file. */
public class RecordingFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RecordingFormatException(String message) {
    super(message);
  }

  public RecordingFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
