package dev.relaytck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relay-tck} command: one subcommand per verb of the command-line contract (DESIGN.md). */
@Command(name = "relay-tck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Conformance kit for Anthropic-compatible relays and gateways.",
    subcommands = {
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
