package dev.relaytck.cli;

import picocli.CommandLine;

/**
 * The exit codes of the command-line contract (docs/contract.md): 0 clean, 1 a required check
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
      cli.getErr().println("relay-tck: " + hideCredentials(ex.getMessage()));
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.getErr());
      cli.getErr().println("Try 'relay-tck --help'.");
      return USAGE;
    });
    return cli.execute(args);
  }

  /**
   * picocli quotes the arguments it could not match; a key pasted after an option that does not
   * exist (no option takes one: credentials come from the environment) must not reach a CI log.
   */
  static String hideCredentials(String message) {
    return message == null ? null
        : CREDENTIAL_LIKE.matcher(CREDENTIAL_OPTION.matcher(message).replaceAll("$1<hidden>")).replaceAll("<hidden>");
  }

  /** The value of an option that carries a credential, as picocli echoes a group's options ({@code --balance-token=T}). */
  private static final java.util.regex.Pattern CREDENTIAL_OPTION =
      java.util.regex.Pattern.compile("(--(?:api-key|auth-token|balance-token|balance-header|header)[= ])[^\\s,}\\]]+");

  /** Anthropic keys and tokens, and any long unbroken run of token characters. */
  private static final java.util.regex.Pattern CREDENTIAL_LIKE =
      java.util.regex.Pattern.compile("sk-ant-[A-Za-z0-9_-]+|(?<![A-Za-z0-9_/.-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_/.-])");
}
