package dev.relaytck.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.check.RunContext;
import dev.relaytck.identity.Reference;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BILL-010 against an identity reference ({@code --reference DIR}): a few of its probes, sent
 * through the relay as recorded (not streamed, a few output tokens), must together report as many
 * prompt tokens as the official API's count_tokens said for them when the reference was recorded. A relay that
 * inflates usage and its own count_tokens alike agrees with itself; it cannot agree with this.
 */
public final class ReferenceCounts {
  /** Up to this many probes are sent, the largest within {@link #MAX_PROBE_TOKENS}; their totals are compared. */
  static final int MAX_PROBES = 6;
  /** Long-context probes (tens of thousands of tokens) would cost more than the comparison is worth. */
  static final long MAX_PROBE_TOKENS = 2000;
  /** Output is not what is compared: a few tokens keep the probes cheap (thinking probes keep theirs). */
  static final int MAX_TOKENS = 16;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReferenceCounts() {}

  /** One probe: what the reference counted and what the relay's usage reported (-1 when it reported none). */
  public record Row(String probe, long reference, long reported, String answer) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("probe", probe);
      m.put("referenceCount", reference);
      m.put("reportedPromptTokens", reported);
      if (reported < 0) m.put("answer", answer);
      return m;
    }
  }

  /**
   * @param state {@code compared}, {@code none} (no --reference), {@code unusable} (unreadable, another
   *     model requested, no probe with a count)
   */
  public record Result(String state, String message, String model, List<Row> rows) {
    /** What the reference counted for the probes that got usage through the relay. */
    public long referenceTotal() {
      return rows.stream().filter(r -> r.reported() >= 0).mapToLong(Row::reference).sum();
    }

    public long reportedTotal() {
      return rows.stream().filter(r -> r.reported() >= 0).mapToLong(Row::reported).sum();
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("state", state);
      if (model != null) m.put("model", model);
      m.put("probes", rows.stream().map(Row::toMap).toList());
      if (!rows.isEmpty()) {
        m.put("referenceTotal", referenceTotal());
        m.put("reportedTotal", reportedTotal());
      }
      if (!state.equals("compared")) m.put("reason", message);
      return m;
    }
  }

  static Result run(RunContext run) {
    Optional<String> dir = run.setting(EvidenceSettings.REFERENCE);
    if (dir.isEmpty()) return new Result("none", "no --reference", null, List.of());
    Reference ref;
    try {
      ref = Reference.read(Path.of(dir.get()));
    } catch (IllegalArgumentException e) {
      return new Result("unusable", "the reference could not be read: " + e.getMessage(), null, List.of());
    }
    String model = ref.provenance().model();
    if (run.config().model() != null && !run.config().model().equals(model)) {
      return new Result("unusable", "--model " + run.config().model() + " is not the reference's model " + model
          + ", whose tokenizer its counts belong to", model, List.of());
    }
    List<Reference.Probe> largest = chosen(ref);
    if (largest.isEmpty()) {
      return new Result("unusable", "the reference holds no count_tokens for a probe of at most " + MAX_PROBE_TOKENS + " tokens", model, List.of());
    }
    List<Row> rows = new ArrayList<>();
    for (Reference.Probe p : largest) {
      Exchange e = run.client().send("billing-reference-" + p.id(), ExchangeRequest.postJson("/v1/messages", body(p.body(), model)));
      long reported = Usage.message(e).flatMap(Usage::tokens).map(TokenCount::prompt).orElse(-1L);
      rows.add(new Row(p.id(), p.countTokens(), reported, e.summary()));
    }
    return new Result("compared", "compared", model, rows);
  }

  /** The probes compared: the largest with a count, within {@link #MAX_PROBE_TOKENS} each. */
  public static List<Reference.Probe> chosen(Reference ref) {
    return ref.probes().stream().filter(p -> p.countTokens() > 0 && p.countTokens() <= MAX_PROBE_TOKENS)
        .sorted(Comparator.comparingLong(Reference.Probe::countTokens).reversed()).limit(MAX_PROBES).toList();
  }

  /** The probe's request as recorded, for the reference's model, answered whole (usage is final at once) and short. */
  static String body(String recorded, String model) {
    try {
      ObjectNode b = (ObjectNode) JSON.readTree(recorded);
      b.put("model", model);
      b.remove("stream");
      if (!b.has("thinking")) b.put("max_tokens", MAX_TOKENS);
      return b.toString();
    } catch (IOException | ClassCastException e) {
      return recorded;
    }
  }

  /** Live, with {@code --reference}: the probes BILL-010 will send, for the run's estimate. */
  public static List<dev.relaytck.check.RunCheck.PlannedSend> plannedSends(RunContext run) {
    Optional<String> dir = run.setting(EvidenceSettings.REFERENCE);
    if (dir.isEmpty() || run.config().hermetic()) return List.of();
    try {
      Reference ref = Reference.read(Path.of(dir.get()));
      return chosen(ref).stream().map(p -> new dev.relaytck.check.RunCheck.PlannedSend("billing-reference-" + p.id(),
          "BILL-010 reference probe " + p.id(), "/v1/messages", ref.provenance().model(), p.body().length(), 1, p.countTokens(),
          MAX_TOKENS)).toList();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }
}
