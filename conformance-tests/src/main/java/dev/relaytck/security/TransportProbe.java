package dev.relaytck.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * SEC-070: how the target's transport protects the credential. For {@code https}: a handshake
 * that validates the chain and the host name with the kit's trust (the JDK's roots plus
 * {@code --ca-cert}), the negotiated protocol (TLS 1.2 or newer), and one unauthenticated
 * request (no credential is sent) for a redirect to plain http and for Strict-Transport-Security.
 * When the chain is refused, the presented certificate is read without trusting it to say why
 * (expired, not yet valid, self-signed, another host). For {@code http}: a non-loopback host
 * receives the key in clear text.
 */
public final class TransportProbe {
  /**
   * @param applicable false for plain http on loopback (nothing leaves the machine)
   * @param facts what was observed (protocol, certificate subject and dates, HSTS), for the report
   */
  public record Result(boolean applicable, String reason, List<String> problems, Map<String, Object> facts) {}

  private TransportProbe() {}

  public static Result probe(URI base, SSLContext trust, Duration timeout) {
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("scheme", scheme);
    facts.put("host", base.getHost());
    List<String> problems = new ArrayList<>();
    if (scheme.equals("http")) {
      if (loopback(base.getHost())) return new Result(false, "plain http on loopback (" + base.getHost() + "): nothing leaves the machine", problems, facts);
      problems.add("plain http to " + base.getHost() + ": the API key and every prompt cross the network in clear text");
      return new Result(true, null, problems, facts);
    }
    if (!scheme.equals("https")) return new Result(false, "not an http(s) target", problems, facts);
    int port = base.getPort() < 0 ? 443 : base.getPort();
    Optional<String> refused = handshake(base.getHost(), port, trust, timeout, facts);
    if (refused.isPresent()) {
      problems.add("certificate chain not accepted for " + base.getHost() + ": " + refused.get() + diagnose(base.getHost(), port, timeout, facts));
    }
    // A certificate trusted directly (a pinned or private anchor) is not checked for dates by PKIX: check them here.
    if (refused.isEmpty() && facts.get("notAfter") instanceof String notAfter && java.time.Instant.parse(notAfter).isBefore(java.time.Instant.now())) {
      problems.add("the certificate presented for " + base.getHost() + " expired on " + notAfter);
    }
    Object protocol = facts.get("protocol");
    if (protocol != null && !List.of("TLSv1.2", "TLSv1.3").contains(protocol)) {
      problems.add("negotiated " + protocol + ": TLS 1.2 or newer is required");
    }
    headers(base, refused.isPresent() ? trustAll() : trust, timeout, facts, problems);
    return new Result(true, null, problems, facts);
  }

  static boolean loopback(String host) {
    if (host == null) return false;
    String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) return true;
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Handshakes with host-name verification; the reason it was refused, or empty. */
  private static Optional<String> handshake(String host, int port, SSLContext ctx, Duration timeout, Map<String, Object> facts) {
    try (SSLSocket socket = connect(ctx, host, port, timeout)) {
      SSLParameters p = socket.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(p);
      socket.startHandshake();
      facts.put("protocol", socket.getSession().getProtocol());
      facts.put("cipherSuite", socket.getSession().getCipherSuite());
      describe(socket.getSession().getPeerCertificates(), facts);
      return Optional.empty();
    } catch (SSLHandshakeException e) {
      return Optional.of(rootMessage(e));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.of(e.getClass().getSimpleName() + ": " + rootMessage(e));
    }
  }

  /** A TLS socket over a plain one connected within {@code timeout}, with the peer's host name set for SNI and verification. */
  private static SSLSocket connect(SSLContext ctx, String host, int port, Duration timeout) throws IOException {
    java.net.Socket plain = new java.net.Socket();
    try {
      plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      plain.setSoTimeout((int) timeout.toMillis());
      return (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
    } catch (IOException e) {
      plain.close();
      throw e;
    }
  }

  /** Reads the presented chain without trusting it, to say why it was refused. */
  private static String diagnose(String host, int port, Duration timeout, Map<String, Object> facts) {
    try (SSLSocket socket = connect(trustAll(), host, port, timeout)) {
      socket.startHandshake();
      facts.put("protocol", socket.getSession().getProtocol());
      Certificate[] chain = socket.getSession().getPeerCertificates();
      describe(chain, facts);
      List<String> why = new ArrayList<>();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        java.util.Date now = new java.util.Date();
        if (leaf.getNotAfter().before(now)) why.add("the certificate expired on " + leaf.getNotAfter().toInstant());
        if (leaf.getNotBefore().after(now)) why.add("the certificate is not valid before " + leaf.getNotBefore().toInstant());
        if (leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) why.add("the certificate is self-signed");
      }
      return why.isEmpty() ? "" : " (" + String.join("; ", why) + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static void describe(Certificate[] chain, Map<String, Object> facts) {
    if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
      facts.put("subject", leaf.getSubjectX500Principal().getName());
      facts.put("issuer", leaf.getIssuerX500Principal().getName());
      facts.put("notBefore", leaf.getNotBefore().toInstant().toString());
      facts.put("notAfter", leaf.getNotAfter().toInstant().toString());
      facts.put("chainLength", chain.length);
    }
  }

  /** One request without a credential: a redirect to plain http, and the HSTS header. */
  private static void headers(URI base, SSLContext ctx, Duration timeout, Map<String, Object> facts, List<String> problems) {
    HttpClient http = HttpClient.newBuilder().sslContext(ctx).followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    String b = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(b + "/v1/models")).timeout(timeout)
          .header("anthropic-version", "2023-06-01").GET().build(), HttpResponse.BodyHandlers.discarding());
      facts.put("status", r.statusCode());
      Optional<String> location = r.headers().firstValue("location");
      if (r.statusCode() / 100 == 3 && location.isPresent() && location.get().toLowerCase(Locale.ROOT).startsWith("http:")) {
        problems.add("redirects to plain http: " + location.get());
      }
      Optional<String> hsts = r.headers().firstValue("strict-transport-security");
      facts.put("hsts", hsts.orElse(null));
      if (hsts.isEmpty()) problems.add("no Strict-Transport-Security header: a client can be downgraded to http");
    } catch (IOException e) {
      facts.put("headersProbe", "failed: " + rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is required of every JVM", e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) c = c.getCause();
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
