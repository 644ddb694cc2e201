package dev.relaytck.docs;

import dev.relaytck.relay.TestRelay;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.EnumSet;

/**
 * The "gateway under test" of the CI recipes when a test runs them: the suite's faithful test
 * relay in front of {@code --upstream}, reachable on the fixed {@code --port} a recipe names
 * (the test relay itself binds a free port, so this splices TCP bytes unchanged to it). Runs
 * until killed, as a gateway in a CI job does.
 */
public final class CiGateway {
  private CiGateway() {}

  public static void main(String[] args) throws Exception {
    URI upstream = null;
    int port = -1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--upstream" -> upstream = URI.create(args[i + 1]);
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (upstream == null || port < 0) throw new IllegalArgumentException("usage: --upstream URL --port N");
    TestRelay relay = new TestRelay(upstream, EnumSet.noneOf(dev.relaytck.relay.Behaviour.class));
    int relayPort = relay.url().getPort();
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      System.out.println("gateway on http://127.0.0.1:" + port + " -> " + upstream);
      while (true) {
        Socket client = server.accept();
        Socket backend = new Socket(InetAddress.getLoopbackAddress(), relayPort);
        pump(client, backend);
        pump(backend, client);
      }
    }
  }

  private static void pump(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
        to.shutdownOutput();
      } catch (IOException closed) {
        // One side went away: close both.
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // already closed
        }
      }
    }, "ci-gateway-pump");
    t.setDaemon(true);
    t.start();
  }
}
