package dev.relaytck.cli;

import dev.relaytck.identity.IdentityCost;
import dev.relaytck.identity.IdentityRun;
import dev.relaytck.identity.ProbeSuite;
import dev.relaytck.identity.Reference;
import dev.relaytck.identity.ReferenceRecorder;
import dev.relaytck.recordings.record.Recorder;
import dev.relaytck.recordings.record.UpstreamCredential;
import dev.relaytck.target.TargetClient;
import dev.relaytck.target.TargetConfig;
import dev.relaytck.target.TargetUnreachableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code relay-tck record --profile identity}: records an identity reference from the official API
 * (docs/contract.md, "Evidence about the relay"). States the estimated cost first and refuses above
 * {@code --max-cost-usd}; the credential comes from the environment and is never written.
 */
final class IdentityRecording {
  private IdentityRecording() {}

  static int record(PrintWriter out, PrintWriter err, URI upstream, Map<String, String> environment, String model, int samples,
      Long seed, Path outDir, double maxCostUsd, int timeoutSeconds) {
    if (model == null) {
      err.println("relay-tck record: --profile identity needs --model NAME (the model the reference is for)");
      return ExitCodes.USAGE;
    }
    long wording = seed != null ? seed : new SecureRandom().nextLong();
    var probes = ProbeSuite.render(wording, model);
    IdentityCost.Cost cost = IdentityCost.sampling(probes, samples);
    PriceTable.Price price = PriceTable.defaults().of(model);
    double usd = cost.usd(price.input(), price.output());
    out.printf(Locale.ROOT, "estimate: %d requests, about %,d input and %,d output tokens, about %.4f USD (limit --max-cost-usd %.2f)%n",
        cost.requests(), cost.inputTokens(), cost.outputTokens(), usd, maxCostUsd);
    if (usd > maxCostUsd) {
      err.printf(Locale.ROOT, "relay-tck record: refusing to start: the estimated cost %.4f USD exceeds --max-cost-usd %.2f;"
          + " lower --samples or raise the limit%n", usd, maxCostUsd);
      return ExitCodes.USAGE;
    }
    Map<String, String> p = new HashMap<>();
    p.put(TargetConfig.BASE_URL, upstream.toString());
    String key = environment.get(UpstreamCredential.API_KEY_VARIABLE);
    String token = environment.get(UpstreamCredential.AUTH_TOKEN_VARIABLE);
    if (key != null && !key.isBlank()) p.put(TargetConfig.API_KEY, key);
    else if (token != null && !token.isBlank()) p.put(TargetConfig.AUTH_TOKEN, token);
    String t = Long.toString(timeoutSeconds * 1000L);
    p.put(TargetConfig.TIMEOUT_HEADERS, t);
    p.put(TargetConfig.TIMEOUT_IDLE, t);
    TargetClient client = new TargetClient(TargetConfig.load(k -> Optional.ofNullable(p.get(k)), Map.of()));
    out.println("recording the identity reference: " + probes.size() + " probes x " + samples + " samples (recall probes once), model "
        + model + ", from " + Recorder.origin(upstream));
    out.flush();
    Reference ref;
    try {
      ref = ReferenceRecorder.record(r -> client.send("identity-record", r), model, samples, wording, Recorder.origin(upstream),
          VersionProvider.version());
    } catch (TargetUnreachableException e) {
      err.println("relay-tck record: " + e.getMessage());
      return ExitCodes.UNREACHABLE;
    }
    try {
      ref.write(outDir);
    } catch (IOException e) {
      err.println("relay-tck record: cannot write the reference: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    long failed = ref.probes().stream().flatMap(pr -> pr.samples().stream()).filter(a -> !a.ok()).count();
    long answers = ref.probes().stream().mapToLong(pr -> pr.samples().size()).sum();
    out.println("wrote " + outDir.resolve(Reference.FILE) + ": " + answers + " answers, " + failed + " failed; channel "
        + ref.shapes().channel() + "; compare a relay with: relay-tck run --profile identity --reference " + outDir);
    if (samples < IdentityRun.DEFAULT_SAMPLES) {
      out.println("note: fewer than " + IdentityRun.DEFAULT_SAMPLES + " samples per probe lowers the power of ID-020 (docs/identity.md)");
    }
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
