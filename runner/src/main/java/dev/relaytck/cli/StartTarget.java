package dev.relaytck.cli;

import dev.relaytck.target.TargetConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The first step of a run: the target is there to be tested. For the self-check that means
 * starting the embedded replay upstream (with a credential made for this run) and pointing the
 * suite at it; a relay given by {@code --base-url} is already running.
 */
final class StartTarget {
  private StartTarget() {}

  /** The running target: the suite's final parameters, and what to stop when the run ends. */
  record Started(Map<String, String> parameters, TargetConfig config, String target, SelfCheckRelay embedded)
      implements AutoCloseable {
    @Override
    public void close() {
      if (embedded != null) embedded.close();
    }
  }

  static Started start(RunPlan plan) {
    if (!plan.selfCheck()) {
      return new Started(plan.parameters(), plan.targetConfig(), plan.target(), null);
    }
    SelfCheckRelay embedded = SelfCheckRelay.start(plan.recordings(), RunCommand.SELF_CHECK_TIME_SCALE);
    try {
      Map<String, String> parameters = new LinkedHashMap<>(plan.parameters());
      parameters.put(TargetConfig.BASE_URL, embedded.baseUrl());
      parameters.put(TargetConfig.REPLAY_URL, embedded.baseUrl());
      parameters.put(TargetConfig.API_KEY, embedded.credential());
      TargetConfig config = TargetConfig.load(k -> Optional.ofNullable(parameters.get(k)), Map.of());
      return new Started(Map.copyOf(parameters), config, embedded.baseUrl(), embedded);
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
  }
}
