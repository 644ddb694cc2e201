package dev.relaytck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relay-tck} command: one subcommand per verb of the command-line contract (docs/contract.md). */
@Command(name = "relay-tck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Conformance kit for Anthropic-compatible relays and gateways.",
    exitCodeListHeading = "%nExit codes (run, validate, diff):%n",
    exitCodeList = {
        "0:every required check passed, no regression, clean input",
        "1:a required check failed, a regression, a violation",
        "2:usage or configuration error, unreadable input",
        "3:the target could not be reached at all",
        "4:the kit itself failed (a bug; the stack trace is in a log file)"},
    footerHeading = "%nEnvironment:%n",
    footer = {
        "  ANTHROPIC_AUTH_TOKEN  run: sent as Authorization: Bearer",
        "  ANTHROPIC_API_KEY     run: sent as x-api-key; record: the key used upstream",
        "  HTTPS_PROXY, NO_PROXY run: proxy for https targets",
        "  CI=true               plain progress lines instead of a status line",
        "ANTHROPIC_BASE_URL is never read: pass --base-url \"$ANTHROPIC_BASE_URL\"."},
    subcommands = {
        RunCommand.class,
        CommandLine.HelpCommand.class,
        ServeCommand.class,
        RecordCommand.class,
        ImportCommand.class,
        ValidateCommand.class,
        DiffCommand.class,
        MatrixCommand.class,
        ListCommand.class,
    })
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
