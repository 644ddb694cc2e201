package dev.relaytck.recordings.replay;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.jetty.server.Request;

/**
 * One exchange as the streaming layer sees it, shared by the servlet filter that opens it
 * and the paced body that writes it. WireMock renders and writes a response on the thread
 * that received the request, so a thread-local carries it from one to the other.
 */
final class ExchangeContext {
  private static final ThreadLocal<ExchangeContext> CURRENT = new ThreadLocal<>();

  private final HttpServletRequest request;
  volatile String serveEventId;
  volatile String scenario;
  volatile String nonce;
  volatile String fault;
  volatile boolean paced;
  volatile int eventsTotal = -1;
  /** Where each recorded event ends in the body, cumulatively; set by the paced body. */
  volatile long[] eventEnds = new long[0];
  /** The most any event was handed out after it was due (scheduling delay of this server). */
  volatile long maxLateNanos;
  /** Body bytes handed to the connection so far. */
  volatile long bytesWritten;
  volatile boolean abortedByFault;
  /** The server's stream timer and how to note a stream's end; null without the streaming filter. */
  volatile StreamClock clock;
  volatile ScheduledStream.Ending ending;
  /** The container's own output stream, for a {@link ScheduledStream}. */
  volatile jakarta.servlet.ServletOutputStream rawOut;
  /** True once a {@link ScheduledStream} owns the response: the servlet's flush and close are not its end. */
  volatile boolean scheduled;

  private ExchangeContext(HttpServletRequest request) {
    this.request = request;
  }

  /**
   * Events whose last byte was handed to the connection. When the client has just gone, the
   * last of them may not have reached it: the failure shows on the write or flush after.
   */
  int eventsDelivered() {
    long written = bytesWritten;
    int n = 0;
    for (long end : eventEnds) {
      if (end <= written) {
        n++;
      }
    }
    return n;
  }

  /** Whether the response can be handed to a {@link ScheduledStream} (the streaming filter is in front and the body not yet started). */
  boolean canSchedule() {
    return request != null && clock != null && rawOut != null && !scheduled;
  }

  /**
   * Hands the response to {@code stream}: starts the servlet's asynchronous mode (WireMock's
   * servlet is not declared async-capable; the replay server's streaming layer is) with no
   * timeout, since a stream ends by its own schedule or its client's disconnect.
   */
  void schedule(ScheduledStream stream) {
    Request.getBaseRequest(request).setAsyncSupported(true, null);
    jakarta.servlet.AsyncContext async = request.startAsync();
    async.setTimeout(0);
    scheduled = true;
    stream.start(async, rawOut);
  }

  static ExchangeContext open(HttpServletRequest request) {
    ExchangeContext context = new ExchangeContext(request);
    CURRENT.set(context);
    return context;
  }

  static void close() {
    CURRENT.remove();
  }

  /** The exchange on this thread, or a detached one when the server has no streaming filter. */
  static ExchangeContext current() {
    ExchangeContext context = CURRENT.get();
    return context == null ? new ExchangeContext(null) : context;
  }

  /**
   * Drops the connection the way a failing upstream does: no terminating chunk, no
   * further bytes. Jetty's abort closes the endpoint without completing the response.
   */
  boolean abortConnection() {
    if (request == null) {
      return false;
    }
    abortedByFault = true;
    Request.getBaseRequest(request).getHttpChannel().abort(new IOException("relay-tck fault: connection closed"));
    return true;
  }
}
