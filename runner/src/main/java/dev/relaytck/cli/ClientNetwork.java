package dev.relaytck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the kit's clients reach an https target: a private CA ({@code --ca-cert}, trusted in
 * addition to the JDK's own) and the proxy named by {@code HTTPS_PROXY} / {@code https_proxy}
 * (with {@code NO_PROXY} hosts, and loopback, reached directly). The kit's HTTP clients take
 * the JVM defaults (the JDK HttpClient uses the default SSLContext and ProxySelector when built
 * without its own), so this sets those for the process.
 */
final class ClientNetwork {
  private ClientNetwork() {}

  static void trust(Path caCert) {
    try (InputStream in = Files.newInputStream(caCert)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) throw new UsageException("--ca-cert " + caCert + ": no PEM or DER certificate in it");
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      // Keep the JDK's public roots: the private CA is added, not substituted.
      int i = 0;
      for (javax.net.ssl.TrustManager tm : jdk.getTrustManagers()) {
        if (tm instanceof javax.net.ssl.X509TrustManager x) {
          for (var root : x.getAcceptedIssuers()) store.setCertificateEntry("jdk-" + i++, root);
        }
      }
      int n = 0;
      for (Certificate c : certs) store.setCertificateEntry("relaytck-ca-" + n++, c);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      SSLContext.setDefault(ctx);
    } catch (NoSuchFileException e) {
      throw new UsageException("--ca-cert " + caCert + ": no such file");
    } catch (IOException | GeneralSecurityException e) {
      throw new UsageException("--ca-cert " + caCert + ": not a usable certificate: " + e.getMessage());
    }
  }

  /** The proxy from the environment for {@code target}, or {@code null} when it is reached directly. */
  static URI proxyFor(URI target, Map<String, String> env) {
    String raw = "https".equals(target.getScheme())
        ? env.getOrDefault("HTTPS_PROXY", env.get("https_proxy"))
        : env.getOrDefault("HTTP_PROXY", env.get("http_proxy"));
    if (raw == null || raw.isBlank()) return null;
    String host = target.getHost().toLowerCase(Locale.ROOT);
    if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")) return null;
    String noProxy = env.getOrDefault("NO_PROXY", env.getOrDefault("no_proxy", ""));
    for (String entry : noProxy.split(",")) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (e.isEmpty()) continue;
      if (e.equals("*") || host.equals(e) || host.endsWith(e.startsWith(".") ? e : "." + e)) return null;
    }
    URI proxy = URI.create(raw.contains("://") ? raw.trim() : "http://" + raw.trim());
    if (proxy.getHost() == null) throw new UsageException("HTTPS_PROXY is not a usable proxy URL: '" + raw + "'");
    return proxy;
  }

  /** Routes the process's HTTP clients through {@code proxy} for {@code target}'s host; other hosts go direct. */
  static void useProxy(URI target, URI proxy) {
    String host = target.getHost();
    Proxy via = new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort()));
    ProxySelector.setDefault(new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase(host) ? List.of(via) : List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // The client reports the failure itself; nothing to remember.
      }
    });
  }
}
