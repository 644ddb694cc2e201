package dev.relaytck.identity;

import dev.relaytck.check.EvidenceSettings;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The identity evidence of one run, gathered once and judged by every ID check: the reference
 * (from {@code --reference DIR}), the relay's answers to the same probes (sent once, lazily, by
 * the first check that needs them), the settings (samples, seed, alpha) and the figures the report
 * shows under {@code metrics.identity}.
 */
public final class IdentityRun {
  public static final int DEFAULT_SAMPLES = 10;
  public static final double DEFAULT_ALPHA = 0.01;
  public static final long DEFAULT_SEED = 20250101L;
  public static final String NO_REFERENCE = "no reference: record one with 'relay-tck record --profile identity"
      + " --upstream URL --out DIR' and pass --reference DIR";

  private final Function<String, Optional<String>> settings;
  private final Function<ExchangeRequest, Exchange> send;
  private final String configuredModel;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private Reference reference;
  private String referenceProblem;
  private boolean referenceRead;
  private Sampler.SampleSet relay;
  private List<ModelSweep.Row> sweep;

  public IdentityRun(Function<String, Optional<String>> settings, Function<ExchangeRequest, Exchange> send, String configuredModel) {
    this.settings = settings;
    this.send = send;
    this.configuredModel = configuredModel;
  }

  public synchronized Optional<Reference> reference() {
    if (!referenceRead) {
      referenceRead = true;
      Optional<String> dir = settings.apply(EvidenceSettings.REFERENCE);
      if (dir.isEmpty()) {
        referenceProblem = NO_REFERENCE;
      } else {
        try {
          reference = Reference.read(Path.of(dir.get()));
          Reference.Provenance p = reference.provenance();
          figures.put("reference", Map.of("model", p.model(), "recordedAt", p.recordedAt(), "upstream", p.upstream(),
              "samples", p.samples(), "probeSuiteVersion", p.probeSuiteVersion()));
        } catch (IllegalArgumentException e) {
          referenceProblem = e.getMessage();
        }
      }
    }
    return Optional.ofNullable(reference);
  }

  /** Why there is no reference (inconclusive, never passed), or {@code null}. */
  public synchronized String referenceProblem() {
    reference();
    return referenceProblem;
  }

  /** The model to request: {@code --model}, else the reference's. */
  public String model() {
    if (configuredModel != null) return configuredModel;
    return reference().map(r -> r.provenance().model()).orElse(null);
  }

  public int samples() {
    return settings.apply(EvidenceSettings.SAMPLES).map(Integer::parseInt).orElse(DEFAULT_SAMPLES);
  }

  public long seed() {
    return settings.apply(EvidenceSettings.SEED).map(Long::parseLong).orElse(DEFAULT_SEED);
  }

  public double alpha() {
    return settings.apply(EvidenceSettings.ALPHA).map(Double::parseDouble).orElse(DEFAULT_ALPHA);
  }

  public Optional<String> setting(String key) {
    return settings.apply(key);
  }

  public Function<ExchangeRequest, Exchange> sender() {
    return send;
  }

  /** The relay's answers to the reference's probes, sent once per run. Requires a reference. */
  public synchronized Sampler.SampleSet relaySamples() {
    if (relay == null) {
      Reference ref = reference().orElseThrow(() -> new IllegalStateException(referenceProblem));
      List<RenderedProbe> probes = new ArrayList<>();
      for (Reference.Probe p : ref.probes()) probes.add(p.rendered());
      relay = new Sampler(send).sample(probes, samples(), seed(), model());
      figures.put("samples", samples());
      figures.put("seed", seed());
      figures.put("model", model());
      figures.put("requests", relay.exchanges().size() + relay.countTokens().size());
      figures.put("ordinaryRequests", relay.ordinary());
    }
    return relay;
  }

  /** Per open-ended probe, the reference's and the relay's successful answers, as the kernel compares them. */
  public List<MmdTest.Samples> comparable() {
    Reference ref = reference().orElseThrow();
    Sampler.SampleSet set = relaySamples();
    List<MmdTest.Samples> out = new ArrayList<>();
    for (Reference.Probe p : ref.probes()) {
      if (p.once() || p.family() != ProbeFamily.OPEN) continue;
      List<String> r = p.samples().stream().filter(ProbeAnswer::ok).map(ProbeAnswer::kernelText).toList();
      List<String> y = set.answers().getOrDefault(p.id(), List.of()).stream().filter(ProbeAnswer::ok).map(ProbeAnswer::kernelText).toList();
      out.add(new MmdTest.Samples(p.id(), r, y));
    }
    return out;
  }

  /** The per-model rows of {@code --models}, gathered once; empty when the setting is absent. */
  public synchronized List<ModelSweep.Row> modelRows() {
    if (sweep == null) {
      Optional<String> models = settings.apply(EvidenceSettings.MODELS);
      sweep = models.isEmpty() ? List.of() : ModelSweep.sweep(ModelSweep.models(models.get(), send), send);
      if (!sweep.isEmpty()) figures.put("models", sweep.stream().map(ModelSweep.Row::figures).toList());
    }
    return sweep;
  }

  /** Records a figure for {@code metrics.identity}. */
  public synchronized void figure(String name, Object value) {
    figures.put(name, value);
  }

  public synchronized Map<String, Object> figures() {
    return new LinkedHashMap<>(figures);
  }
}
