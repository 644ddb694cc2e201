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
 * <p>Usage: {@code CaptureClaudeCode --claude PATH --out DIR [--timeout-seconds N]}; run through
 * {@code tools/claude-code/capture.sh}. Exit 0 when the session succeeded and the capture was
 * written, 1 when the session did not succeed (nothing written), 2 on bad arguments.
 */
public final class CaptureClaudeCode {

  static final String ORIGINAL = "return \"hello, world\";";
  static final String EDITED = "return \"hello, relay\";";
  static final String PROMPT = "In src/Greeting.java, make greet() return \"hello, relay\" instead of \"hello, world\".";
  /** Not a credential: the capture server accepts anything, and the sanitiser redacts it anyway. */
  static final String TOKEN = "relay-tck-capture-placeholder-token";
  static final String SESSION_ROOT = "/tmp/relay-tck-session";

  private CaptureClaudeCode() {}

  public static void main(String[] args) throws Exception {
    String claude = null;
    Path out = null;
    long timeoutSeconds = 180;
    String strace = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--claude" -> claude = Path.of(args[++i]).toAbsolutePath().toString();
        case "--out" -> out = Path.of(args[++i]);
        case "--timeout-seconds" -> timeoutSeconds = Long.parseLong(args[++i]);
        case "--strace" -> strace = args[++i];
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    if (claude == null || out == null) {
      System.err.println("usage: CaptureClaudeCode --claude PATH --out DIR [--timeout-seconds N] [--strace PATH]");
      System.exit(2);
    }
    System.exit(run(claude, out, timeoutSeconds, strace));
  }

  static int run(String claude, Path out, long timeoutSeconds, String strace) throws IOException, InterruptedException {
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
        outcome = runCli(json, claude, strace, server.baseUrl(), home, project, root, timeoutSeconds);
        exchanges = server.exchanges();
      }
      boolean edited = Files.readString(file).contains(EDITED);
      System.err.printf(Locale.ROOT, "claude exit %s, result %s, %d requests, file edited: %s%n",
          outcome.exitCode(), outcome.subtype(), exchanges.size(), edited);
      exchanges.forEach(e -> System.err.println("  " + e.request().method() + " " + e.request().path()
          + (e.request().query() == null ? "" : "?" + e.request().query()) + " -> " + e.kind() + " " + e.status()));
      if (!outcome.connects().leftLoopback().isEmpty()) {
        System.err.println("the CLI tried to leave loopback: " + outcome.connects().leftLoopback());
        return 1;
      }
      if (outcome.exitCode() == null || outcome.exitCode() != 0 || !"success".equals(outcome.subtype())
          || outcome.isError() || !edited) {
        System.err.println("the scripted session did not succeed; stderr of the CLI:\n" + outcome.stderr());
        return 1;
      }
      // The replies as they are stored name the stand-in path, not this machine's temporary folder.
      CodingSessionScript stored = new CodingSessionScript(json,
          Path.of(SESSION_ROOT).resolve(root.relativize(file)), ORIGINAL, EDITED);
      write(json, out, exchanges, stored, Map.of(root.toString(), SESSION_ROOT), outcome);
      System.err.println("wrote " + out);
      return 0;
    } finally {
      deleteTree(root);
    }
  }

  record SessionOutcome(Integer exitCode, String subtype, boolean isError, int numTurns, String stderr,
      ConnectTrace connects) {}

  static SessionOutcome runCli(ObjectMapper json, String claude, String strace, String baseUrl, Path home, Path project, Path root,
      long timeoutSeconds) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    Path trace = root.resolve("connect.trace");
    if (strace != null) {
      // Every connect() the CLI and its children attempt, to prove nothing leaves loopback.
      command.addAll(List.of(strace, "-f", "-qq", "-e", "trace=connect", "-o", trace.toString()));
    }
    command.addAll(List.of(claude, "-p", PROMPT, "--output-format", "json", "--permission-mode", "acceptEdits"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(project.toFile());
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/bin:/bin");
    env.clear(); // nothing of the caller's environment (keys, proxies, config dirs) reaches the CLI
    env.put("PATH", path);
    env.put("HOME", home.toString());
    env.put("ANTHROPIC_BASE_URL", baseUrl);
    env.put("ANTHROPIC_AUTH_TOKEN", TOKEN);
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("DISABLE_AUTOUPDATER", "1");
    Path stdout = root.resolve("cli.stdout");
    Path stderr = root.resolve("cli.stderr");
    builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile()));
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new SessionOutcome(null, "timeout after " + timeoutSeconds + " s", true, 0, Files.readString(stderr),
          ConnectTrace.read(strace == null ? null : trace));
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
        ConnectTrace.read(strace == null ? null : trace));
  }

  static void write(ObjectMapper json, Path out, List<ClaudeCodeCaptureServer.Exchange> exchanges,
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
    session.put("prompt", PROMPT).put("exitCode", outcome.exitCode()).put("subtype", outcome.subtype())
        .put("isError", outcome.isError()).put("numTurns", outcome.numTurns()).put("fileEdited", true)
        .put("connectTraced", outcome.connects().traced());
    ArrayNode remote = session.putArray("nonLoopbackConnects");
    outcome.connects().leftLoopback().forEach(remote::add);
    ArrayNode list = session.putArray("requests");
    int n = 0;
    for (ClaudeCodeCaptureServer.Exchange exchange : exchanges) {
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
