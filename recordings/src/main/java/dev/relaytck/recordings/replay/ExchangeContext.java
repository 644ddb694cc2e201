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
  volatile int eventsDelivered;
  volatile boolean abortedByFault;

  private ExchangeContext(HttpServletRequest request) {
    this.request = request;
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
