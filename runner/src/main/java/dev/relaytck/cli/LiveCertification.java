package dev.relaytck.cli;

import dev.relaytck.catalog.Profiles;
import dev.relaytck.catalog.Severity;
import dev.relaytck.outcome.CheckResult;
import dev.relaytck.outcome.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live run certifies. A live upstream cannot be compared with recordings, journaled or
 * made to fail, so some MUST checks cannot be observed live (they are skipped, saying why). A
 * live run certifies a profile when every MUST check of it that was observed passed, and says
 * how many that were: {@code CERTIFIED (live): core — 61 of 92 MUST checks observable live}. The
 * rest need a hermetic run ({@code --replay}); hermetic certification is unchanged
 * (report.json {@code certified}); this one is reported beside it, under {@code metrics.run.live}.
 *
 * @param observed the MUST checks of the profile that observed something (passed, failed, inconclusive, error)
 * @param must every MUST check of the profile that ran
 * @param needHermetic the MUST checks skipped: not observable live
 * @param blocking the observed MUST checks that did not pass
 */
record LiveCertification(String profile, int observed, int must, List<String> needHermetic, List<String> blocking) {
  static List<LiveCertification> of(List<CheckResult> results, List<String> profiles) {
    List<LiveCertification> out = new ArrayList<>();
    for (String profile : Profiles.expand(profiles)) {
      int observed = 0;
      int must = 0;
      List<String> hermetic = new ArrayList<>();
      List<String> blocking = new ArrayList<>();
      for (CheckResult r : results) {
        if (!r.check().spec().profile().equals(profile) || r.check().spec().severity() != Severity.MUST) continue;
        must++;
        if (r.outcome() == Outcome.SKIPPED) {
          hermetic.add(r.check().id());
          continue;
        }
        observed++;
        if (r.outcome() != Outcome.PASSED && r.waiver() == null) blocking.add(r.check().id() + " " + r.outcome().name().toLowerCase(java.util.Locale.ROOT));
      }
      if (must > 0) out.add(new LiveCertification(profile, observed, must, List.copyOf(hermetic), List.copyOf(blocking)));
    }
    return out;
  }

  boolean certified() {
    return observed > 0 && blocking.isEmpty();
  }

  String line() {
    String counts = observed + " of " + must + " MUST checks observable live";
    if (certified()) {
      return "CERTIFIED (live): " + profile + " — " + counts + (needHermetic.isEmpty() ? "" : "; the rest need --replay");
    }
    return "not certified (live): " + profile + " — " + counts + (blocking.isEmpty() ? "" : "; not passed: " + String.join(", ", blocking));
  }

  /** report.json {@code metrics.run.live}: the model requested, what each profile's live certification covers, a common cause. */
  static Map<String, Object> metric(LiveModelChoice model, List<LiveCertification> profiles, String commonCause) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (model != null) {
      m.put("model", model.model());
      m.put("maxOutputTokens", model.maxOutputTokens());
      m.put("modelSource", model.source());
    }
    m.put("certified", profiles.stream().filter(LiveCertification::certified).map(LiveCertification::profile).toList());
    m.put("profiles", profiles.stream().map(LiveCertification::asMetric).toList());
    if (commonCause != null) m.put("commonCause", commonCause);
    return m;
  }

  /** One profile's entry of {@code metrics.run.live.profiles}. */
  Map<String, Object> asMetric() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("profile", profile);
    m.put("certified", certified());
    m.put("mustObservableLive", observed);
    m.put("must", must);
    m.put("needHermetic", needHermetic);
    m.put("notPassed", blocking);
    return m;
  }
}
