package dev.relaytck.target;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The relay under test and how to talk to it. The same keys work as JUnit configuration
 * parameters, system properties ({@code -Drelaytck.baseUrl=...}), environment variables
 * ({@code RELAYTCK_BASE_URL}) and lines of a properties file named by {@code relaytck.config};
 * the runner sets them as configuration parameters. Precedence: parameter / system property,
 * then environment, then the file. Credentials default to {@code ANTHROPIC_API_KEY} /
 * {@code ANTHROPIC_AUTH_TOKEN} from the environment; {@code ANTHROPIC_BASE_URL} is never read.
 *
 * @param replayUrl the replay upstream the relay is fronted on: set means hermetic mode
 * @param model the model to request instead of the recording's, or {@code null}
 * @param modelMap declared renames the relay performs (requested model to served model)
 * @param headers extra client headers some relays require
 * @param capabilities capabilities the target declares present (e.g. {@code open-relay})
 * @param absent capabilities the target declares absent (e.g. {@code count-tokens}): their checks are skipped, saying so
 * @param timeScale factor the replay upstream applies to recorded pacing (0.01 = 100 times faster)
 */
public record TargetConfig(
    URI baseUrl,
    AuthStyle authStyle,
    Secret secret,
    URI replayUrl,
    String model,
    Map<String, String> modelMap,
    Map<String, String> headers,
    Set<String> capabilities,
    Set<String> absent,
    List<String> profiles,
    Timeouts timeouts,
    double timeScale) {

  public static final String BASE_URL = "relaytck.baseUrl";
  public static final String AUTH_STYLE = "relaytck.authStyle";
  public static final String API_KEY = "relaytck.apiKey";
  public static final String AUTH_TOKEN = "relaytck.authToken";
  public static final String REPLAY_URL = "relaytck.replayUrl";
  public static final String MODEL = "relaytck.model";
  public static final String MODEL_MAP = "relaytck.modelMap";
  public static final String HEADERS = "relaytck.headers";
  public static final String CAPABILITIES = "relaytck.capabilities";
  public static final String PROFILES = "relaytck.profiles";
  public static final String TIMEOUT_CONNECT = "relaytck.timeout.connectMs";
  public static final String TIMEOUT_HEADERS = "relaytck.timeout.headersMs";
  public static final String TIMEOUT_IDLE = "relaytck.timeout.idleMs";
  public static final String TIMEOUT_TOTAL = "relaytck.timeout.totalMs";
  public static final String TIME_SCALE = "relaytck.timeScale";
  public static final String CONFIG_FILE = "relaytck.config";

  public TargetConfig {
    modelMap = Collections.unmodifiableMap(new LinkedHashMap<>(modelMap));
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    capabilities = Collections.unmodifiableSet(new LinkedHashSet<>(capabilities));
    absent = Collections.unmodifiableSet(new LinkedHashSet<>(absent));
    profiles = List.copyOf(profiles);
    if (authStyle != AuthStyle.NONE && secret == null) {
      throw new ConfigException("auth style " + authStyle + " needs a credential ("
          + (authStyle == AuthStyle.BEARER ? AUTH_TOKEN + " or ANTHROPIC_AUTH_TOKEN" : API_KEY + " or ANTHROPIC_API_KEY") + ")");
    }
  }

  /** Bad configuration: a usage error (exit 2), never a failed check. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }

  public boolean hermetic() {
    return replayUrl != null;
  }

  public String mode() {
    return hermetic() ? "hermetic" : "live";
  }

  /** The model the relay is expected to serve for {@code requested}: the declared mapping, else itself. */
  public String mappedModel(String requested) {
    return modelMap.getOrDefault(requested, requested);
  }

  /** Whether the target is configured at all; without a base URL the shipped suite does not run. */
  public static boolean configured(Function<String, Optional<String>> parameters) {
    return parameters.apply(BASE_URL).filter(s -> !s.isBlank()).isPresent()
        || Optional.ofNullable(System.getProperty(BASE_URL)).filter(s -> !s.isBlank()).isPresent();
  }

  /** Reads the configuration from system properties and the environment only. */
  public static TargetConfig fromSystem() {
    return load(key -> Optional.empty(), System.getenv());
  }

  /**
   * Reads the configuration.
   *
   * @param parameters JUnit configuration parameters or any other first-choice source
   * @param environment the process environment (a parameter so tests can pass their own)
   */
  public static TargetConfig load(Function<String, Optional<String>> parameters, Map<String, String> environment) {
    return load(parameters, environment, System::getProperty);
  }

  /**
   * Reads the configuration from {@code parameters} only: no environment, no system property.
   * What the runner's suite uses, so that only what {@code run} was given configures a run.
   */
  public static TargetConfig loadOnly(Function<String, Optional<String>> parameters) {
    return load(parameters, Map.of(), key -> null);
  }

  private static TargetConfig load(Function<String, Optional<String>> parameters, Map<String, String> environment,
      Function<String, String> systemProperties) {
    Function<String, Optional<String>> first = key -> parameters.apply(key)
        .or(() -> Optional.ofNullable(systemProperties.apply(key)))
        .or(() -> Optional.ofNullable(environment.get(envName(key))))
        .filter(v -> !v.isBlank());
    Properties file = first.apply(CONFIG_FILE).map(TargetConfig::readFile).orElseGet(Properties::new);
    Function<String, Optional<String>> get = key -> first.apply(key)
        .or(() -> Optional.ofNullable(file.getProperty(key)).filter(v -> !v.isBlank()));

    URI baseUrl = get.apply(BASE_URL).map(v -> uri(BASE_URL, v))
        .orElseThrow(() -> new ConfigException("no target: set " + BASE_URL + " (or --base-url)"));
    URI replayUrl = get.apply(REPLAY_URL).map(v -> uri(REPLAY_URL, v)).orElse(null);

    Optional<String> apiKey = get.apply(API_KEY).or(() -> Optional.ofNullable(environment.get("ANTHROPIC_API_KEY")));
    Optional<String> token = get.apply(AUTH_TOKEN).or(() -> Optional.ofNullable(environment.get("ANTHROPIC_AUTH_TOKEN")));
    AuthStyle style = get.apply(AUTH_STYLE).map(TargetConfig::authStyle)
        .orElse(token.filter(t -> !t.isBlank()).isPresent() && apiKey.filter(k -> !k.isBlank()).isEmpty()
            ? AuthStyle.BEARER
            : apiKey.filter(k -> !k.isBlank()).isPresent() ? AuthStyle.API_KEY : AuthStyle.NONE);
    Secret secret = switch (style) {
      case API_KEY -> apiKey.filter(k -> !k.isBlank()).map(Secret::of).orElse(null);
      case BEARER -> token.filter(t -> !t.isBlank()).map(Secret::of).orElse(null);
      case NONE -> null;
    };

    Set<String> capabilities = new LinkedHashSet<>();
    Set<String> absent = new LinkedHashSet<>();
    for (String c : list(get.apply(CAPABILITIES).orElse(""))) {
      if (c.startsWith("-") || c.startsWith("!")) absent.add(c.substring(1).toLowerCase(Locale.ROOT));
      else capabilities.add(c.toLowerCase(Locale.ROOT));
    }
    List<String> profiles = list(get.apply(PROFILES).orElse("core"));
    Timeouts timeouts = new Timeouts(
        millis(get, TIMEOUT_CONNECT, Timeouts.DEFAULT.connect()),
        millis(get, TIMEOUT_HEADERS, Timeouts.DEFAULT.headers()),
        millis(get, TIMEOUT_IDLE, Timeouts.DEFAULT.idle()),
        millis(get, TIMEOUT_TOTAL, Timeouts.DEFAULT.total()));
    double timeScale = get.apply(TIME_SCALE).map(v -> number(TIME_SCALE, v)).orElse(1.0);
    if (!(timeScale > 0)) throw new ConfigException(TIME_SCALE + " must be > 0, got " + timeScale);

    return new TargetConfig(baseUrl, style, secret, replayUrl,
        get.apply(MODEL).orElse(null), pairs(MODEL_MAP, get.apply(MODEL_MAP).orElse(""), '='),
        headers(get.apply(HEADERS).orElse("")), capabilities, absent, profiles, timeouts, timeScale);
  }

  /** {@code relaytck.baseUrl} to {@code RELAYTCK_BASE_URL}. */
  public static String envName(String key) {
    StringBuilder s = new StringBuilder();
    for (char c : key.toCharArray()) {
      if (c == '.') s.append('_');
      else if (Character.isUpperCase(c)) s.append('_').append(c);
      else s.append(Character.toUpperCase(c));
    }
    return s.toString();
  }

  private static Properties readFile(String path) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
    }
    return p;
  }

  private static URI uri(String key, String value) {
    try {
      URI u = URI.create(value.trim());
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
        throw new IllegalArgumentException("not an http(s) URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + " must be an http(s) URL, got '" + value + "'");
    }
  }

  private static AuthStyle authStyle(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "api-key", "x-api-key", "apikey" -> AuthStyle.API_KEY;
      case "bearer", "auth-token" -> AuthStyle.BEARER;
      case "none" -> AuthStyle.NONE;
      default -> throw new ConfigException(AUTH_STYLE + " must be api-key, bearer or none, got '" + v + "'");
    };
  }

  private static Duration millis(Function<String, Optional<String>> get, String key, Duration fallback) {
    return get.apply(key).map(v -> {
      double ms = number(key, v);
      if (!(ms > 0)) throw new ConfigException(key + " must be > 0 ms, got " + v);
      return Duration.ofMillis((long) ms);
    }).orElse(fallback);
  }

  private static double number(String key, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a number, got '" + v + "'");
    }
  }

  private static List<String> list(String v) {
    List<String> out = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.isBlank()) out.add(s.trim());
    }
    return out;
  }

  private static Map<String, String> pairs(String key, String v, char sep) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : list(v)) {
      int i = s.indexOf(sep);
      if (i <= 0 || i == s.length() - 1) throw new ConfigException(key + " entries must be A" + sep + "B, got '" + s + "'");
      out.put(s.substring(0, i).trim(), s.substring(i + 1).trim());
    }
    return out;
  }

  /** Headers are separated by newlines or semicolons: values such as anthropic-beta contain commas. */
  private static Map<String, String> headers(String v) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String s : v.split("[;\\n]")) {
      if (s.isBlank()) continue;
      int i = s.indexOf(':');
      if (i <= 0) throw new ConfigException(HEADERS + " entries must be Name:Value, got '" + s.trim() + "'");
      out.put(s.substring(0, i).trim(), s.substring(i + 1).trim());
    }
    return out;
  }

  /** Never shows the credential. */
  @Override
  public String toString() {
    return "TargetConfig[baseUrl=" + baseUrl + ", mode=" + mode() + ", auth=" + authStyle + ", model=" + model
        + ", modelMap=" + modelMap + ", headers=" + headers.keySet() + ", capabilities=" + capabilities
        + ", absent=" + absent + ", profiles=" + profiles + ", timeouts=" + timeouts + ", timeScale=" + timeScale + "]";
  }
}
