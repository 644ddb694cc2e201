package dev.relaytck.junit;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.check.Evaluators;
import dev.relaytck.check.RunContext;
import dev.relaytck.check.Verdict;
import dev.relaytck.outcome.SkipBasis;
import dev.relaytck.scenario.RecordingSource;
import dev.relaytck.scenario.Scenario;
import dev.relaytck.scenario.ScenarioCatalog;
import dev.relaytck.target.TargetConfig;
import dev.relaytck.target.TargetUnreachableException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The thin binding between JUnit Jupiter and the kit: one dynamic container per check, one
 * dynamic test per scenario it applies to, each exchange performed lazily inside its test and
 * shared by the run's exchange cache. The evaluation itself lives in {@code dev.relaytck.check}.
 */
public final class Suite {
  /** Configuration parameter: the RecordingSource class to use instead of ServiceLoader discovery. */
  public static final String RECORDING_SOURCE = "relaytck.recordingSource";
  /** Configuration parameter: only these checks (IDs or globs, comma-separated). */
  public static final String CHECKS = "relaytck.checks";
  /**
   * Configuration parameter the runner sets ({@code true}): the suite reads its configuration
   * from the launcher's parameters only, never from the environment or system properties, so
   * only what {@code relay-tck run} was given configures the run. A provider's own build,
   * without it, may still use {@code -Drelaytck.*} and {@code RELAYTCK_*}.
   */
  public static final String PARAMETERS_ONLY = "relaytck.parametersOnly";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Suite.class);

  private Suite() {}

  /**
   * The tests of {@code check}, one per scenario it applies to, named {@code [ID] scenario};
   * the factory method itself is the check's container, named {@code [ID] SEVERITY title} by
   * the suite (check.displayName()).
   */
  public static Stream<DynamicTest> tests(Check check, ExtensionContext context) {
    RunContext run = run(context);
    List<DynamicTest> tests = new ArrayList<>();
    Optional<String> unselected = unselected(check, run, context);
    Optional<dev.relaytck.check.RunCheck> runCheck = Evaluators.runCheck(check);
    if (unselected.isPresent()) {
      tests.add(skipped(check, unselected.get()));
    } else if (runCheck.isPresent()) {
      // Judged once per run from the evidence it gathers itself: one test, named after the run.
      tests.add(DynamicTest.dynamicTest("[" + check.id() + "] " + RUN_NAME,
          () -> executeRun(runCheck.get(), run)));
    } else if (run.scenarios().isEmpty()) {
      tests.add(skipped(check, "no recordings available (no RecordingSource found)"));
    } else {
      Set<String> reasons = new LinkedHashSet<>();
      for (Scenario s : run.scenarios().all()) {
        Optional<String> na = Evaluators.of(check).notApplicable(s, run);
        if (na.isPresent()) {
          reasons.add(na.get());
        } else {
          tests.add(DynamicTest.dynamicTest("[" + check.id() + "] " + s.id(), () -> execute(check, s, run)));
        }
      }
      if (tests.isEmpty()) {
        tests.add(skipped(check, reasons.contains(Evaluators.NOT_IMPLEMENTED) ? Evaluators.NOT_IMPLEMENTED
            : "no scenario applies: " + String.join("; ", reasons), Evaluators.of(check).skipBasis(run)));
      }
    }
    return tests.stream();
  }

  private static DynamicTest skipped(Check check, String reason) {
    return skipped(check, reason, SkipBasis.NONE);
  }

  private static DynamicTest skipped(Check check, String reason, SkipBasis basis) {
    return DynamicTest.dynamicTest("[" + check.id() + "] " + SKIPPED_NAME, () -> {
      throw new CheckSkippedException(reason, basis);
    });
  }

  /** The display name of the single test of a check that applies to no scenario. */
  public static final String SKIPPED_NAME = "(no scenario)";

  /** The display name of the single test of a check judged once per run. */
  public static final String RUN_NAME = "(run)";

  static void execute(Check check, Scenario scenario, RunContext run) {
    Verdict v;
    try {
      v = Evaluators.evaluate(check, scenario, run);
    } catch (TargetUnreachableException e) {
      throw new TargetUnreachableAbort(e.getMessage());
    } catch (dev.relaytck.target.RunStoppedException e) {
      v = stopped(e);
    }
    report(v);
  }

  static void executeRun(dev.relaytck.check.RunCheck check, RunContext run) {
    Verdict v;
    try {
      v = Evaluators.evaluateRun(check, run);
    } catch (TargetUnreachableException e) {
      throw new TargetUnreachableAbort(e.getMessage());
    } catch (dev.relaytck.target.RunStoppedException e) {
      v = stopped(e);
    }
    report(v);
  }

  /** A check whose exchange was never sent because the run had stopped: inconclusive, saying why. */
  private static Verdict stopped(dev.relaytck.target.RunStoppedException e) {
    return Verdict.inconclusive(e.getMessage(), java.util.Map.of("runStopped", e.getMessage()));
  }

  /** Turns a verdict into the JUnit outcome the collector reads back. */
  private static void report(Verdict v) {
    switch (v.outcome()) {
      case PASSED -> { }
      case SKIPPED -> throw new CheckSkippedException(v.message(), v.skipBasis());
      case INCONCLUSIVE -> throw new CheckInconclusiveException(v.message(), v);
      case FAILED -> throw new CheckFailedError(v.message(), v);
      case ERROR -> throw new IllegalStateException(v.message());
    }
  }

  private static Optional<String> unselected(Check check, RunContext run, ExtensionContext context) {
    Optional<String> only = parameter(context, CHECKS);
    if (only.isPresent() && !only.get().isBlank()
        && !Catalog.select(List.of(only.get().split(","))).contains(check)) {
      return Optional.of("not selected (" + CHECKS + "=" + only.get() + ")");
    }
    List<String> profiles = run.config().profiles();
    String profile = check.spec().profile();
    // Expanded as the runner expands them: all, and profiles that bring others (trial).
    if (!dev.relaytck.catalog.Profiles.expand(profiles).contains(profile)) {
      return Optional.of("profile " + profile + " not selected (profiles: " + String.join(",", profiles) + ")");
    }
    return Optional.empty();
  }

  private static boolean parametersOnly(ExtensionContext context) {
    return context.getConfigurationParameter(PARAMETERS_ONLY).map(Boolean::parseBoolean).orElse(false);
  }

  /** A configuration parameter; outside the runner, a system property of that name too. */
  private static Optional<String> parameter(ExtensionContext context, String key) {
    Optional<String> p = context.getConfigurationParameter(key);
    return p.isPresent() || parametersOnly(context) ? p : Optional.ofNullable(System.getProperty(key));
  }

  /** The run shared by every check class of one launcher run (the root context's store). */
  public static RunContext run(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(RunContext.class, k -> {
      TargetConfig config = parametersOnly(context) ? TargetConfig.loadOnly(context::getConfigurationParameter)
          : TargetConfig.load(context::getConfigurationParameter, System.getenv());
      RunContext run = new RunContext(config, ScenarioCatalog.forRun(recordings(context)), context::getConfigurationParameter);
      // The launcher's owner (the runner) reads the exchanges behind the outcomes from here after the run.
      context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE).put(RunContext.class, run);
      return run;
    }, RunContext.class);
  }

  /**
   * The run context of the last suite run in {@code session} (the exchanges it performed and
   * the exchanges behind each verdict), if the suite ran in it.
   */
  public static Optional<RunContext> lastRun(org.junit.platform.launcher.LauncherSession session) {
    Object run = session.getStore().get(org.junit.platform.engine.support.store.Namespace.create(NAMESPACE.getParts()), RunContext.class);
    return run instanceof RunContext r ? Optional.of(r) : Optional.empty();
  }

  /** The session-store key of the recordings a launcher's owner gives the run ({@link #useRecordings}). */
  private static final String RECORDINGS = "relaytck.recordings";

  /**
   * Makes {@code recordings} the recordings of the suite runs in {@code session}: how a runner
   * hands a run its selection without process-wide state, so two runs in one JVM each see their own.
   */
  public static void useRecordings(org.junit.platform.launcher.LauncherSession session,
      List<dev.relaytck.recordings.format.Recording> recordings) {
    session.getStore().put(org.junit.platform.engine.support.store.Namespace.create(NAMESPACE.getParts()), RECORDINGS,
        List.copyOf(recordings));
  }

  @SuppressWarnings("unchecked")
  private static List<dev.relaytck.recordings.format.Recording> recordings(ExtensionContext context) {
    Object given = context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE).get(RECORDINGS);
    if (given instanceof List<?> list) return (List<dev.relaytck.recordings.format.Recording>) list;
    Optional<String> cls = parameter(context, RECORDING_SOURCE);
    if (cls.isEmpty()) return RecordingSource.discover();
    try {
      Object source = Class.forName(cls.get(), true, Thread.currentThread().getContextClassLoader())
          .getDeclaredConstructor().newInstance();
      return ((RecordingSource) source).recordings();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new TargetConfig.ConfigException(RECORDING_SOURCE + " names no usable RecordingSource: " + cls.get() + " (" + e + ")");
    }
  }
}
