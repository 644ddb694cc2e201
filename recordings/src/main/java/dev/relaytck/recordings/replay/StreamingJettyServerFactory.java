package dev.relaytck.recordings.replay;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;

/**
 * WireMock's Jetty 11 server with the {@link EventStreamFilter} in front of the stub
 * servlet (not the admin API), so paced bodies stream event by event, written by the server's
 * one {@link StreamClock} rather than a sleeping thread per stream.
 */
final class StreamingJettyServerFactory implements HttpServerFactory {
  private final StreamLog log;
  private final StreamClock clock;

  StreamingJettyServerFactory(StreamLog log, StreamClock clock) {
    this.log = log;
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "relay-tck-streaming-jetty";
  }

  @Override
  public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
    return new Jetty11HttpServer(options, admin, stubs) {
      @Override
      protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
        context.addFilter(new FilterHolder(new EventStreamFilter(log, clock)), "/*", EnumSet.of(DispatcherType.REQUEST));
      }
    };
  }
}
