package dev.relaytck.identity;

import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Records an identity reference from the official API: renders the probe suite from a fresh seed,
 * sends it {@code samples} times through {@link Sampler} (the same path a run takes to the relay),
 * and keeps every answer, count_tokens, and the shapes of ids and headers. Secrets never enter
 * it: requests carry no credential in their bodies and only header names are kept.
 */
public final class ReferenceRecorder {
  private ReferenceRecorder() {}

  public static Reference record(Function<ExchangeRequest, Exchange> send, String model, int samples, long seed,
      String upstreamOrigin, String kitVersion) {
    List<RenderedProbe> probes = ProbeSuite.render(seed, model);
    Sampler.SampleSet set = new Sampler(send).sample(probes, samples, seed, model);
    List<Reference.Probe> out = new ArrayList<>();
    for (RenderedProbe p : probes) {
      out.add(new Reference.Probe(p.id(), p.family(), p.body(), p.expected(), p.once(),
          set.countTokens().getOrDefault(p.id(), -1L), set.answers().get(p.id())));
    }
    TreeSet<String> headerNames = new TreeSet<>();
    String messageId = null;
    String requestId = null;
    for (Exchange e : set.exchanges()) {
      if (e.status() != 200) continue;
      e.headers().keySet().forEach(h -> headerNames.add(h.toLowerCase(Locale.ROOT)));
      if (requestId == null) requestId = e.header("request-id").map(ReferenceRecorder::prefix).orElse(null);
    }
    for (List<ProbeAnswer> answers : set.answers().values()) {
      for (ProbeAnswer a : answers) if (messageId == null && a.messageId() != null) messageId = prefix(a.messageId());
    }
    ChannelSignals.Attribution channel = ChannelSignals.combine(set.channels());
    Reference.Shapes shapes = new Reference.Shapes(messageId, requestId, List.copyOf(headerNames), channel.channel().label(),
        channel.describe());
    Reference.Provenance provenance = new Reference.Provenance(model, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        upstreamOrigin, kitVersion, ProbeSuite.VERSION, seed, samples);
    return new Reference(Reference.FORMAT, provenance, shapes, out);
  }

  /** The shape of an id: its prefix up to and including the first characters after the last underscore. */
  static String prefix(String id) {
    int u = id.lastIndexOf('_');
    return id.substring(0, Math.min(id.length(), u + 4)) + "…";
  }
}
