package dev.relaytck.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a report's selected profiles are not certified, in words a person acts on: the MUST
 * checks of each profile that did not pass (failed, inconclusive, in error, or skipped for a
 * reason certification does not tolerate). Read from the report alone, so {@code report.html}
 * and {@code matrix} can say it for any report.
 */
final class NotCertified {
  static final int SHOWN = 4;

  private NotCertified() {}

  /** One line per selected profile that is not certified: {@code core is not certified: FAULT-020 failed, ERR-010 inconclusive}. */
  static List<String> reasons(Report report) {
    List<String> lines = new ArrayList<>();
    for (String profile : report.profiles()) {
      if (report.certified().contains(profile)) continue;
      List<String> blockers = new ArrayList<>();
      for (Report.CheckEntry c : report.checks()) {
        if (!profile.equals(c.profile()) || !"MUST".equals(c.severity())) continue;
        String why = blocker(c);
        if (why != null) blockers.add(c.id() + " " + why);
      }
      if (blockers.isEmpty()) {
        lines.add(profile + " is not certified: none of its checks ran");
        continue;
      }
      lines.add(profile + " is not certified: " + String.join(", ", blockers.subList(0, Math.min(SHOWN, blockers.size())))
          + (blockers.size() > SHOWN ? " and " + (blockers.size() - SHOWN) + " more" : ""));
    }
    return lines;
  }

  private static String blocker(Report.CheckEntry c) {
    if (c.waived()) return "waived";
    return switch (c.status() == null ? "" : c.status()) {
      case "passed" -> null;
      case "skipped" -> c.skip() != null && c.skip().tolerated() ? null : "skipped (" + c.message() + ")";
      default -> c.status();
    };
  }
}
