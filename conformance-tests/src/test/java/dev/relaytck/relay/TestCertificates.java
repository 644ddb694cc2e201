package dev.relaytck.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for localhost made at run time with the JDK's keytool (never
 * committed): a fresh key pair per test, in a temporary PKCS#12 store with a random password.
 */
public final class TestCertificates {
  private final KeyStore store;
  private final char[] password;

  private TestCertificates(KeyStore store, char[] password) {
    this.store = store;
    this.password = password;
  }

  /** A certificate for localhost and 127.0.0.1 valid from {@code startDays} days from now for {@code validityDays} days. */
  public static TestCertificates localhost(Path dir, int startDays, int validityDays) throws IOException, GeneralSecurityException {
    byte[] pw = new byte[12];
    new SecureRandom().nextBytes(pw);
    char[] password = HexFormat.of().formatHex(pw).toCharArray();
    Path file = dir.resolve("relay-" + System.nanoTime() + ".p12");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "relay", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-startdate", (startDays >= 0 ? "+" : "") + startDays + "d",
        "-validity", Integer.toString(validityDays), "-keystore", file.toString(), "-storetype", "PKCS12",
        "-storepass", new String(password), "-keypass", new String(password)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
    String output = new String(p.getInputStream().readAllBytes());
    if (p.exitValue() != 0) throw new IOException("keytool failed: " + output);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, password);
    }
    Files.delete(file);
    return new TestCertificates(ks, password);
  }

  /** What a server presents. */
  public SSLContext serverContext() throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A client trusting this certificate only (what --ca-cert does for a private CA). */
  public SSLContext trustingContext() throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("relay", store.getCertificate("relay"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
