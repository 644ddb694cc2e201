package dev.relaytck.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.relaytck.target.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a balance from a {@link BalanceSource}. Whatever the API answers (HTML, 401, a string, a
 * negative number, a hang) ends as {@link BalanceUnreadable} with a message a person can act on,
 * never as an exception of the kit; every wait and every body is bounded. The credential is sent
 * as {@code Authorization: Bearer} and never appears in a message, even when the API echoes it.
 */
public final class BalanceReader {
  /** A balance answer is a small JSON object; anything larger is not one. */
  static final int MAX_BODY = 256 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Reads balance bodies, so that a body that never ends can be given up on. */
  private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "relay-tck-balance-reader");
    t.setDaemon(true);
    return t;
  });

  private final BalanceSource source;
  private final Secret credential;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient http;

  public BalanceReader(BalanceSource source, Secret credential, Map<String, String> headers, Duration timeout) {
    this.source = source;
    this.credential = credential;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public BalanceSource source() {
    return source;
  }

  public Balance read() throws BalanceUnreadable {
    return switch (source.kind()) {
      case QUOTA, POINTER -> number(source.url(), source.pointer(), source.usdPerUnit());
      case OPENAI -> openAi();
    };
  }

  private Balance openAi() throws BalanceUnreadable {
    URI origin = source.url();
    try {
      return number(origin.resolve("/dashboard/billing/credit_grants"), "/total_available", 1);
    } catch (BalanceUnreadable grants) {
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      Balance limit;
      try {
        limit = number(origin.resolve("/v1/dashboard/billing/subscription"), "/hard_limit_usd", 1);
      } catch (BalanceUnreadable sub) {
        throw new BalanceUnreadable(grants.getMessage() + "; and " + sub.getMessage());
      }
      // total_usage is in cents (OpenAI's shape, which new-api and one-api reproduce).
      Balance used = number(origin.resolve("/v1/dashboard/billing/usage?start_date=" + today.minusDays(99) + "&end_date="
          + today.plusDays(1)), "/total_usage", 0.01);
      return new Balance(limit.usd() - used.usd(), Math.max(limit.resolutionUsd(), used.resolutionUsd()));
    }
  }

  private Balance number(URI url, String pointer, double usdPerUnit) throws BalanceUnreadable {
    String where = "GET " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?…");
    HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(timeout).GET().header("accept", "application/json");
    if (credential != null) b.header("authorization", "Bearer " + credential.reveal());
    headers.forEach(b::header);
    int status;
    byte[] body;
    HttpResponse<InputStream> resp = null;
    try {
      resp = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      status = resp.statusCode();
      InputStream in = resp.body();
      // The request timeout covers the headers only: the body is read within the same bound, and no further than MAX_BODY.
      CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
        try (in) {
          return in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, READERS);
      try {
        body = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        in.close();
        throw new BalanceUnreadable(where + " gave no complete answer within " + timeout.toMillis() + " ms (headers, then no end of body)");
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        throw new BalanceUnreadable(where + " gave no complete answer within " + timeout.toMillis() + " ms");
      }
      throw new BalanceUnreadable(where + " failed: " + mask(String.valueOf(cause == null ? e : cause.getMessage()))
          + " (is the balance API reachable?)");
    } catch (TimeoutException e) {
      throw new BalanceUnreadable(where + " gave no complete answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new BalanceUnreadable(where + " failed: " + mask(String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BalanceUnreadable(where + " was interrupted");
    }
    String text = new String(body, 0, Math.min(body.length, MAX_BODY), StandardCharsets.UTF_8);
    if (status == 401 || status == 403) {
      throw new BalanceUnreadable(where + " answered " + status + " " + excerpt(text) + ": the balance API refused the credential;"
          + " pass its access token with --balance-token (new-api also wants --balance-header New-Api-User:<your user id>)");
    }
    if (status != 200) throw new BalanceUnreadable(where + " answered " + status + " " + excerpt(text) + ", not 200");
    if (body.length > MAX_BODY) throw new BalanceUnreadable(where + " answered more than " + MAX_BODY + " bytes: not a balance");
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (IOException e) {
      root = null;
    }
    if (root == null || !root.isContainerNode()) {
      throw new BalanceUnreadable(where + " answered something that is not JSON " + excerpt(text)
          + " (an HTML page is usually a login page or the wrong URL)");
    }
    if (root.path("success").isBoolean() && !root.path("success").asBoolean()) {
      throw new BalanceUnreadable(where + " answered success=false: " + excerpt(root.path("message").asText("")));
    }
    JsonNode n = root.at(pointer);
    BigDecimal raw = null;
    if (n.isNumber()) {
      raw = n.decimalValue();
    } else if (n.isTextual()) {
      try {
        raw = new BigDecimal(n.asText().trim());
      } catch (NumberFormatException e) {
        throw new BalanceUnreadable(where + ": " + pointer + " is the string " + excerpt(n.asText()) + ", not a number");
      }
    }
    if (raw == null) {
      throw new BalanceUnreadable(where + ": no number at " + pointer + " in " + excerpt(text)
          + (n.isMissingNode() ? " (absent)" : " (a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ")"));
    }
    if (raw.signum() < 0) {
      throw new BalanceUnreadable(where + ": " + pointer + " is negative (" + raw.toPlainString()
          + "): an overdrawn or unlimited account cannot show what a run cost");
    }
    // The last decimal the API printed (one unit for integers) is the finest step it can show.
    double step = BigDecimal.ONE.movePointLeft(Math.max(0, raw.stripTrailingZeros().scale())).doubleValue();
    return new Balance(raw.doubleValue() * usdPerUnit, step * usdPerUnit);
  }

  private String excerpt(String text) {
    String t = mask(text.strip().replaceAll("\\s+", " "));
    return "'" + (t.length() > 120 ? t.substring(0, 120) + "…" : t) + "'";
  }

  /** The credential never reaches a message, even when the balance API echoes it. */
  private String mask(String text) {
    if (credential == null || credential.reveal().isEmpty()) return text;
    return text.replace(credential.reveal(), "***");
  }
}
