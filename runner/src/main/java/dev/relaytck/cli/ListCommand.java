package dev.relaytck.cli;

import dev.relaytck.catalog.Catalog;
import dev.relaytck.catalog.Check;
import dev.relaytck.catalog.Profiles;
import dev.relaytck.report.ChecksDoc;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relay-tck list [--profile P]}: the check catalog. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Print the check catalog: ID, severity, profile and title of every check.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:catalog printed", "2:usage error (unknown profile)"})
final class ListCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--profile", split = ",", paramLabel = "P",
      description = "only checks of these profiles (`all`: every profile except opt-in ones)")
  List<String> profiles;

  @Option(names = "--markdown", description = "print docs/checks.md instead (the generated catalog page)")
  boolean markdown;

  @Override
  public Integer call() {
    List<Check> checks = Catalog.all();
    if (profiles != null && !profiles.isEmpty()) {
      Set<String> wanted = Profiles.expand(profiles);
      Set<String> known = Profiles.known();
      for (String p : wanted) {
        if (!known.contains(p)) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "unknown profile '" + p + "'; known: " + String.join(", ", known) + ", all");
        }
      }
      checks = checks.stream().filter(c -> wanted.contains(c.spec().profile())).toList();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.print(new ChecksDoc().render(checks));
    } else {
      int titleWidth = 0;
      for (Check c : checks) titleWidth = Math.max(titleWidth, c.spec().profile().length());
      for (Check c : checks) {
        out.printf("%-8s %-6s %-" + Math.max(7, titleWidth) + "s %s%n", c.id(), c.severity(), c.spec().profile(), c.spec().title());
      }
      out.printf("%d checks%n", checks.size());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
