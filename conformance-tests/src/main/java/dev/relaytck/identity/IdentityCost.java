package dev.relaytck.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What the identity requests cost, estimated before any is sent (the live budget rule): prompt
 * tokens from the wording's size (four characters a token, rounded up) and each request's
 * max_tokens as its output, so the estimate errs high.
 */
public final class IdentityCost {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param requests sends; tokens over all of them */
  public record Cost(int requests, long inputTokens, long outputTokens) {
    public double usd(double inputPerMillion, double outputPerMillion) {
      return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
    }
  }

  /** ID-050: two turns with a 1,024-token thinking budget; the second carries the first's output back. */
  public static final Cost SIGNATURE = new Cost(2, 150 + 1_500, 2 * 1_300);
  /** ID-060: three repeats of one request. */
  public static final Cost REPLAYS = new Cost(ReplayProbe.REPEATS, ReplayProbe.REPEATS * 40L, ReplayProbe.REPEATS * 250L);
  /** ID-070 and ID-040 (without a reference): one short request each. */
  public static final Cost SHORT = new Cost(1, 30, 60);

  private IdentityCost() {}

  /** Sending the suite {@code samples} times with its ordinary requests, plus count_tokens (free) per probe. */
  public static Cost sampling(List<RenderedProbe> probes, int samples) {
    long in = 0;
    long out = 0;
    int requests = 0;
    for (RenderedProbe p : probes) {
      int n = p.once() ? 1 : samples;
      in += n * (p.body().length() / 4L + 10);
      out += (long) n * maxTokens(p.body());
      requests += n;
    }
    int ordinary = Math.max(2, requests / 5);
    return new Cost(requests + ordinary + probes.size(), in + ordinary * 30L, out + ordinary * 40L);
  }

  private static int maxTokens(String body) {
    try {
      return JSON.readTree(body).path("max_tokens").asInt(300);
    } catch (IOException e) {
      return 300;
    }
  }
}
