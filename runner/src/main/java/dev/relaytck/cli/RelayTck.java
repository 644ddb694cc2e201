package dev.relaytck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relay-tck} command: one subcommand per verb of the command-line contract (DESIGN.md). */
@Command(name = "relay-tck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Conformance kit for Anthropic-compatible relays and gateways.",
    subcommands = {CommandLine.HelpCommand.class, ListCommand.class, DiffCommand.class, MatrixCommand.class},
    exitCodeListHeading = "%nExit codes (run, validate, diff):%n",
    exitCodeList = {
        "0:every required check passed (no regression, clean input)",
        "1:a required check failed (a regression, a violation)",
        "2:usage or configuration error, unreadable input",
        "3:the target could not be reached at all",
        "4:the kit itself failed (a bug; the stack trace is in a log file)"},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  ANTHROPIC_AUTH_TOKEN  default of --auth-token (Authorization: Bearer)",
        "  ANTHROPIC_API_KEY     default of --api-key (x-api-key); record: upstream key",
        "  ANTHROPIC_BASE_URL    never read: pass --base-url \"$ANTHROPIC_BASE_URL\"",
        "  HTTPS_PROXY           proxy for https targets",
        "  CI                    CI=true: plain progress lines, no live status line",
        "  RELAY_TCK_JAVA_OPTS   extra JVM options for the ./relay-tck launcher",
        "  RELAY_TCK_NO_BUILD    1: the launcher runs the jar without rebuilding it"})
public final class RelayTck implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  public static void main(String[] args) {
    System.exit(ExitCodes.execute(new CommandLine(new RelayTck()), args));
  }
}
