package dev.relaytck.recordings.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.recordings.format.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Drives the installed Claude Code CLI through the scripted coding session against a loopback
 * capture server, checks that the session succeeded, and writes the sanitised requests the CLI sent
 * (and the replies that worked) as resources for the Claude Code profile.
 *
 * <p>Two modes, each written to its own folder under {@code --out}: {@code print} ({@code claude -p
 * … --output-format json --permission-mode acceptEdits}, as CI runs it) and {@code interactive} (the
 * terminal interface in a private tmux server, default permission mode, as most users run it).
 *
 * <p>Usage: {@code CaptureClaudeCode --claude PATH --out DIR [--mode print|interactive|all]
 * [--timeout-seconds N] [--strace PATH] [--tmux PATH]}; run through {@code tools/claude-code/capture.sh}.
 * Exit 0 when every session succeeded and was written, 1 when one did not (nothing written for it),
 * 2 on bad arguments.
 */
public final class CaptureClaudeCode {

  static final String ORIGINAL = "return \"hello, world\";";
  static final String EDITED = "return \"hello, relay\";";
  static final String PROMPT = "In src/Greeting.java, make greet() return \"hello, relay\" instead of \"hello, world\".";
  /** Not a credential: the capture server accepts anything, and the sanitiser redacts it anyway. */
  static final String TOKEN = "relay-tck-capture-placeholder-token";
  static final String SESSION_ROOT = "/tmp/relay-tck-session";
  /** After the edit, the interactive session shows its context usage, which the CLI computes with count_tokens. */
  static final List<String> FOLLOW_UPS = List.of("/context");

  /** How the CLI is run; the name is the output folder. */
  public enum Mode { PRINT, INTERACTIVE }

  private CaptureClaudeCode() {}

  public static void main(String[] args) throws Exception {
    Options options = new Options();
    List<Mode> modes = List.of(Mode.PRINT, Mode.INTERACTIVE);
    Path out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--claude" -> options.claude = Path.of(args[++i]).toAbsolutePath().toString();
          case "--out" -> out = Path.of(args[++i]);
          case "--timeout-seconds" -> options.timeoutSeconds = Long.parseLong(args[++i]);
          case "--strace" -> options.strace = args[++i];
          case "--tmux" -> options.tmux = args[++i];
          case "--mode" -> {
            String mode = args[++i];
            modes = mode.equals("all") ? modes : List.of(Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
          }
          default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
      }
      if (options.claude == null || out == null) {
        throw new IllegalArgumentException("--claude and --out are required");
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException bad) {
      System.err.println(bad.getMessage() + "\nusage: CaptureClaudeCode --claude PATH --out DIR"
          + " [--mode print|interactive|all] [--timeout-seconds N] [--strace PATH] [--tmux PATH]");
      System.exit(2);
      return;
    }
    int exit = 0;
    for (Mode mode : modes) {
      if (mode == Mode.INTERACTIVE && options.tmux == null) {
        System.err.println("interactive capture skipped: tmux not given (--tmux PATH)");
        continue;
      }
      exit = Math.max(exit, run(options, mode, out.resolve(mode.name().toLowerCase(Locale.ROOT))));
    }
    System.exit(exit);
  }

  /** How to run the CLI. */
  static final class Options {
    String claude;
    long timeoutSeconds = 180;
    String strace;
    String tmux;
  }

  static int run(Options options, Mode mode, Path out) throws IOException, InterruptedException {
    ObjectMapper json = new ObjectMapper();
    // A name of fixed length, so the paths the CLI echoes into its prompt keep the same length on
    // every capture and the neutral text that replaces the prompt stays put between re-captures.
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
    Path root = Files.createDirectory(tmp.resolve(String.format(Locale.ROOT, "relay-tck-capture-%08x",
        new SecureRandom().nextInt())));
    try {
      Path home = Files.createDirectories(root.resolve("home"));
      Path project = Files.createDirectories(root.resolve("project"));
      Path file = Files.createDirectories(project.resolve("src")).resolve("Greeting.java");
      Files.writeString(file, "public class Greeting {\n  public static String greet() {\n    " + ORIGINAL + "\n  }\n}\n");

      CodingSessionScript script = new CodingSessionScript(json, file, ORIGINAL, EDITED);
      SessionOutcome outcome;
      List<ClaudeCodeCaptureServer.Exchange> exchanges;
      try (ClaudeCodeCaptureServer server = new ClaudeCodeCaptureServer(json, script)) {
        Map<String, String> env = environment(server.baseUrl(), home);
        outcome = mode == Mode.PRINT
            ? runPrint(json, options, env, project, root)
            : runInteractive(options, env, project, root, server);
        exchanges = server.exchanges();
      }
      boolean edited = Files.readString(file).contains(EDITED);
      System.err.printf(Locale.ROOT, "%s: claude exit %s, result %s, %d requests, file edited: %s%n",
          mode, outcome.exitCode(), outcome.subtype(), exchanges.size(), edited);
      exchanges.forEach(e -> System.err.println("  " + e.request().method() + " " + e.request().path()
          + (e.request().query() == null ? "" : "?" + e.request().query()) + " -> " + e.kind() + " " + e.status()));
      if (!outcome.connects().leftLoopback().isEmpty()) {
        System.err.println("the CLI tried to leave loopback: " + outcome.connects().leftLoopback());
        return 1;
      }
      if (!outcome.succeeded() || !edited) {
        System.err.println("the scripted session did not succeed; the CLI said:\n" + outcome.log());
        return 1;
      }
      // The replies as they are stored name the stand-in path, not this machine's temporary folder.
      CodingSessionScript stored = new CodingSessionScript(json,
          Path.of(SESSION_ROOT).resolve(root.relativize(file)), ORIGINAL, EDITED);
      write(json, out, mode, exchanges, stored, Map.of(root.toString(), SESSION_ROOT), outcome);
      System.err.println("wrote " + out);
      return 0;
    } finally {
      deleteTree(root);
    }
  }

  /**
   * What the session ended with. {@code exitCode}, {@code subtype}, {@code isError} and
   * {@code numTurns} come from the JSON result in print mode; interactive mode has no result object,
   * so there it records whether the final text reached the screen.
   */
  record SessionOutcome(Integer exitCode, String subtype, boolean isError, int numTurns, String log,
      ConnectTrace connects) {
    boolean succeeded() {
      return !isError && "success".equals(subtype) && (exitCode == null || exitCode == 0);
    }
  }

  /** Nothing of the caller's environment (keys, proxies, config folders) reaches the CLI. */
  static Map<String, String> environment(String baseUrl, Path home) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("HOME", home.toString());
    env.put("TERM", "xterm-256color");
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_AUTH_TOKEN", TOKEN);
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    // Interactive sessions otherwise fetch the official plugin marketplace (github.com, downloads.claude.ai).
    env.put("CLAUDE_CODE_DISABLE_OFFICIAL_MARKETPLACE_AUTOINSTALL", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    return env;
  }

  private static List<String> traced(Options options, Path trace, List<String> command) {
    List<String> full = new ArrayList<>();
    if (options.strace != null) {
      // Every connect() the CLI and its children attempt, to prove nothing leaves loopback.
      full.addAll(List.of(options.strace, "-f", "-qq", "-e", "trace=connect", "-o", trace.toString()));
    }
    full.addAll(command);
    return full;
  }

  static SessionOutcome runPrint(ObjectMapper json, Options options, Map<String, String> env, Path project, Path root)
      throws IOException, InterruptedException {
    Path trace = root.resolve("connect.trace");
    ProcessBuilder builder = new ProcessBuilder(traced(options, trace, List.of(options.claude, "-p", PROMPT,
        "--output-format", "json", "--permission-mode", "acceptEdits")));
    builder.directory(project.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Path stdout = root.resolve("cli.stdout");
    Path stderr = root.resolve("cli.stderr");
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process process = builder.start();
    if (!process.waitFor(options.timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new SessionOutcome(null, "timeout after " + options.timeoutSeconds + " s", true, 0,
          Files.readString(stderr), ConnectTrace.read(options.strace == null ? null : trace));
    }
    String text = Files.readString(stdout);
    JsonNode result;
    try {
      result = json.readTree(text);
    } catch (IOException notJson) {
      result = json.createObjectNode();
    }
    return new SessionOutcome(process.exitValue(), result.path("subtype").asText("no JSON result: " + text.strip()),
        result.path("is_error").asBoolean(true), result.path("num_turns").asInt(), Files.readString(stderr),
        ConnectTrace.read(options.strace == null ? null : trace));
  }

  static SessionOutcome runInteractive(Options options, Map<String, String> env, Path project, Path root,
      ClaudeCodeCaptureServer server) throws IOException, InterruptedException {
    Path trace = root.resolve("connect.trace");
    String socket = root.getFileName().toString();
    String screen;
    try (InteractiveDriver driver = new InteractiveDriver(options.tmux, socket, env)) {
      screen = driver.run(traced(options, trace, List.of(options.claude)), project, PROMPT,
          () -> server.exchanges().stream().anyMatch(e -> e.kind() == CodingSessionScript.Kind.MAIN_FINAL),
          CodingSessionScript.FINAL_TEXT, FOLLOW_UPS, () -> server.exchanges().size(), options.timeoutSeconds);
    }
    long turns = server.exchanges().stream().filter(e -> e.kind().name().startsWith("MAIN_")).count();
    // /context ran after the session: its requests are part of the capture, not of the turn count.
    // The screen wraps long lines; compare without line breaks and indentation.
    boolean shown = screen.replaceAll("\\s+", " ").contains(CodingSessionScript.FINAL_TEXT);
    return new SessionOutcome(null, shown ? "success" : "final text not shown", !shown, (int) turns, screen,
        ConnectTrace.read(options.strace == null ? null : trace));
  }

  static void write(ObjectMapper json, Path out, Mode mode, List<ClaudeCodeCaptureServer.Exchange> exchanges,
      CodingSessionScript script, Map<String, String> literals, SessionOutcome outcome) throws IOException {
    ObjectMapper pretty = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    CaptureSanitiser sanitiser = new CaptureSanitiser(json, literals);
    Path requests = out.resolve("requests");
    Path responses = out.resolve("responses");
    deleteTree(requests);
    deleteTree(responses);
    Files.createDirectories(requests);
    Files.createDirectories(responses);
    ObjectNode session = json.createObjectNode();
    session.put("mode", mode.name().toLowerCase(Locale.ROOT)).put("prompt", PROMPT);
    if (outcome.exitCode() != null) {
      session.put("exitCode", outcome.exitCode());
    }
    session.put("subtype", outcome.subtype()).put("isError", outcome.isError()).put("numTurns", outcome.numTurns())
        .put("fileEdited", true).put("connectTraced", outcome.connects().traced());
    ArrayNode remote = session.putArray("nonLoopbackConnects");
    outcome.connects().leftLoopback().forEach(remote::add);
    ArrayNode list = session.putArray("requests");
    int n = 0;
    for (ClaudeCodeCaptureServer.Exchange exchange : concurrentBurstsSorted(exchanges, sanitiser, pretty)) {
      n++;
      RecordedRequest clean = sanitiser.sanitise(exchange.request());
      String name = String.format(Locale.ROOT, "%02d-%s-%s", n, exchange.request().method().toLowerCase(Locale.ROOT),
          exchange.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
      Files.writeString(requests.resolve(name + ".json"), pretty.writeValueAsString(clean) + "\n");
      list.addObject().put("file", "requests/" + name + ".json").put("method", clean.method())
          .put("path", clean.path()).put("query", clean.query()).put("kind", exchange.kind().name())
          .put("status", exchange.status());
      if (exchange.request().body() instanceof ObjectNode body && exchange.request().path().equals("/v1/messages")) {
        CodingSessionScript.Reply reply = script.reply(body, n);
        Files.writeString(responses.resolve(name + (reply.contentType().startsWith("text/event-stream") ? ".sse" : ".json")),
            reply.body(), StandardCharsets.UTF_8);
      }
    }
    Files.writeString(out.resolve("session.json"), pretty.writeValueAsString(session) + "\n");
  }

  /**
   * The CLI sends count_tokens requests concurrently, so their arrival order changes from run to run;
   * each consecutive run of them is put in the order of their sanitised content, so that a re-capture
   * of the same version is byte-identical.
   */
  static List<ClaudeCodeCaptureServer.Exchange> concurrentBurstsSorted(List<ClaudeCodeCaptureServer.Exchange> exchanges,
      CaptureSanitiser sanitiser, ObjectMapper json) throws IOException {
    List<ClaudeCodeCaptureServer.Exchange> ordered = new ArrayList<>();
    List<Map.Entry<String, ClaudeCodeCaptureServer.Exchange>> burst = new ArrayList<>();
    for (ClaudeCodeCaptureServer.Exchange exchange : exchanges) {
      if (exchange.kind() == CodingSessionScript.Kind.COUNT_TOKENS) {
        burst.add(Map.entry(json.writeValueAsString(sanitiser.sanitise(exchange.request())), exchange));
        continue;
      }
      flush(burst, ordered);
      ordered.add(exchange);
    }
    flush(burst, ordered);
    return ordered;
  }

  private static void flush(List<Map.Entry<String, ClaudeCodeCaptureServer.Exchange>> burst,
      List<ClaudeCodeCaptureServer.Exchange> ordered) {
    burst.sort(Map.Entry.comparingByKey());
    burst.forEach(entry -> ordered.add(entry.getValue()));
    burst.clear();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
