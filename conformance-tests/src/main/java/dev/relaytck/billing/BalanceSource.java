package dev.relaytck.billing;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where and how to read a relay's remaining balance ({@code --balance}), and how to turn what
 * it says into USD. Presets for the balance APIs relay users meet most (docs/billing.md cites the
 * projects' source for each shape):
 *
 * <ul>
 *   <li>{@code new-api[:Q]} and {@code one-api[:Q]}: {@code GET /api/user/self}, the remaining
 *       quota at {@code /data/quota}, in quota units of which Q make one USD (default 500,000,
 *       the projects' {@code QuotaPerUnit}). The dashboard wants an access token
 *       ({@code --balance-token}) and, on new-api, the {@code New-Api-User: <id>} header
 *       ({@code --balance-header}).
 *   <li>{@code openai}: {@code GET /dashboard/billing/credit_grants} ({@code total_available},
 *       USD), else {@code GET /v1/dashboard/billing/subscription} ({@code hard_limit_usd}) minus
 *       {@code GET /v1/dashboard/billing/usage} ({@code total_usage}, in cents). new-api and
 *       one-api serve the latter two with the API key itself.
 *   <li>{@code URL#/json/pointer[*scale]}: the number at the JSON pointer of what {@code URL}
 *       answers, times {@code scale} (default 1) to make USD.
 * </ul>
 *
 * Preset paths are taken from the origin of the relay's base URL (a path prefix there belongs to
 * the API, not to the dashboard).
 */
public record BalanceSource(String name, Kind kind, URI url, String pointer, double usdPerUnit) {
  /** new-api's and one-api's {@code QuotaPerUnit}: quota units per USD. */
  public static final double QUOTA_PER_USD = 500_000;

  public enum Kind { QUOTA, OPENAI, POINTER }

  /**
   * Parses {@code --balance} against the relay's base URL.
   *
   * @throws IllegalArgumentException with a message that says what is accepted
   */
  public static BalanceSource parse(String spec, URI baseUrl) {
    String s = spec.trim();
    String lower = s.toLowerCase(Locale.ROOT);
    URI origin = URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority());
    for (String preset : List.of("new-api", "one-api")) {
      if (lower.equals(preset) || lower.startsWith(preset + ":")) {
        double perUsd = QUOTA_PER_USD;
        if (lower.length() > preset.length()) {
          perUsd = number(s.substring(preset.length() + 1), "--balance " + preset + ":Q, Q = quota units per USD");
        }
        return new BalanceSource(preset, Kind.QUOTA, origin.resolve("/api/user/self"), "/data/quota", 1 / perUsd);
      }
    }
    if (lower.equals("openai")) {
      return new BalanceSource("openai", Kind.OPENAI, origin, "/total_available", 1);
    }
    int hash = s.indexOf('#');
    if (hash > 0 && (lower.startsWith("http://") || lower.startsWith("https://"))) {
      String pointer = s.substring(hash + 1);
      double scale = 1;
      int star = pointer.lastIndexOf('*');
      if (star >= 0) {
        scale = number(pointer.substring(star + 1), "--balance URL#/pointer*scale, scale = USD per unit");
        pointer = pointer.substring(0, star);
      }
      if (!pointer.isEmpty() && !pointer.startsWith("/")) {
        throw new IllegalArgumentException("--balance " + s + ": the part after # must be a JSON pointer such as /data/balance");
      }
      URI url;
      try {
        url = URI.create(s.substring(0, hash));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--balance " + s + ": not a URL before the #");
      }
      return new BalanceSource(url.getRawAuthority() + url.getRawPath() + "#" + pointer, Kind.POINTER, url, pointer, scale);
    }
    throw new IllegalArgumentException("--balance " + s + ": expected new-api[:QUOTA_PER_USD], one-api[:QUOTA_PER_USD], openai"
        + " or URL#/json/pointer[*scale]");
  }

  private static double number(String text, String what) {
    try {
      double v = Double.parseDouble(text.trim());
      if (v > 0 && !Double.isInfinite(v)) return v;
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(what + " must be a number > 0, got '" + text.trim() + "'");
  }
}
