package dev.relaytck.security;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioRequests;
import dev.relaytck.target.Exchange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SEC-030, hermetic: {@code --concurrency} requests in flight at once, each a different recorded
 * scenario (so each has its own prompt, length and answer) with its own nonce. Every answer
 * must be its own scenario's: its content, its {@code usage.input_tokens}, and a message id no
 * other answer carries. An answer that is another request's recording is a crossed session,
 * reported with both exchanges.
 */
public final class SessionIsolation {
  public static final int DEFAULT_CONCURRENCY = 8;

  /**
   * @param distinct how many of the requests had an answer no other request's recording shares (a swap among them is detectable)
   */
  public record Result(int requests, int distinct, List<Finding> crossed, List<String> unreadable, List<Map<String, Object>> exchanges) {}

  private SessionIsolation() {}

  public static int concurrency(RunContext run) {
    return run.setting(EvidenceSettings.CONCURRENCY).map(Integer::parseInt).filter(n -> n > 0).orElse(DEFAULT_CONCURRENCY);
  }

  /**
   * The non-streaming comparable scenarios whose answers tell each other apart: no recording
   * {@link #belongsTo} another's, so an answer that carries another request's recording is
   * recognised as that request's even when content was added to it (SEC-020's concern, not this).
   */
  static List<Scenario> distinctAnswers(RunContext run) {
    List<Scenario> out = new ArrayList<>();
    for (Scenario s : RecordedScenarios.comparable(run)) {
      if (s.streaming()) continue;
      MessageView m = RecordedScenarios.expected(s).get();
      if (features(m).isEmpty()) continue;
      boolean distinct = out.stream().map(o -> RecordedScenarios.expected(o).get())
          .noneMatch(o -> belongsTo(m, o) || belongsTo(o, m));
      if (distinct) out.add(s);
    }
    return out;
  }

  /** What identifies a recorded answer: its non-empty text blocks and its tool call ids. */
  static List<String> features(MessageView m) {
    List<String> f = new ArrayList<>();
    for (MessageView.Block b : m.blocks()) {
      if ("text".equals(b.type()) && b.text() != null && !b.text().isBlank()) f.add("text:" + b.text());
      if (b.toolUse() && b.toolId() != null) f.add("tool:" + b.toolId());
    }
    return f;
  }

  /** Whether {@code answer} carries every identifying feature of {@code recording} (text contained, tool ids present). */
  static boolean belongsTo(MessageView answer, MessageView recording) {
    List<String> want = features(recording);
    if (want.isEmpty()) return false;
    String text = answer.text();
    List<String> toolIds = answer.toolUses().stream().map(MessageView.Block::toolId).toList();
    for (String f : want) {
      if (f.startsWith("text:") && !text.contains(f.substring(5))) return false;
      if (f.startsWith("tool:") && !toolIds.contains(f.substring(5))) return false;
    }
    return true;
  }

  public static Result hermetic(RunContext run) {
    List<Scenario> pool = distinctAnswers(run);
    int n = concurrency(run);
    List<Scenario> chosen = new ArrayList<>();
    for (int i = 0; i < n && !pool.isEmpty(); i++) chosen.add(pool.get(i % pool.size()));
    List<Supplier<Exchange>> tasks = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      Scenario s = chosen.get(i);
      String label = "sec-030#" + i + " " + s.id();
      tasks.add(() -> run.client().send(label, ScenarioRequests.build(s, run.config(), s.freshMarker())));
    }
    List<Exchange> answers = Concurrent.all(tasks, run.config().timeouts().total().plusSeconds(30));
    List<Finding> crossed = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<Map<String, Object>> evidence = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    int distinct = (int) chosen.stream().distinct().count();
    for (int i = 0; i < chosen.size(); i++) {
      Scenario own = chosen.get(i);
      Exchange e = answers.get(i);
      Optional<MessageView> got = MessageView.of(e);
      if (got.isEmpty()) {
        unreadable.add(e.label() + ": " + e.summary());
        continue;
      }
      MessageView want = RecordedScenarios.expected(own).get();
      Map<String, Object> ex = new LinkedHashMap<>();
      ex.put("request", e.label());
      ex.put("inputTokens", got.get().inputTokens());
      ex.put("messageId", got.get().id());
      evidence.add(ex);
      if (!belongsTo(got.get(), want)) {
        Optional<Scenario> other = pool.stream().filter(o -> o != own && belongsTo(got.get(), RecordedScenarios.expected(o).get())).findFirst();
        if (other.isPresent()) {
          crossed.add(new Finding(e.label(), "response", "the answer is the recording of another request in flight ("
              + other.get().id() + "), not this request's (" + own.id() + ")", ByteDiff.of(want.text(), got.get().text()), List.of()));
          ex.put("crossedWith", other.get().id());
        } else {
          // Changed, but into nobody else's answer: content integrity (SEC-010, SEC-020) reports it.
          unreadable.add(e.label() + ": the answer matches no request's recording (changed content; see SEC-010 and SEC-020)");
        }
        continue;
      }
      if (want.inputTokens() >= 0 && got.get().inputTokens() != want.inputTokens()) {
        crossed.add(new Finding(e.label(), "usage.input_tokens", "input_tokens " + got.get().inputTokens()
            + " is not this request's own count " + want.inputTokens(), null, List.of()));
      }
      String id = got.get().id();
      String wantId = want.id();
      if (id != null && Objects.equals(id, wantId)) {
        // Recorded ids repeat when a scenario repeats; only a foreign id is a crossing.
        String first = ids.putIfAbsent(id, own.id());
        if (first != null && !first.equals(own.id())) {
          crossed.add(new Finding(e.label(), "message id", "message id " + id + " also answered " + first, null, List.of()));
        }
      }
    }
    return new Result(chosen.size(), distinct, crossed, unreadable, evidence);
  }

  /**
   * Live: each request asks for its own nonce back and carries a padding of a different length;
   * an answer with another request's nonce, or input token counts out of the order of the prompt
   * lengths, is a crossing. A model that does not echo its nonce is not evidence.
   */
  public static Result live(RunContext run) {
    int n = concurrency(run);
    List<String> nonces = new ArrayList<>();
    List<Supplier<Exchange>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String nonce = "CODE-" + dev.relaytck.recordings.format.MarkerPlacement.freshNonce();
      nonces.add(nonce);
      com.fasterxml.jackson.databind.node.ObjectNode body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
      body.put("model", LiveProbes.model(run));
      body.put("max_tokens", 30);
      body.putArray("messages").addObject().put("role", "user").put("content", "Notes (ignore): " + LiveProbes.padding(20 + 40 * i)
          + "\n\nReply with exactly this code and nothing else: " + nonce);
      String label = "sec-030#" + i;
      tasks.add(() -> run.client().send(label, LiveProbes.post(body)));
    }
    List<Exchange> answers = Concurrent.all(tasks, run.config().timeouts().total().plusSeconds(30));
    List<Finding> crossed = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<Map<String, Object>> evidence = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    long previousTokens = -1;
    String previousLabel = null;
    for (int i = 0; i < n; i++) {
      Exchange e = answers.get(i);
      Optional<MessageView> got = MessageView.of(e);
      if (got.isEmpty()) {
        unreadable.add(e.label() + ": " + e.summary());
        continue;
      }
      String text = got.get().text();
      Map<String, Object> ex = new LinkedHashMap<>();
      ex.put("request", e.label());
      ex.put("nonce", nonces.get(i));
      ex.put("inputTokens", got.get().inputTokens());
      ex.put("messageId", got.get().id());
      evidence.add(ex);
      for (int j = 0; j < n; j++) {
        if (j != i && text.contains(nonces.get(j))) {
          crossed.add(new Finding(e.label(), "response text", "the answer carries the nonce of request sec-030#" + j
              + " (" + nonces.get(j) + "), not its own (" + nonces.get(i) + ")", ByteDiff.of(nonces.get(i), text.strip()), List.of()));
        }
      }
      long tokens = got.get().inputTokens();
      if (tokens > 0 && previousTokens > 0 && tokens <= previousTokens) {
        crossed.add(new Finding(e.label(), "usage.input_tokens", "input_tokens " + tokens + " is not above " + previousTokens
            + " of the shorter prompt " + previousLabel + ": the usage belongs to another request", null, List.of()));
      }
      if (tokens > 0) {
        previousTokens = tokens;
        previousLabel = e.label();
      }
      String id = got.get().id();
      if (id != null) {
        String first = ids.putIfAbsent(id, e.label());
        if (first != null) crossed.add(new Finding(e.label(), "message id", "message id " + id + " also answered " + first, null, List.of()));
      }
    }
    return new Result(n, n, crossed, unreadable, evidence);
  }
}
