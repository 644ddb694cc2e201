package dev.relaytck.check;

import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.IdCheck;
import dev.relaytck.catalog.Location;
import dev.relaytck.catalog.Violation;
import dev.relaytck.identity.CapabilityComparison;
import dev.relaytck.identity.Channel;
import dev.relaytck.identity.ChannelSignals;
import dev.relaytck.identity.HammingKernel;
import dev.relaytck.identity.IdentityCost;
import dev.relaytck.identity.RenderedProbe;
import dev.relaytck.identity.IdentityRun;
import dev.relaytck.identity.MmdTest;
import dev.relaytck.identity.PowerEstimate;
import dev.relaytck.identity.ProbeAnswer;
import dev.relaytck.identity.Reference;
import dev.relaytck.identity.ReplayProbe;
import dev.relaytck.identity.SampleAttribution;
import dev.relaytck.identity.SignatureRoundTrip;
import dev.relaytck.outcome.Outcome;
import dev.relaytck.target.ExchangeRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The identity checks (ID area), judged once per run over the evidence of
 * {@link dev.relaytck.identity.IdentityRun}: thin verdicts over the engine in
 * {@code dev.relaytck.identity}. The figures go to {@code metrics.identity}.
 */
final class IdRules {
  private static final Map<RunContext, IdentityRun> RUNS = new WeakHashMap<>();
  static final String HERMETIC = "the replay upstream serves recordings, not a model: identity evidence needs a live model"
      + " behind the relay (the official API, or a stand-in)";
  private static final int POWER_SIMULATIONS = 200;
  private static final int POWER_PERMUTATIONS = 200;

  private IdRules() {}

  static List<RunCheck> all() {
    return List.of(
        needsReference(IdCheck.ID_010, IdRules::tokenCounts),
        needsReference(IdCheck.ID_020, IdRules::distribution),
        needsReference(IdCheck.ID_030, IdRules::capabilities),
        live(IdCheck.ID_040, IdRules::channel, id -> id.reference().isPresent() ? null : IdentityCost.SHORT),
        signatureRoundTrip(),
        live(IdCheck.ID_060, IdRules::replays, id -> IdentityCost.REPLAYS),
        live(IdCheck.ID_070, IdRules::selfReport, id -> IdentityCost.SHORT),
        needsReference(IdCheck.ID_080, IdRules::attribution));
  }

  static IdentityRun identity(RunContext run) {
    synchronized (RUNS) {
      // The model sweep sends unmarked requests: a replay upstream could not answer them.
      return RUNS.computeIfAbsent(run, r -> new IdentityRun(
          k -> r.config().hermetic() && k.equals(EvidenceSettings.MODELS) ? Optional.empty() : r.setting(k),
          req -> r.client().send("identity", req), r.config().model()));
    }
  }

  private static Verdict publish(RunContext run, IdentityRun id, Verdict v) {
    run.putMetric("identity", id.figures());
    return v;
  }

  /** A check that compares with the reference: inconclusive without one, never passed. */
  private static RunCheck needsReference(Check check, Function<IdentityRun, Verdict> judge) {
    return new RunCheck() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Optional<String> notApplicable(RunContext run) {
        return run.config().hermetic() ? Optional.of(HERMETIC) : Optional.empty();
      }

      @Override
      public Verdict evaluate(RunContext run) {
        IdentityRun id = identity(run);
        if (id.reference().isEmpty()) return Verdict.inconclusive(id.referenceProblem(), Map.of());
        return publish(run, id, judge.apply(id));
      }

      @Override
      public List<PlannedSend> plannedSends(RunContext run) {
        IdentityRun id = identity(run);
        if (run.config().hermetic() || id.reference().isEmpty()) return List.of();
        List<RenderedProbe> probes = id.reference().get().probes().stream().map(Reference.Probe::rendered).toList();
        IdentityCost.Cost c = IdentityCost.sampling(probes, id.samples());
        // One entry for the whole sampling that ID-010, 020, 030 and 080 share: averaged per send.
        return List.of(new PlannedSend("identity-sampling", "identity probes", "/v1/messages", id.model(),
            probes.stream().mapToInt(p -> p.body().length()).max().orElse(0), c.requests(),
            c.inputTokens() / c.requests(), c.outputTokens() / c.requests()));
      }
    };
  }

  private static RunCheck live(Check check, Function<IdentityRun, Verdict> judge, Function<IdentityRun, IdentityCost.Cost> cost) {
    return new RunCheck() {
      @Override
      public Check check() {
        return check;
      }

      @Override
      public Optional<String> notApplicable(RunContext run) {
        return run.config().hermetic() ? Optional.of(HERMETIC) : Optional.empty();
      }

      @Override
      public Verdict evaluate(RunContext run) {
        IdentityRun id = identity(run);
        if (id.model() == null) {
          return Verdict.inconclusive("no model to request: pass --model NAME or --reference DIR", Map.of());
        }
        return publish(run, id, judge.apply(id));
      }

      @Override
      public List<PlannedSend> plannedSends(RunContext run) {
        IdentityRun id = identity(run);
        IdentityCost.Cost c = run.config().hermetic() ? null : cost.apply(id);
        if (c == null) return List.of();
        return List.of(new PlannedSend(check.id(), check.id().toLowerCase(Locale.ROOT), "/v1/messages", id.model(), 400,
            c.requests(), c.inputTokens() / c.requests(), c.outputTokens() / c.requests()));
      }
    };
  }

  // ID-010 ---------------------------------------------------------------------------------

  static Verdict tokenCounts(IdentityRun id) {
    Reference ref = id.reference().orElseThrow();
    var set = id.relaySamples();
    List<Violation> violations = new ArrayList<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    int compared = 0;
    for (Reference.Probe p : ref.probes()) {
      long expectedUsage = p.samples().stream().filter(ProbeAnswer::ok).mapToLong(ProbeAnswer::inputTokens).filter(n -> n >= 0)
          .findFirst().orElse(-1);
      long measuredCount = set.countTokens().getOrDefault(p.id(), -1L);
      List<Long> usages = set.answers().getOrDefault(p.id(), List.of()).stream().filter(ProbeAnswer::ok)
          .map(ProbeAnswer::inputTokens).filter(n -> n >= 0).distinct().toList();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("probe", p.id());
      row.put("expectedCountTokens", p.countTokens());
      row.put("countTokens", measuredCount);
      row.put("expectedUsage", expectedUsage);
      row.put("usage", usages);
      rows.add(row);
      if (p.countTokens() >= 0 && measuredCount >= 0) {
        compared++;
        if (measuredCount != p.countTokens()) {
          row.put("ratio", ratio(measuredCount, p.countTokens()));
          violations.add(new Violation(IdCheck.ID_010, Location.NONE, "count_tokens of probe " + p.id() + " differs from the reference",
              Long.toString(p.countTokens()), measuredCount + " (ratio " + ratio(measuredCount, p.countTokens()) + ")"));
        }
      }
      if (expectedUsage >= 0) {
        for (long u : usages) {
          compared++;
          if (u != expectedUsage) {
            row.put("usageRatio", ratio(u, expectedUsage));
            violations.add(new Violation(IdCheck.ID_010, Location.NONE, "usage.input_tokens of probe " + p.id() + " differs from the reference",
                Long.toString(expectedUsage), u + " (ratio " + ratio(u, expectedUsage) + ")"));
          }
        }
      }
    }
    for (var m : id.modelRows()) {
      if (m.usageInputTokens() < 0 || m.countTokens() < 0) continue;
      compared++;
      if (m.countsDiffer()) {
        violations.add(new Violation(IdCheck.ID_010, Location.NONE, "model " + m.model() + ": usage.input_tokens differs from count_tokens"
            + " of the same request", Long.toString(m.countTokens()), m.usageInputTokens() + " (ratio " + ratio(m.usageInputTokens(), m.countTokens()) + ")"));
      }
    }
    id.figure("tokenCounts", rows);
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("probes", rows);
    if (compared == 0) return Verdict.inconclusive("no token count to compare: neither count_tokens nor usage answered", ev);
    return judged(violations, "input token counts equal the reference's on " + compared + " comparisons over "
        + ref.probes().size() + " probes", ev);
  }

  /** Failed with the violations, or passed with the same evidence (the figures show either way). */
  private static Verdict judged(List<Violation> violations, String passMessage, Map<String, Object> evidence) {
    return violations.isEmpty() ? new Verdict(Outcome.PASSED, passMessage, List.of(), evidence) : Verdict.of(violations, passMessage, evidence);
  }

  private static String ratio(long measured, long expected) {
    return expected <= 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", measured / (double) expected);
  }

  // ID-020 ---------------------------------------------------------------------------------

  static Verdict distribution(IdentityRun id) {
    List<MmdTest.Samples> probes = id.comparable().stream()
        .filter(s -> s.reference().size() >= 2 && s.relay().size() >= 2).toList();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("test", "MMD, Hamming kernel over the first " + HammingKernel.DEFAULT_LENGTH
        + " words; sum over probes, joint permutation p-value");
    ev.put("alpha", id.alpha());
    ev.put("seed", id.seed());
    if (probes.isEmpty()) {
      return Verdict.inconclusive("no probe has two successful answers from both the reference and the relay", ev);
    }
    HammingKernel kernel = new HammingKernel();
    MmdTest.Result r = new MmdTest(kernel, MmdTest.DEFAULT_PERMUTATIONS).test(probes, id.seed());
    int relaySamples = (int) Math.round(probes.stream().mapToInt(s -> s.relay().size()).average().orElse(0));
    PowerEstimate.Result power = new PowerEstimate(kernel, POWER_SIMULATIONS, POWER_PERMUTATIONS).estimate(
        probes.stream().map(MmdTest.Samples::reference).toList(), relaySamples, id.alpha(), PowerEstimate.SHORTER,
        PowerEstimate.SHORTER_DESCRIPTION, id.seed() + 1);
    ev.put("probes", probes.size());
    ev.put("samplesPerProbe", relaySamples);
    ev.put("statistic", r.statistic());
    ev.put("pValue", r.pValue());
    ev.put("permutations", r.permutations());
    ev.put("power", power.power());
    ev.put("powerAgainst", power.alternative());
    ev.put("powerSimulations", power.simulations());
    Map<String, Object> perProbe = new LinkedHashMap<>();
    r.perProbe().forEach((k, v) -> perProbe.put(k, Map.of("mmd2", v.mmd2(), "pValue", v.pValue(),
        "reference", v.referenceSamples(), "relay", v.relaySamples())));
    ev.put("perProbe", perProbe);
    id.figure("distribution", ev);
    String figures = String.format(Locale.ROOT, "MMD test over %d probes x %d samples: p = %.4f (alpha %.3f), power %.2f against %s",
        probes.size(), relaySamples, r.pValue(), id.alpha(), power.power(), power.alternative());
    if (r.pValue() <= id.alpha()) {
      List<String> worst = r.perProbe().entrySet().stream().sorted((a, b) -> Double.compare(a.getValue().pValue(), b.getValue().pValue()))
          .limit(3).map(e -> e.getKey() + String.format(Locale.ROOT, " (p %.4f)", e.getValue().pValue())).toList();
      return new Verdict(Outcome.FAILED, "the relay's answers differ from the reference: " + figures + "; most different: " + worst,
          List.of(new Violation(IdCheck.ID_020, Location.NONE, "output distribution differs from the reference",
              "p > " + id.alpha(), String.format(Locale.ROOT, "p = %.4f", r.pValue()))), ev);
    }
    if (power.power() < 0.5) {
      return Verdict.inconclusive("too little evidence: " + figures + "; power below 0.5 - raise --samples", ev);
    }
    return new Verdict(Outcome.PASSED, "no difference from the reference: " + figures, List.of(), ev);
  }

  // ID-030 ---------------------------------------------------------------------------------

  static Verdict capabilities(IdentityRun id) {
    CapabilityComparison.Result r = CapabilityComparison.compare(id.reference().orElseThrow(), id.relaySamples().answers(), id.alpha());
    if (r.families().isEmpty()) return Verdict.inconclusive("no capability probe was answered by both the reference and the relay", Map.of());
    List<Map<String, Object>> rows = r.families().stream().map(CapabilityComparison.Family::row).toList();
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("test", "one-sided Fisher exact test per family, Bonferroni over " + r.families().size() + " families");
    ev.put("threshold", r.threshold());
    ev.put("powerAgainst", CapabilityComparison.POWER_AGAINST);
    ev.put("families", rows);
    id.figure("capabilities", rows);
    if (!r.differing().isEmpty()) {
      List<Violation> violations = r.differing().stream().map(f -> new Violation(IdCheck.ID_030, Location.NONE,
          f.family().title() + " probes succeed less often than the reference's", f.referenceSuccesses() + "/" + f.referenceTrials(),
          f.relaySuccesses() + "/" + f.relayTrials() + String.format(Locale.ROOT, " (Fisher one-sided p = %.2g <= %.4f, n = %d + %d, power %.2f)",
              f.pValue(), r.threshold(), f.referenceTrials(), f.relayTrials(), f.power()))).toList();
      return new Verdict(Outcome.FAILED, "the relay's capability answers differ from the reference: "
          + String.join("; ", r.differing().stream().map(IdRules::describe).toList()), violations, ev);
    }
    List<String> weak = r.families().stream().filter(f -> f.power() < CapabilityComparison.MIN_POWER)
        .map(f -> f.family().title() + String.format(Locale.ROOT, " (power %.2f)", f.power())).toList();
    if (r.powered().isEmpty()) {
      return Verdict.inconclusive("too little evidence: no family's comparison had power " + CapabilityComparison.MIN_POWER
          + " against " + CapabilityComparison.POWER_AGAINST + " (" + String.join(", ", weak)
          + "); the reference rarely succeeded or too few samples - raise --samples", ev);
    }
    return new Verdict(Outcome.PASSED, "capability probes succeed at the reference's rate: "
        + String.join("; ", r.powered().stream().map(IdRules::describe).toList())
        + (weak.isEmpty() ? "" : "; too little evidence to judge " + String.join(", ", weak)), List.of(), ev);
  }

  private static String describe(CapabilityComparison.Family f) {
    return String.format(Locale.ROOT, "%s %d/%d vs the reference's %d/%d (Fisher one-sided p = %.2g, power %.2f)", f.family().title(),
        f.relaySuccesses(), f.relayTrials(), f.referenceSuccesses(), f.referenceTrials(), f.pValue(), f.power());
  }

  // ID-080 ---------------------------------------------------------------------------------

  static Verdict attribution(IdentityRun id) {
    SampleAttribution.Result r = new SampleAttribution(SampleAttribution.DEFAULT_QUANTILE)
        .attribute(id.comparable(), 0.95);
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("method", "per-answer mean word log-likelihood under the reference's answers; threshold: the reference's own "
        + (int) (SampleAttribution.DEFAULT_QUANTILE * 100) + "th percentile of its own scores (leave one out, standardised per probe); Clopper-Pearson 95 % interval");
    ev.put("samples", r.samples());
    ev.put("offReference", r.below());
    ev.put("referenceRate", r.referenceRate());
    ev.put("estimatedOffFraction", r.offFraction());
    ev.put("interval", List.of(r.low(), r.high()));
    ev.put("flagged", r.flagged().stream().limit(20).toList());
    id.figure("attribution", ev);
    String figures = String.format(Locale.ROOT, "%d of %d answers below the reference's threshold (reference's own rate %.2f;"
        + " 95 %% interval of the relay's rate %.2f-%.2f; Fisher p = %.4f); estimated off-reference fraction %.2f",
        r.below(), r.samples(), r.referenceRate(), r.low(), r.high(), r.pValue(), r.offFraction());
    if (r.samples() < 10) return Verdict.inconclusive("too few answers to attribute (" + r.samples() + "): " + figures, ev);
    ev.put("test", "one-sided Fisher exact test of the relay's count under the threshold against the reference's own");
    ev.put("pValue", r.pValue());
    if (r.differs(id.alpha())) {
      return new Verdict(Outcome.FAILED, "part of the relay's answers differ from the reference: " + figures,
          List.of(new Violation(IdCheck.ID_080, Location.NONE, "off-reference answers above the reference's own rate",
              String.format(Locale.ROOT, "about %.2f", r.referenceRate()),
              String.format(Locale.ROOT, "%.2f (%.2f-%.2f), p = %.4f", r.below() / (double) r.samples(), r.low(), r.high(), r.pValue()))), ev);
    }
    return new Verdict(Outcome.PASSED, "no partial substitution seen: " + figures, List.of(), ev);
  }

  // ID-040 ---------------------------------------------------------------------------------

  static Verdict channel(IdentityRun id) {
    List<ChannelSignals.Attribution> seen = new ArrayList<>();
    List<ChannelSignals.Signal> across = new ArrayList<>();
    if (id.reference().isPresent()) {
      seen.addAll(id.relaySamples().channels());
      ChannelSignals.fallingRateLimit(id.relaySamples().exchanges().stream().filter(e -> e.status() == 200)
          .map(dev.relaytck.target.Exchange::headers).toList()).ifPresent(across::add);
    } else {
      var e = id.sender().apply(ExchangeRequest.postJson("/v1/messages", channelProbe(id.model())));
      if (e.status() == 200) seen.add(ChannelSignals.classify(e.headers(), e.body()));
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    if (seen.isEmpty()) return Verdict.inconclusive("no successful response to attribute", ev);
    ChannelSignals.Attribution a = ChannelSignals.combine(seen, across);
    List<String> perModel = id.modelRows().stream().map(m -> m.model() + ": " + m.channel()).toList();
    if (!perModel.isEmpty()) ev.put("models", perModel);
    ev.put("channel", a.channel().label());
    ev.put("signals", a.describe());
    ev.put("responses", seen.size());
    id.figure("channel", ev);
    Optional<String> expected = id.setting(EvidenceSettings.EXPECT_CHANNEL);
    String figures = (perModel.isEmpty() ? "" : "per model " + perModel + "; ") + "the responses look " + describe(a.channel()) + " (" + String.join("; ", a.describe().stream().limit(6).toList()) + ")";
    if (expected.isPresent()) {
      Channel want;
      try {
        want = Channel.parse(expected.get());
      } catch (IllegalArgumentException bad) {
        return Verdict.inconclusive("--expect-channel: " + bad.getMessage(), ev);
      }
      ev.put("expected", want.label());
      List<String> elsewhere = id.modelRows().stream().filter(m -> !m.channel().equals(want.label()))
          .map(m -> m.model() + " looks " + m.channel()).toList();
      if (!elsewhere.isEmpty()) {
        return new Verdict(Outcome.FAILED, "the relay claims " + want.label() + " but " + String.join("; ", elsewhere),
            List.of(new Violation(IdCheck.ID_040, Location.NONE, "channel differs from the one claimed for some model", want.label(),
                String.join("; ", elsewhere))), ev);
      }
      if (a.channel() != want) {
        return new Verdict(Outcome.FAILED, "the relay claims " + want.label() + " but " + figures,
            List.of(new Violation(IdCheck.ID_040, Location.NONE, "channel differs from the one claimed", want.label(), a.channel().label())), ev);
      }
    }
    return new Verdict(Outcome.PASSED, figures, List.of(), ev);
  }

  private static String describe(Channel c) {
    return switch (c) {
      case ANTHROPIC -> "first-party (Anthropic API)";
      case BEDROCK -> "served through AWS Bedrock";
      case VERTEX -> "served through Google Vertex AI";
      case OTHER -> "translated from another backend";
      case UNKNOWN -> "like no channel in particular";
    };
  }

  private static String channelProbe(String model) {
    return "{\"model\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(model) + ",\"max_tokens\":40,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Name a colour of the rainbow.\"}]}";
  }

  // ID-050 ---------------------------------------------------------------------------------

  /** The recorded scenario the hermetic round trip replays: a thinking answer with its official signature. */
  static final String THINKING_SCENARIO = "thinking-json";

  /** ID-050 runs in both modes: live against the model, hermetically against the replay upstream's recorded signatures. */
  private static RunCheck signatureRoundTrip() {
    RunCheck live = live(IdCheck.ID_050, id -> signatures(id, SignatureRoundTrip.run(id.sender(), id.model())),
        id -> {
          // --models A,B adds a short request and a round trip per model (all: unknown until /v1/models answers).
          int models = id.setting(EvidenceSettings.MODELS).filter(m -> !m.strip().equalsIgnoreCase("all"))
              .map(m -> (int) java.util.Arrays.stream(m.split(",")).filter(x -> !x.isBlank()).count()).orElse(0);
          IdentityCost.Cost one = IdentityCost.SIGNATURE;
          return new IdentityCost.Cost(one.requests() * (1 + models) + 2 * models, one.inputTokens() * (1 + models) + 60L * models,
              one.outputTokens() * (1 + models) + 40L * models);
        });
    return new RunCheck() {
      @Override
      public Check check() {
        return IdCheck.ID_050;
      }

      @Override
      public Optional<String> notApplicable(RunContext run) {
        if (!run.config().hermetic()) return Optional.empty();
        return thinkingScenario(run).isPresent() ? Optional.empty()
            : Optional.of("the replay upstream has no recorded " + THINKING_SCENARIO + " scenario to round-trip");
      }

      @Override
      public Verdict evaluate(RunContext run) {
        if (!run.config().hermetic()) return live.evaluate(run);
        IdentityRun id = identity(run);
        dev.relaytck.scenario.Scenario s = thinkingScenario(run).orElseThrow();
        ExchangeRequest first = dev.relaytck.scenario.ScenarioRequests.build(s, run.config(), s.freshMarker());
        return publish(run, id, signatures(id, SignatureRoundTrip.hermetic(id.sender(), first, s.freshMarker().text())));
      }

      @Override
      public List<PlannedSend> plannedSends(RunContext run) {
        return live.plannedSends(run);
      }
    };
  }

  private static Optional<dev.relaytck.scenario.Scenario> thinkingScenario(RunContext run) {
    return run.scenarios().all().stream().filter(s -> s.id().equals(THINKING_SCENARIO) && s.fault() == null).findFirst();
  }

  static Verdict signatures(IdentityRun id, SignatureRoundTrip.Result r) {
    List<String> rejected = id.modelRows().stream().filter(m -> m.signature().equals("rejected") || m.signature().equals("unsigned"))
        .map(m -> m.model() + ": " + m.signatureDetail()).toList();
    if (!rejected.isEmpty()) {
      return new Verdict(Outcome.FAILED, "the thinking signature did not survive the round trip for " + rejected,
          List.of(new Violation(IdCheck.ID_050, Location.NONE, "the thinking signature did not survive the round trip for some model",
              "the follow-up accepted", String.join("; ", rejected))), Map.of("models", rejected));
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("firstTurn", r.firstTurn());
    if (r.followUp() != null) ev.put("followUp", r.followUp());
    if (r.signature() != null) ev.put("signature", r.signature());
    id.figure("signature", Map.of("status", r.status().name().toLowerCase(Locale.ROOT), "detail", r.detail()));
    return switch (r.status()) {
      case ACCEPTED -> new Verdict(Outcome.PASSED, r.detail(), List.of(), ev);
      case NOTHING_TO_JUDGE -> Verdict.inconclusive(r.detail(), ev);
      case UNSIGNED, REJECTED -> new Verdict(Outcome.FAILED, r.detail(),
          List.of(new Violation(IdCheck.ID_050, Location.NONE, "the thinking signature did not survive the round trip",
              "the follow-up accepted", r.status() == SignatureRoundTrip.Status.UNSIGNED ? "no signature" : "rejected")), ev);
    };
  }

  // ID-060 ---------------------------------------------------------------------------------

  static Verdict replays(IdentityRun id) {
    ReplayProbe.Result r = ReplayProbe.run(id.sender(), id.model(), id.seed());
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("repeats", r.repeats().stream().map(x -> Map.of("status", x.status(), "length", x.length(),
        "totalMs", Math.round(x.totalMs()), "text", x.excerpt() == null ? "" : x.excerpt())).toList());
    id.figure("replays", Map.of("repeats", r.repeats().size(), "identical", r.identicalPairs()));
    if (!r.identicalPairs().isEmpty()) {
      return new Verdict(Outcome.FAILED, "identical requests at temperature 1 returned identical long answers (repeats "
          + r.identicalPairs() + "): a response cache or canned answers",
          List.of(new Violation(IdCheck.ID_060, Location.NONE, "replayed answers", "independent samples",
              "identical answers " + r.identicalPairs())), ev);
    }
    if (!r.longEnough()) {
      return Verdict.inconclusive("no answer was long enough (" + ReplayProbe.LONG_ENOUGH + " characters) to tell a replay from chance", ev);
    }
    return new Verdict(Outcome.PASSED, ReplayProbe.REPEATS + " identical requests returned " + ReplayProbe.REPEATS + " different answers",
        List.of(), ev);
  }

  // ID-070 ---------------------------------------------------------------------------------

  static Verdict selfReport(IdentityRun id) {
    String body = "{\"model\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(id.model()) + ",\"max_tokens\":60,"
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Which model are you, exactly? Reply with your model name only.\"}]}";
    ProbeAnswer a = ProbeAnswer.of(id.sender().apply(ExchangeRequest.postJson("/v1/messages", body)));
    if (!a.ok()) return Verdict.inconclusive("no answer to 'which model are you': " + a.error(), Map.of());
    String said = a.text().strip();
    said = said.length() > 200 ? said.substring(0, 200) + "…" : said;
    id.figure("selfReport", said);
    return new Verdict(Outcome.PASSED, "asked which model it is, it says: \"" + said + "\" (reported only, weighted at nothing)",
        List.of(), Map.of("answer", said));
  }
}
