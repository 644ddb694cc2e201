package dev.relaytck.relay;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The server every test relay and upstream stand-in runs on: loopback only (tests talk to
 * 127.0.0.1 and nothing else), an ephemeral port, and a thread per exchange so a paused stream
 * never holds up another; the threads are daemons so a test that fails mid-stream cannot keep the
 * JVM alive.
 */
final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool;

  private LoopbackServer(HttpServer server, ExecutorService pool) {
    this.server = server;
    this.pool = pool;
  }

  /** Serves every path with {@code handler} on threads named {@code name}. */
  static LoopbackServer start(String name, HttpHandler handler) throws IOException {
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", handler);
    server.setExecutor(pool);
    server.start();
    return new LoopbackServer(server, pool);
  }

  /** The server's root, {@code http://127.0.0.1:PORT}, without a trailing slash. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Runs {@code task} on the server's own threads (a read with a time limit, say). */
  <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
