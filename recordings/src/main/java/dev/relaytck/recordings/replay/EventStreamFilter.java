package dev.relaytck.recordings.replay;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.time.Instant;

/**
 * Makes WireMock's buffered Jetty response a streaming one, and notes how each paced
 * response ended. Jetty aggregates small writes into its output buffer until it fills; an
 * SSE stream must instead leave event by event, so for paced bodies every write is
 * flushed, and for {@code text/event-stream} the headers are committed as soon as the body
 * starts, before the first event is due. A client that goes away mid-stream makes the next
 * write fail: that is recorded in the {@link StreamLog} and never reaches Jetty as an error.
 */
final class EventStreamFilter implements Filter {
  private final StreamLog log;
  private final StreamClock clock;

  EventStreamFilter(StreamLog log, StreamClock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    ExchangeContext context = ExchangeContext.open(request);
    context.clock = clock;
    context.ending = (outcome, detail) -> note(context, outcome, detail);
    try {
      chain.doFilter(request, new FlushingResponse((HttpServletResponse) res, context));
      if (context.paced && !context.scheduled) {
        note(context, StreamLog.COMPLETED, null);
      }
    } catch (IOException | RuntimeException | ServletException e) {
      if (context.abortedByFault) {
        note(context, StreamLog.CLOSED_BY_FAULT, null);
      } else if (context.paced && causedByIo(e)) {
        note(context, StreamLog.CLIENT_DISCONNECTED, String.valueOf(rootCause(e).getMessage()));
      } else {
        throw e;
      }
    } finally {
      ExchangeContext.close();
    }
  }

  private void note(ExchangeContext c, String outcome, String detail) {
    log.add(new StreamLog.Entry(Instant.now().toString(), c.serveEventId, c.scenario, c.nonce, c.fault, outcome,
        c.eventsDelivered(), c.eventsTotal, Math.round(c.maxLateNanos / 1e4) / 100.0, detail));
  }

  private static boolean causedByIo(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c;
  }

  private static final class FlushingResponse extends HttpServletResponseWrapper {
    private final ExchangeContext context;
    private ServletOutputStream out;

    FlushingResponse(HttpServletResponse response, ExchangeContext context) {
      super(response);
      this.context = context;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      if (out == null) {
        ServletOutputStream delegate = super.getOutputStream();
        if (!context.paced) {
          out = delegate;
        } else {
          String type = getContentType();
          if (type != null && type.startsWith("text/event-stream")) {
            // Headers leave now: a client must see 200 before the first event is due.
            super.flushBuffer();
          }
          context.rawOut = delegate;
          out = new FlushingOutputStream(delegate, context);
        }
      }
      return out;
    }
  }

  private static final class FlushingOutputStream extends ServletOutputStream {
    private final ServletOutputStream delegate;
    private final ExchangeContext context;

    FlushingOutputStream(ServletOutputStream delegate, ExchangeContext context) {
      this.delegate = delegate;
      this.context = context;
    }

    @Override
    public void write(int b) throws IOException {
      delegate.write(b);
      context.bytesWritten += 1;
      delegate.flush();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      delegate.write(b, off, len);
      context.bytesWritten += len;
      delegate.flush();
    }

    @Override
    public void flush() throws IOException {
      if (!context.abortedByFault && !context.scheduled) {
        delegate.flush();
      }
    }

    @Override
    public void close() throws IOException {
      // After an abort, closing would try to finish the response; there is none to finish.
      // A scheduled stream finishes the response itself, when its last event has left.
      if (!context.abortedByFault && !context.scheduled) {
        delegate.close();
      }
    }

    @Override
    public boolean isReady() {
      return delegate.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      delegate.setWriteListener(listener);
    }
  }
}
