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

  /** Tokens a recording (or a run) of the suite costs, about: input and output over every request. */
  public record Cost(int requests, long inputTokens, long outputTokens) {
    public double usd(double inputPerMillion, double outputPerMillion) {
      return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
    }
  }

  /**
   * The cost of sending the suite {@code samples} times, from the wording's size (four characters
   * a token) and each probe's max_tokens as the output bound, plus the one-off identity requests
   * (signature round trip, repeats, self-report, channel): an upper estimate.
   */
  public static Cost estimate(List<RenderedProbe> probes, int samples) {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    long in = 0;
    long out = 0;
    int requests = 0;
    for (RenderedProbe p : probes) {
      int n = p.once() ? 1 : samples;
      long promptTokens = p.body().length() / 4 + 10;
      int max;
      try {
        max = json.readTree(p.body()).path("max_tokens").asInt(300);
      } catch (java.io.IOException e) {
        max = 300;
      }
      in += n * promptTokens;
      out += (long) n * max;
      requests += n + 1;
    }
    int ordinary = Math.max(2, requests / 5);
    in += ordinary * 30L;
    out += ordinary * 40L;
    // ID-050 two turns (1536 max each), ID-060 three repeats (300), ID-070 and ID-040 (60).
    in += 2 * 400 + 3 * 40 + 2 * 40;
    out += 2 * 1536 + 3 * 300 + 2 * 60;
    return new Cost(requests + ordinary + 7, in, out);
  }

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
