package dev.relaytck.report;

import dev.relaytck.catalog.Area;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.CheckSpec;
import dev.relaytck.catalog.Profiles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * Renders {@code docs/checks.md} from the catalog, the single source of truth. Never edit the
 * page by hand: {@code ./relay-tck list --markdown > docs/checks.md}, or run the runner's tests
 * with {@code -Drelaytck.regenerateDocs=true} (ChecksDocTests fails when the page is stale).
 */
public final class ChecksDoc {
  public String render(List<Check> checks) {
    StringBuilder md = new StringBuilder();
    md.append("# Check catalog\n\n");
    md.append("<!-- Generated from the catalog (dev.relaytck.catalog.Catalog) by dev.relaytck.report.ChecksDoc: do not edit.\n")
        .append("     Regenerate: ./relay-tck list --markdown > docs/checks.md\n")
        .append("     or: ./mvnw -B -pl runner -am verify -Dtest=ChecksDocTests -Dsurefire.failIfNoSpecifiedTests=false -Drelaytck.regenerateDocs=true -->\n\n");
    long must = checks.stream().filter(c -> c.severity().name().equals("MUST")).count();
    md.append(checks.size()).append(" checks, ").append(must).append(" of them MUST. ")
        .append("A check's ID never changes meaning; a retired check keeps its ID reserved. ")
        .append("MUST failures fail a run and block certification; SHOULD failures fail it only with `--strict`; ")
        .append("INFO checks report what they saw and never fail. ")
        .append("Profiles: ").append(String.join(", ", Profiles.known(checks).stream().map(p -> "`" + p + "`").toList()))
        .append(" (`all` runs every profile except the opt-in ones: ")
        .append(String.join(", ", Profiles.OPT_IN.stream().sorted().map(p -> "`" + p + "`").toList())).append(").\n\n");
    Map<Area, List<Check>> byArea = new LinkedHashMap<>();
    checks.forEach(c -> byArea.computeIfAbsent(c.spec().area(), a -> new ArrayList<>()).add(c));
    for (Area area : byArea.keySet()) {
      md.append("- [").append(area.name()).append(": ").append(area.title()).append("](#").append(anchor(area)).append(")\n");
    }
    for (Map.Entry<Area, List<Check>> e : byArea.entrySet()) {
      md.append("\n## ").append(e.getKey().name()).append(": ").append(e.getKey().title()).append("\n\n");
      md.append("| ID | Severity | Profile | Rule | When it fails | Documentation |\n| --- | --- | --- | --- | --- | --- |\n");
      for (Check c : e.getValue()) {
        CheckSpec s = c.spec();
        md.append("| ").append(s.id()).append(" | ").append(s.severity()).append(" | ").append(s.profile()).append(" | **")
            .append(cell(s.title())).append("**<br>").append(cell(s.requirement())).append(" | ").append(cell(s.hint()))
            .append(" | [").append(cell(s.docRef())).append("](").append(s.docUrl()).append(") |\n");
      }
    }
    return md.toString();
  }

  private static String anchor(Area area) {
    return (area.name() + ": " + area.title()).toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
