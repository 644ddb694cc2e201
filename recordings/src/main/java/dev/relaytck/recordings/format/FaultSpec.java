package dev.relaytck.recordings.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of a {@link Fault}, used in the marker suffix {@code :fault=<fault>}.
 *
 * <pre>
 * fault  = "status=" CODE            answer CODE with the matching Anthropic error body and headers
 *        | "error@" N ["=" TYPE]     stream N events, then an SSE error event (default overloaded_error), then end
 *        | "close@" N                stream N events, then drop the connection (no terminating chunk)
 *        | "stall@" N "=" MS         stream N events, then pause MS milliseconds, then continue
 *        | "drip=" MS                send every event in slices of {@value PacedBody#DRIP_SLICE} bytes, MS apart
 * </pre>
 * Examples: {@code [[relay-tck:text-stream:n1:fault=close@3]]}, {@code fault=status=529},
 * {@code fault=error@2=api_error}, {@code fault=stall@1=5000}, {@code fault=drip=20}.
 */
public final class FaultSpec {
  public static final String STATUS = "status";
  public static final String ERROR_EVENT = "error-event";
  public static final String CLOSE = "close";
  public static final String STALL = "stall";
  public static final String DRIP = "drip";

  private static final Pattern GRAMMAR = Pattern.compile(
      "status=(\\d{3})|error@(\\d+)(?:=([a-z_]+))?|close@(\\d+)|stall@(\\d+)=(\\d+)|drip=(\\d+)");

  private FaultSpec() {}

  /** The error type the official API pairs with an HTTP status: what a {@code status=CODE} fault answers. */
  public static String typeFor(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 504 -> "timeout_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  /** Parses the suffix text; a malformed one is an error the caller reports, never ignored. */
  public static Fault parse(String text) {
    Matcher m = GRAMMAR.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("malformed fault '" + text
          + "': expected status=CODE, error@N[=TYPE], close@N, stall@N=MS or drip=MS");
    }
    if (m.group(1) != null) {
      int status = Integer.parseInt(m.group(1));
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("malformed fault '" + text + "': status must be 400-599");
      }
      return new Fault(STATUS, status, typeFor(status), 0, 0);
    }
    if (m.group(2) != null) {
      String type = m.group(3) == null ? "overloaded_error" : m.group(3);
      return new Fault(ERROR_EVENT, 0, type, Integer.parseInt(m.group(2)), 0);
    }
    if (m.group(4) != null) {
      return new Fault(CLOSE, 0, null, Integer.parseInt(m.group(4)), 0);
    }
    if (m.group(5) != null) {
      return new Fault(STALL, 0, null, Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)));
    }
    return new Fault(DRIP, 0, null, 0, Long.parseLong(m.group(7)));
  }

  /** The suffix text of a fault; {@code parse(format(f))} gives {@code f} back. */
  public static String format(Fault fault) {
    return switch (fault.kind()) {
      case STATUS -> "status=" + fault.status();
      case ERROR_EVENT -> "error@" + fault.afterEvents() + (fault.errorType() == null ? "" : "=" + fault.errorType());
      case CLOSE -> "close@" + fault.afterEvents();
      case STALL -> "stall@" + fault.afterEvents() + "=" + fault.millis();
      case DRIP -> "drip=" + fault.millis();
      default -> throw new IllegalArgumentException("unknown fault kind '" + fault.kind() + "'");
    };
  }

  /** Rejects a recording's fault the server could not inject, at start rather than mid-run. */
  public static void validate(Fault fault, String where) {
    try {
      parse(format(fault));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }
}
