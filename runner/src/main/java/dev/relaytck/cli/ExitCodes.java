package dev.relaytck.cli;

import picocli.CommandLine;

/**
 * The exit codes of the command-line contract (DESIGN.md): 0 clean, 1 a required check
 * failed, 2 usage or unreadable input, 3 target unreachable, 4 the kit itself failed.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int UNREACHABLE = 3;
  public static final int KIT_ERROR = 4;

  private ExitCodes() {}

  static int execute(CommandLine cli, String[] args) {
    cli.setExitCodeExceptionMapper(t -> KIT_ERROR);
    cli.setParameterExceptionHandler((ex, a) -> {
      cli.getErr().println("relay-tck: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.getErr());
      cli.getErr().println("Try 'relay-tck --help'.");
      return USAGE;
    });
    return cli.execute(args);
  }
}
