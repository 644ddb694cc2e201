package dev.relaytck.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as a stock streaming reverse proxy in front of an upstream, under a path
 * prefix: {@code location /gw/} proxying to the upstream's root with {@code proxy_buffering off},
 * the configuration every relay guide shows. It listens on 127.0.0.1 only, on a free port, keeps
 * its pid, logs and temp files in the test's directory, runs in the foreground as a child of the
 * test, and is stopped by {@link #close()}.
 */
final class Nginx implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private Nginx(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** The nginx binary, when installed (Debian puts it in /usr/sbin, which a user's PATH may lack). */
  static Optional<Path> binary() {
    for (String d : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/usr/local/nginx/sbin").split(":")) {
      if (d.isBlank()) continue;
      Path p = Path.of(d, "nginx");
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  static Nginx start(Path binary, String upstream, String prefix, Path dir) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.createDirectories(dir);
    String conf = String.join("\n",
        "daemon off;",
        "master_process on;",
        "worker_processes 1;",
        // As root, nginx's workers would run as nobody, who cannot write the test's temp directory.
        "root".equals(System.getProperty("user.name")) ? "user root;" : "",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 128; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + dir.resolve("body") + ";",
        "  proxy_temp_path " + dir.resolve("proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("scgi") + ";",
        "  client_max_body_size 64m;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    location " + prefix + "/ {",
        "      proxy_pass " + upstream.replaceAll("/+$", "") + "/;",
        "      proxy_http_version 1.1;",
        "      proxy_set_header Connection \"\";",
        "      proxy_buffering off;",
        "      proxy_request_buffering off;",
        "      proxy_read_timeout 120s;",
        "    }",
        "  }",
        "}", "");
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(binary.toString(), "-p", dir.toString(), "-c", file.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
    Nginx nginx = new Nginx(p, port, dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IOException("nginx exited with " + p.exitValue() + ": " + Files.readString(dir.resolve("stdout.log"))
            + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return nginx;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    nginx.close();
    throw new IOException("nginx did not listen on 127.0.0.1:" + port + " within 15 s");
  }

  String url(String prefix) {
    return "http://127.0.0.1:" + port + prefix;
  }

  String errorLog() throws IOException {
    Path log = dir.resolve("error.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** SIGTERM (nginx's fast shutdown) to the master, which stops its worker; forcibly after 10 s. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
