package dev.relaytck.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.relaytck.target.Exchange;
import dev.relaytck.target.ExchangeRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends a {@link ProbePlan} one request at a time (streamed, so time to first token is measured)
 * and count_tokens once per probe, to the official API when recording and to the relay when
 * comparing. Every wait is the client's, bounded by its timeouts; a failed request is an answer
 * with an error, never an exception.
 */
public final class Sampler {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param answers per probe id, in the order sent
   * @param countTokens per probe id, -1 when count_tokens failed
   * @param channels the channel attribution of every probe response
   * @param exchanges every exchange sent, for evidence and shapes
   */
  public record SampleSet(Map<String, List<ProbeAnswer>> answers, Map<String, Long> countTokens,
      List<ChannelSignals.Attribution> channels, List<Exchange> exchanges, int ordinary) {}

  private final Function<ExchangeRequest, Exchange> send;

  public Sampler(Function<ExchangeRequest, Exchange> send) {
    this.send = send;
  }

  public SampleSet sample(List<RenderedProbe> probes, int samples, long seed, String model) {
    ProbePlan plan = ProbePlan.of(probes, samples, seed, model);
    Map<String, List<ProbeAnswer>> answers = new LinkedHashMap<>();
    for (RenderedProbe p : probes) answers.put(p.id(), new ArrayList<>());
    List<ChannelSignals.Attribution> channels = new ArrayList<>();
    List<Exchange> exchanges = new ArrayList<>();
    int ordinary = 0;
    for (ProbePlan.Step step : plan.steps()) {
      Exchange e = send.apply(ExchangeRequest.postJson("/v1/messages", streamed(step.body(), model)));
      exchanges.add(e);
      if (step.ordinary()) {
        ordinary++;
        continue;
      }
      answers.get(step.probe().id()).add(ProbeAnswer.of(e));
      if (e.status() == 200) channels.add(ChannelSignals.classify(e.headers(), e.body()));
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (RenderedProbe p : probes) {
      Exchange e = send.apply(ExchangeRequest.postJson("/v1/messages/count_tokens", countBody(p.body(), model)));
      counts.put(p.id(), e.status() == 200 ? e.json().map(j -> j.path("input_tokens").asLong(-1)).orElse(-1L) : -1L);
    }
    return new SampleSet(answers, counts, channels, exchanges, ordinary);
  }

  /** The probe's body for {@code model}, streamed. */
  static String streamed(String body, String model) {
    ObjectNode b = parse(body);
    if (model != null) b.put("model", model);
    b.put("stream", true);
    return b.toString();
  }

  /** The count_tokens body of a probe: its model, messages, system and tools. */
  static String countBody(String body, String model) {
    ObjectNode b = parse(body);
    ObjectNode c = JSON.createObjectNode();
    c.put("model", model != null ? model : b.path("model").asText());
    for (String f : new String[] {"system", "messages", "tools", "tool_choice", "thinking"}) {
      JsonNode v = b.get(f);
      if (v != null) c.set(f, v);
    }
    return c.toString();
  }

  private static ObjectNode parse(String body) {
    try {
      return (ObjectNode) JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
