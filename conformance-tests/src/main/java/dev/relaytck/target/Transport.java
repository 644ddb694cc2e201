package dev.relaytck.target;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
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
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How one run's clients reach the target, scoped to that run (never the JVM's defaults, so two
 * runs in one JVM cannot change each other's trust or proxy): the HTTP version to negotiate, the
 * largest response body it reads, the private CA it trusts besides the JDK's roots, and the proxy
 * it goes through. Read from run settings ({@code relaytck.*} keys) like every other setting.
 *
 * @param ssl the TLS context with the private CA added, or {@code null} for the JDK's default
 * @param trust the trust manager behind {@code ssl} (the official SDK's client needs it), or {@code null}
 * @param proxy the proxy for the target's host, or {@code null} to connect directly
 */
public record Transport(HttpVersion http, long maxBodyBytes, SSLContext ssl, X509TrustManager trust, URI proxy) {
  /** {@code --http 1.1|2|auto}. */
  public static final String HTTP = "relaytck.http";
  /** {@code --max-body-bytes N}: the largest response body (and gzip-decoded body) the kit reads. */
  public static final String MAX_BODY_BYTES = "relaytck.maxBodyBytes";
  /** {@code --ca-cert FILE}: a private CA trusted besides the JDK's roots. */
  public static final String CA_CERT = "relaytck.caCert";
  /** The proxy the run reaches the target through (from {@code HTTPS_PROXY}, resolved by the runner). */
  public static final String PROXY = "relaytck.proxy";

  /**
   * The default body limit: 8 MiB, some eighty times the largest bundled recording (about 100 kB);
   * enough for any real response, small enough that a flooding relay costs little memory.
   */
  public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;
  /**
   * The limit for an exchange whose request is itself several megabytes (the large-request
   * scenario): a relay may legitimately answer with a body of the same order, such as an error
   * that quotes the request.
   */
  public static final long LARGE_REQUEST_MAX_BODY_BYTES = 64L << 20;

  public static final Transport DEFAULT = new Transport(HttpVersion.AUTO, DEFAULT_MAX_BODY_BYTES, null, null, null);

  /** Which HTTP version the kit's raw client negotiates. */
  public enum HttpVersion {
    /** HTTP/1.1 only. */
    HTTP_1_1,
    /** HTTP/2: ALPN over TLS, the h2c upgrade over cleartext; HTTP/1.1 when the target refuses. */
    HTTP_2,
    /** HTTP/2 over TLS (offered by ALPN, HTTP/1.1 when refused), HTTP/1.1 over cleartext. */
    AUTO;

    static HttpVersion parse(String v) {
      return switch (v.trim().toLowerCase(Locale.ROOT)) {
        case "1.1", "http/1.1", "http1.1" -> HTTP_1_1;
        case "2", "h2", "http/2", "h2c" -> HTTP_2;
        case "auto" -> AUTO;
        default -> throw new TargetConfig.ConfigException(HTTP + " must be 1.1, 2 or auto, got '" + v + "'");
      };
    }

    /** The version the JDK client is built with for {@code target}. */
    HttpClient.Version forTarget(URI target) {
      return switch (this) {
        case HTTP_1_1 -> HttpClient.Version.HTTP_1_1;
        case HTTP_2 -> HttpClient.Version.HTTP_2;
        // Cleartext HTTP/2 would mean an Upgrade header on every request, which some relays reject.
        case AUTO -> "https".equalsIgnoreCase(target.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
      };
    }
  }

  public Transport {
    if (http == null) http = HttpVersion.AUTO;
    if (maxBodyBytes <= 0) throw new TargetConfig.ConfigException(MAX_BODY_BYTES + " must be > 0, got " + maxBodyBytes);
  }

  /** Reads the transport from run settings; a bad value is a configuration error. */
  public static Transport from(Function<String, Optional<String>> settings) {
    Function<String, Optional<String>> get = k -> settings.apply(k).filter(v -> !v.isBlank());
    HttpVersion http = get.apply(HTTP).map(HttpVersion::parse).orElse(HttpVersion.AUTO);
    long max = get.apply(MAX_BODY_BYTES).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new TargetConfig.ConfigException(MAX_BODY_BYTES + " must be a whole number of bytes, got '" + v + "'");
      }
    }).orElse(DEFAULT_MAX_BODY_BYTES);
    X509TrustManager trust = get.apply(CA_CERT).map(p -> trusting(Path.of(p))).orElse(null);
    URI proxy = get.apply(PROXY).map(v -> {
      URI u = URI.create(v.contains("://") ? v.trim() : "http://" + v.trim());
      if (u.getHost() == null) throw new TargetConfig.ConfigException(PROXY + " is not a usable proxy URL: '" + v + "'");
      return u;
    }).orElse(null);
    return new Transport(http, max, trust == null ? null : context(trust), trust, proxy);
  }

  /** The body limit of an exchange whose request body has {@code requestBytes} bytes. */
  public long maxBodyBytes(long requestBytes) {
    return requestBytes > (1L << 20) ? Math.max(maxBodyBytes, LARGE_REQUEST_MAX_BODY_BYTES) : maxBodyBytes;
  }

  /** A JDK client for {@code target} with this transport's version, trust and proxy. */
  HttpClient.Builder client(URI target) {
    HttpClient.Builder b = HttpClient.newBuilder().version(http.forTarget(target));
    if (ssl != null) b.sslContext(ssl);
    // Always an explicit selector: the JVM-wide default must not route this run's requests.
    b.proxy(proxy == null ? HttpClient.Builder.NO_PROXY : selector(target, proxy));
    return b;
  }

  /** The proxy for the official SDK's client ({@link Proxy#NO_PROXY} when direct). */
  public Proxy sdkProxy() {
    return proxy == null ? Proxy.NO_PROXY : new Proxy(Proxy.Type.HTTP, address(proxy));
  }

  private static InetSocketAddress address(URI proxy) {
    return InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort() < 0 ? 80 : proxy.getPort());
  }

  /** Routes requests to {@code target}'s host through {@code proxy}; other hosts (the replay journal) go direct. */
  private static ProxySelector selector(URI target, URI proxy) {
    String host = target.getHost();
    Proxy via = new Proxy(Proxy.Type.HTTP, address(proxy));
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return uri.getHost() != null && uri.getHost().equalsIgnoreCase(host) ? List.of(via) : List.of(Proxy.NO_PROXY);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // The client reports the failure itself; nothing to remember.
      }
    };
  }

  /** The JDK's roots plus every certificate in {@code caCert} (PEM or DER): the private CA is added, not substituted. */
  public static X509TrustManager trusting(Path caCert) {
    try (InputStream in = Files.newInputStream(caCert)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) throw new TargetConfig.ConfigException("--ca-cert " + caCert + ": no PEM or DER certificate in it");
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      jdk.init((KeyStore) null);
      int i = 0;
      for (TrustManager tm : jdk.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          for (var root : x.getAcceptedIssuers()) store.setCertificateEntry("jdk-" + i++, root);
        }
      }
      int n = 0;
      for (Certificate c : certs) store.setCertificateEntry("relaytck-ca-" + n++, c);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) return x;
      }
      throw new TargetConfig.ConfigException("--ca-cert " + caCert + ": the JDK offers no X.509 trust manager");
    } catch (NoSuchFileException e) {
      throw new TargetConfig.ConfigException("--ca-cert " + caCert + ": no such file");
    } catch (IOException | GeneralSecurityException e) {
      throw new TargetConfig.ConfigException("--ca-cert " + caCert + ": not a usable certificate: " + e.getMessage());
    }
  }

  private static SSLContext context(X509TrustManager trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trust}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new TargetConfig.ConfigException("cannot build a TLS context: " + e.getMessage());
    }
  }
}
